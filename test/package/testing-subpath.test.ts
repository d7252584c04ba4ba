import { expect } from "chai";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { FederationTrust, IngressGateway } from "../../components";
import { formatFinding, isSecretValue, KubeObject, planProgram, PlanError, ProgramPlan, validateManifests } from "../../testing";

// A package user's own program, written only against meshfed's public entry points: one cluster's
// federation CA and credentials, and its private ingress gateway behind an internal AWS load balancer.
const NAMESPACE = "istio-federation-ingress";
function userProgram(hosts = ["c2.example.com"]) {
    return () => {
        const config = new pulumi.Config("shop");
        const provider = new k8s.Provider("cluster2", { kubeconfig: config.requireSecret("kubeconfig") });
        const namespace = new k8s.core.v1.Namespace("ingress-namespace", { metadata: { name: NAMESPACE } }, { provider });
        const trust = new FederationTrust("cluster2-trust", { provider, clusterName: "cluster2", hosts, ingressNamespace: namespace.metadata.name });
        const ingress = new IngressGateway("cluster2-ingress", { provider, namespace: NAMESPACE, dependsOn: [namespace, trust.ingressCredential!], cloud: "aws" });
        return { caCertPem: trust.caCertPem, address: ingress.address };
    };
}
const OPTIONS = { stack: "cluster2", project: "shop", config: { "shop:kubeconfig": "stand-in" }, secretKeys: ["shop:kubeconfig"] };

function manifest(plan: ProgramPlan, kind: string, name: string): KubeObject {
    const found = plan.manifests.filter((o) => o.kind === kind && o.metadata.name === name);
    expect(found, `${kind} ${name}`).to.have.lengthOf(1);
    return found[0];
}

describe("meshfed/testing: planning a user's own program offline", () => {
    let plan: ProgramPlan;
    before(async () => {
        plan = await planProgram(userProgram(), OPTIONS);
    });

    it("would apply cleanly: no schema findings and no analysis messages", () => {
        expect(plan.problems).to.deep.equal([]);
    });

    it("creates the ingress credential Secret federation-ingress in the gateway's namespace, its private key marked secret", () => {
        const secret = manifest(plan, "Secret", "federation-ingress");
        const record = plan.records.find((r) => r.type === "kubernetes:core/v1:Secret" && (r.outputs.metadata as KubeObject["metadata"])?.name === "federation-ingress")!;

        expect(secret.metadata.namespace).to.equal(NAMESPACE);
        expect(Object.keys(secret.stringData as object)).to.include("tls.key");
        expect(String((secret.stringData as Record<string, string>)["tls.key"])).to.match(/^-----BEGIN (RSA |EC )?PRIVATE KEY-----/);
        expect(isSecretValue(record.inputs.stringData), "stringData as the program sent it").to.equal(true);
    });

    it("exposes the gateway on 15443 through an internal AWS load balancer", () => {
        const release = plan.releases.find((r) => r.chart === "gateway" && r.namespace === NAMESPACE)!;
        const values = release.values as { service: { ports: { port: number }[]; annotations: Record<string, string> } };

        expect(values.service.ports.map((p) => p.port)).to.deep.equal([15443]);
        expect(values.service.annotations).to.have.property("service.beta.kubernetes.io/aws-load-balancer-scheme", "internal");
    });

    it("returns the stack outputs: the CA certificate, public and not marked secret, and the simulated load balancer's address", () => {
        expect(isSecretValue(plan.outputs.caCertPem)).to.equal(false);
        expect(plan.outputs.caCertPem).to.match(/^-----BEGIN CERTIFICATE-----/);
        expect(plan.outputs.address).to.have.property("ip").that.matches(/^192\.0\.2\./);
    });

    it("reports an object that breaks its Istio CRD schema by kind, namespace, name and field", async () => {
        const broken = await planProgram(() => {
            new k8s.apiextensions.CustomResource("route", {
                apiVersion: "networking.istio.io/v1",
                kind: "VirtualService",
                metadata: { name: "reviews", namespace: "bookinfo" },
                spec: { hosts: ["reviews"], http: [{ route: [{ destination: { host: "reviews" } }], retrys: { attempts: 3 } }] },
            });
        }, { project: "shop" });

        expect(broken.problems).to.have.lengthOf(1);
        expect(broken.problems[0]).to.match(/^VirtualService bookinfo\/reviews: spec\.http\[0\]\.retrys: .*unknown field/);
    });

    it("rejects a program whose component refuses its Args, naming the Args field", async () => {
        const err = await planProgram(userProgram([]), OPTIONS).then(
            () => expect.fail("the plan should fail"),
            (e: unknown) => e,
        );

        expect(err).to.be.instanceOf(PlanError);
        expect((err as PlanError).problems.join("\n")).to.include("FederationTrustArgs.hosts");
    });

    it("validates objects built by hand as a plan's own", async () => {
        const findings = await validateManifests([
            { apiVersion: "networking.istio.io/v1", kind: "DestinationRule", metadata: { name: "reviews", namespace: "bookinfo" }, spec: { host: "reviews", trafficPolicy: { tls: { mode: "MUTUAL_TLS" } } } },
        ]);

        expect(findings.map(formatFinding)).to.have.lengthOf(1);
        expect(findings[0]).to.include({ object: "DestinationRule bookinfo/reviews", path: "spec.trafficPolicy.tls.mode" });
    });
});
