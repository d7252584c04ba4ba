import { expect } from "chai";
import { PlanError, StackPlan } from "../../engine/run-stack";
import { helmReleasesOf, manifestsOf } from "../../engine/manifests";
import { reveal } from "../../engine/secrets";
import { checkPlan, problemsOf } from "../../validate/check-plan";
import { planMeshfed, rejectionOf } from "../support/plan";
import { objectOf, outputOf } from "../support/records";

const EXPORTS = [{ service: { name: "myreviews", namespace: "bookinfo", port: 9080 }, subset: { name: "v2", labels: { version: "v2" } }, exportAs: { name: "reviews-v2" }, consumers: ["cluster1"] }];

/** cluster2's identity stack: by default it exports reviews-v2 (internal LB on GCP) and imports from cluster1 and cluster3. */
function cluster2(gateways: Record<string, unknown> = {}, more: Record<string, unknown> = {}): Record<string, unknown> {
    const config = {
        "meshfed:cluster": { name: "cluster2" },
        "meshfed:trust": { federationHost: "c2.example.com" },
        "meshfed:gateways": { ingress: { cloud: "gcp" }, egress: { peers: ["cluster1", "cluster3"] }, ...gateways },
        "meshfed:exports": EXPORTS,
        ...more,
    };
    // A key set to undefined is a key left out of the stack file.
    return Object.fromEntries(Object.entries(config).filter(([, v]) => v !== undefined));
}
const releases = (plan: StackPlan) => helmReleasesOf(plan.records);
const release = (plan: StackPlan, name: string) => {
    const found = releases(plan).filter((r) => r.name === name);
    expect(found, `release ${name}`).to.have.lengthOf(1);
    return found[0];
};
/** Every Secret the plan applies, as "namespace/name". */
const secrets = (plan: StackPlan) =>
    manifestsOf(plan.records)
        .map((m) => reveal(m.object) as any)
        .filter((o) => o.kind === "Secret")
        .map((o) => `${o.metadata.namespace}/${o.metadata.name}`)
        .sort();

describe("the private gateways of a cluster that exports and imports", () => {
    let plan: StackPlan;
    before(async () => {
        plan = await planMeshfed(cluster2(), { stack: "cluster2" });
    });

    it("installs the official istio/gateway chart, pinned, once per gateway, each in a namespace of its own", () => {
        expect(releases(plan).map((r) => `${r.namespace}/${r.name}`).sort()).to.deep.equal([
            "istio-federation-egress/istio-private-egressgateway",
            "istio-federation-ingress/istio-private-ingressgateway",
        ]);
        for (const r of releases(plan)) {
            expect(r.chart).to.equal("gateway");
            expect(r.version).to.equal("1.30.3");
            expect((r.record.inputs as any).repositoryOpts.repo).to.equal("https://istio-release.storage.googleapis.com/charts");
        }
    });

    it("creates both namespaces", () => {
        for (const ns of ["istio-federation-ingress", "istio-federation-egress"]) objectOf(plan, "Namespace", ns);
    });

    it("puts in each gateway's namespace only that gateway's credentials: the server key with the ingress, a client credential per peer with the egress", () => {
        expect(secrets(plan)).to.deep.equal([
            "istio-federation-egress/federation-egress-cluster1",
            "istio-federation-egress/federation-egress-cluster3",
            "istio-federation-ingress/federation-ingress",
        ]);
    });

    it("passes the chart's values schema and every object's schema", async () => {
        expect(problemsOf(await checkPlan(plan.records, plan.cluster.objects()))).to.deep.equal([]);
    });

    it("installs each gateway after the credential Secrets it serves", () => {
        const secretUrn = (name: string) =>
            plan.records.find((r) => r.type === "kubernetes:core/v1:Secret" && (r.outputs as any).metadata?.name === name)!.urn;
        expect(release(plan, "istio-private-ingressgateway").record.dependencies).to.include(secretUrn("federation-ingress"));
        const egressDeps = release(plan, "istio-private-egressgateway").record.dependencies;
        expect(egressDeps).to.include(secretUrn("federation-egress-cluster1"));
        expect(egressDeps).to.include(secretUrn("federation-egress-cluster3"));
    });

    it("gives the ingress load balancer the cloud's internal annotation and only the https federation port; the egress Service only 443", () => {
        const ingress = reveal(release(plan, "istio-private-ingressgateway").values) as any;
        const egress = reveal(release(plan, "istio-private-egressgateway").values) as any;

        expect(ingress.service.type).to.equal("LoadBalancer");
        expect(ingress.service.annotations).to.deep.equal({ "networking.gke.io/load-balancer-type": "Internal" });
        expect(ingress.service.ports).to.deep.equal([{ name: "https", port: 15443, targetPort: 15443, protocol: "TCP" }]);
        expect(egress.service.type).to.equal("ClusterIP");
        expect(egress.service.ports.map((p: any) => p.port)).to.deep.equal([443]);
    });

    it("tells its federation stack where each gateway runs and which credential it holds per peer", () => {
        expect(outputOf(plan, "gateways")).to.deep.equal({
            ingress: {
                namespace: "istio-federation-ingress",
                releaseName: "istio-private-ingressgateway",
                serviceHost: "istio-private-ingressgateway.istio-federation-ingress.svc.cluster.local",
                selector: { istio: "private-ingressgateway" },
                port: 15443,
                credentialName: "federation-ingress",
            },
            egress: {
                namespace: "istio-federation-egress",
                releaseName: "istio-private-egressgateway",
                serviceHost: "istio-private-egressgateway.istio-federation-egress.svc.cluster.local",
                selector: { istio: "private-egressgateway" },
                credentials: { cluster1: "federation-egress-cluster1", cluster3: "federation-egress-cluster3" },
            },
            sidecarCredentials: {},
        });
    });

    it("exports the address an IP load balancer reports", () => {
        expect(outputOf<any>(plan, "ingressAddress")).to.have.all.keys("ip");
        expect(outputOf<any>(plan, "ingressAddress").ip).to.match(/^192\.0\.2\.\d+$/);
        expect(outputOf(plan, "ingressPort")).to.equal(15443);
    });
});

