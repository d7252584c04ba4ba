import { expect } from "chai";
import { PlanError, StackPlan } from "../../engine/run-stack";
import { helmReleasesOf } from "../../engine/manifests";
import { checkPlan, problemsOf } from "../../validate/check-plan";
import { planMeshfed, rejectionOf } from "../support/plan";
import { objectOf, outputOf } from "../support/records";

function cluster2(gateways: Record<string, unknown> = {}, offline: Record<string, unknown> = {}) {
    return {
        "meshfed:cluster": { name: "cluster2" },
        "meshfed:trust": { federationHost: "c2.example.com" },
        "meshfed:gateways": gateways,
        "meshfed:offline": offline,
    };
}
const release = (plan: StackPlan, name: string) => helmReleasesOf(plan.records).find((r) => r.name === name)!;

describe("the private gateways of a cluster", () => {
    let plan: StackPlan;
    before(async () => {
        plan = await planMeshfed(cluster2(), { stack: "cluster2" });
    });

    it("installs the official istio/gateway chart, pinned, as two fixed releases in istio-private-gateways", () => {
        for (const name of ["istio-private-ingressgateway", "istio-private-egressgateway"]) {
            const r = release(plan, name);
            expect(r.chart).to.equal("gateway");
            expect(r.version).to.equal("1.30.3");
            expect(r.namespace).to.equal("istio-private-gateways");
            expect((r.record.inputs as any).repositoryOpts.repo).to.equal("https://istio-release.storage.googleapis.com/charts");
        }
    });

    it("passes the chart's values schema and every object's schema", async () => {
        expect(problemsOf(await checkPlan(plan.records, plan.cluster.objects()))).to.deep.equal([]);
    });

    it("installs each gateway after the credential Secrets it serves", () => {
        const secretUrn = (name: string) =>
            plan.records.find((r) => r.type === "kubernetes:core/v1:Secret" && (r.outputs as any).metadata?.name === name)!.urn;
        expect(release(plan, "istio-private-ingressgateway").record.dependencies).to.include(secretUrn("federation-ingress"));
        expect(release(plan, "istio-private-egressgateway").record.dependencies).to.include(secretUrn("federation-egress"));
    });

    it("exports the address an IP load balancer reports", () => {
        expect(outputOf<any>(plan, "ingressAddress")).to.have.all.keys("ip");
        expect(outputOf<any>(plan, "ingressAddress").ip).to.match(/^192\.0\.2\.\d+$/);
        expect(outputOf(plan, "ingressPort")).to.equal(15443);
    });

    it("exports the DNS name a hostname load balancer (as on AWS) reports", async () => {
        const aws = await planMeshfed(cluster2({}, { loadBalancer: "hostname" }), { stack: "cluster2" });
        expect(outputOf<any>(aws, "ingressAddress")).to.have.all.keys("hostname");
        expect(outputOf<any>(aws, "ingressAddress").hostname).to.match(/\.elb\.offline\.example\.com$/);
    });

    it("exports a pinned address instead, without reading the Service", async () => {
        const pinned = await planMeshfed(cluster2({ ingress: { address: { hostname: "federation.c2.example.com" } } }), { stack: "cluster2" });
        expect(outputOf(pinned, "ingressAddress")).to.deep.equal({ hostname: "federation.c2.example.com" });
        expect(pinned.records.filter((r) => r.read && r.type === "kubernetes:core/v1:Service")).to.deep.equal([]);
    });

    it("switches on access logs for the federation gateways only", async () => {
        const logged = await planMeshfed(cluster2({ ingress: { accessLogging: true } }), { stack: "cluster2" });
        const telemetry = objectOf(logged, "Telemetry", "istio-private-ingressgateway-access-log", "istio-private-gateways");
        expect((telemetry.spec as any).selector).to.deep.equal({ matchLabels: { istio: "private-ingressgateway" } });
        expect(problemsOf(await checkPlan(logged.records, logged.cluster.objects()))).to.deep.equal([]);
        expect(plan.records.some((r) => r.type.endsWith(":Telemetry"))).to.equal(false);
    });

    it("rejects a bad setting by its config key before registering any resource", async () => {
        let error: unknown;
        try {
            await planMeshfed(cluster2({ ingress: { serviceType: "Ingress" } }), { stack: "cluster2" });
        } catch (err) {
            error = err;
        }
        expect(error).to.be.instanceOf(PlanError);
        expect((error as PlanError).message).to.contain('meshfed:gateways.ingress.serviceType: "Ingress" is not valid');
        expect((error as PlanError).records.filter((r) => r.custom)).to.deep.equal([]);
    });

    it("needs the cluster's federation identity to install a gateway", async () => {
        const message = await rejectionOf(
            planMeshfed({ "meshfed:cluster": { name: "cluster2" }, "meshfed:gateways": { ingress: {} } }, { stack: "cluster2" }),
        );
        expect(message).to.contain("meshfed:gateways.ingress: {} is not valid; a private gateway needs the cluster's federation identity");
    });
});