describe("gateways only where they serve something", () => {
    it("runs no ingress gateway, load balancer or server key on a cluster that exports nothing, and still publishes its contract", async () => {
        const plan = await planMeshfed(cluster2({ ingress: undefined }, { "meshfed:exports": undefined }), { stack: "cluster2" });

        expect(releases(plan).map((r) => r.name)).to.deep.equal(["istio-private-egressgateway"]);
        expect(secrets(plan)).to.deep.equal(["istio-federation-egress/federation-egress-cluster1", "istio-federation-egress/federation-egress-cluster3"]);
        expect(plan.records.filter((r) => r.type === "tls:index/locallySignedCert:LocallySignedCert").map((r) => r.name)).to.deep.equal(["cluster2-trust-egress-cert"]);
        expect(outputOf<any>(plan, "gateways")).not.to.have.property("ingress");
        const contract = outputOf<any>(plan, "federation");
        expect(contract).to.include({ cluster: "cluster2", host: "c2.example.com" });
        expect(contract).not.to.have.property("address");
        expect(problemsOf(await checkPlan(plan.records, plan.cluster.objects()))).to.deep.equal([]);
    });

    it("runs no egress gateway and issues no client key on a cluster that imports from no peer", async () => {
        const plan = await planMeshfed(cluster2({ egress: undefined }), { stack: "cluster2" });

        expect(releases(plan).map((r) => r.name)).to.deep.equal(["istio-private-ingressgateway"]);
        expect(secrets(plan)).to.deep.equal(["istio-federation-ingress/federation-ingress"]);
        expect(plan.records.filter((r) => r.type === "tls:index/locallySignedCert:LocallySignedCert").map((r) => r.name)).to.deep.equal(["cluster2-trust-ingress-cert"]);
        expect(plan.records.filter((r) => r.type === "kubernetes:core/v1:Namespace").map((r) => (r.inputs as any).metadata.name)).to.deep.equal(["istio-federation-ingress"]);
    });

    it("runs no gateway at all on a cluster that neither exports nor imports", async () => {
        const plan = await planMeshfed(cluster2({ ingress: undefined, egress: undefined }, { "meshfed:exports": undefined }), { stack: "cluster2" });

        expect(releases(plan)).to.deep.equal([]);
        expect(secrets(plan)).to.deep.equal([]);
    });
});

describe("renamed gateway namespaces", () => {
    let plan: StackPlan;
    before(async () => {
        plan = await planMeshfed(cluster2({ ingress: { namespace: "fed-in", cloud: "aws" }, egress: { namespace: "fed-out", peers: ["cluster1"] } }), { stack: "cluster2" });
    });

    it("install each gateway and its credentials in the namespace given", () => {
        expect(releases(plan).map((r) => `${r.namespace}/${r.name}`).sort()).to.deep.equal(["fed-in/istio-private-ingressgateway", "fed-out/istio-private-egressgateway"]);
        expect(secrets(plan)).to.deep.equal(["fed-in/federation-ingress", "fed-out/federation-egress-cluster1"]);
    });

    it("reach the federation stack through the identity stack's outputs", () => {
        const g = outputOf<any>(plan, "gateways");
        expect([g.ingress.namespace, g.ingress.serviceHost, g.egress.namespace, g.egress.serviceHost]).to.deep.equal([
            "fed-in",
            "istio-private-ingressgateway.fed-in.svc.cluster.local",
            "fed-out",
            "istio-private-egressgateway.fed-out.svc.cluster.local",
        ]);
    });

    it("get AWS's internal annotations on the ingress load balancer", () => {
        const values = reveal(release(plan, "istio-private-ingressgateway").values) as any;
        expect(values.service.annotations).to.deep.equal({
            "service.beta.kubernetes.io/aws-load-balancer-scheme": "internal",
            "service.beta.kubernetes.io/aws-load-balancer-internal": "true",
        });
    });
});

describe("private gateway settings in a plan", () => {
    it("exports the DNS name a hostname load balancer (as on AWS) reports", async () => {
        const aws = await planMeshfed(cluster2({}, { "meshfed:offline": { loadBalancer: "hostname" } }), { stack: "cluster2" });
        expect(outputOf<any>(aws, "ingressAddress")).to.have.all.keys("hostname");
        expect(outputOf<any>(aws, "ingressAddress").hostname).to.match(/\.elb\.offline\.example\.com$/);
    });

    it("exports a pinned address instead, without reading the Service", async () => {
        const pinned = await planMeshfed(cluster2({ ingress: { cloud: "gcp", address: { hostname: "federation.c2.example.com" } } }), { stack: "cluster2" });
        expect(outputOf(pinned, "ingressAddress")).to.deep.equal({ hostname: "federation.c2.example.com" });
        expect(pinned.records.filter((r) => r.read && r.type === "kubernetes:core/v1:Service")).to.deep.equal([]);
    });

    it("hands the control-plane revision to both releases", async () => {
        const revised = await planMeshfed(cluster2({ ingress: { cloud: "gcp", revision: "1-30-3" }, egress: { peers: ["cluster1"], revision: "1-30-3" } }), { stack: "cluster2" });
        for (const name of ["istio-private-ingressgateway", "istio-private-egressgateway"]) {
            expect((reveal(release(revised, name).values) as any).revision, name).to.equal("1-30-3");
        }
    });

    it("switches on access logs for the federation gateways only", async () => {
        const logged = await planMeshfed(cluster2({ ingress: { cloud: "gcp", accessLogging: true } }), { stack: "cluster2" });
        const telemetry = objectOf(logged, "Telemetry", "istio-private-ingressgateway-access-log", "istio-federation-ingress");
        expect((telemetry.spec as any).selector).to.deep.equal({ matchLabels: { istio: "private-ingressgateway" } });
        expect(logged.records.filter((r) => r.type.endsWith(":Telemetry"))).to.have.lengthOf(1);
        expect(problemsOf(await checkPlan(logged.records, logged.cluster.objects()))).to.deep.equal([]);
    });

    it("rejects a bad setting by its config key before registering any resource", async () => {
        let error: unknown;
        try {
            await planMeshfed(cluster2({ ingress: { cloud: "gcp", serviceType: "Ingress" } }), { stack: "cluster2" });
        } catch (err) {
            error = err;
        }
        expect(error).to.be.instanceOf(PlanError);
        expect((error as PlanError).message).to.contain('meshfed:gateways.ingress.serviceType: "Ingress" is not valid');
        expect((error as PlanError).records.filter((r) => r.custom)).to.deep.equal([]);
    });

    it("refuses an internal load balancer it cannot make internal, naming meshfed:gateways.ingress.cloud", async () => {
        const message = await rejectionOf(planMeshfed(cluster2({ ingress: {} }), { stack: "cluster2" }));
        expect(message).to.contain("meshfed:gateways.ingress.cloud: a missing value is not valid; the ingress load balancer is internal by default");
    });

    it("refuses the shared namespace setting of earlier versions", async () => {
        const message = await rejectionOf(planMeshfed(cluster2({ namespace: "istio-private-gateways" }), { stack: "cluster2" }));
        expect(message).to.contain('meshfed:gateways.namespace: "istio-private-gateways" is not valid; each gateway now has a namespace of its own');
    });

    it("needs the cluster's federation identity to install a gateway", async () => {
        const message = await rejectionOf(
            planMeshfed({ "meshfed:cluster": { name: "cluster2" }, "meshfed:gateways": { ingress: { cloud: "gcp" } } }, { stack: "cluster2" }),
        );
        expect(message).to.contain("meshfed:gateways.ingress: {\"cloud\":\"gcp\"} is not valid; a private gateway needs the cluster's federation identity");
    });
});
