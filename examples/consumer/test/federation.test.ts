import { expect } from "chai";
import { KubeObject, planProgram, ProgramPlan } from "meshfed/testing";
import { CLUSTER2_ADDRESS, EGRESS_NAMESPACE, federation, INGRESS_NAMESPACE } from "../federation";

function manifest(plan: ProgramPlan, kind: string, name: string, namespace: string): KubeObject {
    const found = plan.manifests.filter((o) => o.kind === kind && o.metadata.name === name && o.metadata.namespace === namespace);
    expect(found, `${kind} ${namespace}/${name}`).to.have.lengthOf(1);
    return found[0];
}

describe("two clusters federated by one program", () => {
    let plan: ProgramPlan;
    before(async () => {
        plan = await planProgram(federation, {
            stack: "dev",
            config: { "consumer:cluster1Kubeconfig": "stand-in", "consumer:cluster2Kubeconfig": "stand-in" },
            secretKeys: ["consumer:cluster1Kubeconfig", "consumer:cluster2Kubeconfig"],
        });
    });

    it("would apply cleanly: no schema findings, no analysis messages", () => {
        expect(plan.problems).to.deep.equal([]);
    });

    it("has cluster1 dial cluster2's pinned address", () => {
        const entry = manifest(plan, "ServiceEntry", "peer-cluster2", EGRESS_NAMESPACE) as KubeObject & { spec: { endpoints: unknown[]; hosts: string[] } };
        expect(entry.spec.endpoints).to.deep.equal([{ address: CLUSTER2_ADDRESS }]);
        expect(entry.spec.hosts).to.deep.equal(["c2.example.com"]);
    });

    it("has cluster2 admit cluster1 with cluster1's CA bundle alone", () => {
        const gateway = manifest(plan, "Gateway", "federation-ingress", INGRESS_NAMESPACE) as KubeObject & { spec: { servers: { port: { name: string }; tls: { caCertCredentialName: string } }[] } };
        const server = gateway.spec.servers.find((s) => s.port.name === "https-cluster1");
        expect(server?.tls.caCertCredentialName).to.equal("federation-ingress-cluster1-cacert");
        const bundle = manifest(plan, "Secret", "federation-ingress-cluster1-cacert", INGRESS_NAMESPACE) as KubeObject & { stringData: Record<string, string> };
        expect(bundle.stringData["ca.crt"]).to.match(/^-----BEGIN CERTIFICATE-----/);
    });

    it("describes cluster1's import: cluster2's host and port, cluster1's name there, its credential for cluster2", () => {
        const [imported] = plan.outputs.cluster1Imports as Record<string, unknown>[];
        expect(imported).to.include({
            peer: "cluster2",
            peerHost: "c2.example.com",
            peerPort: 15443,
            sni: "cluster1.c2.example.com",
            via: "egressGateway",
            originNamespace: EGRESS_NAMESPACE,
            credentialName: "federation-egress-cluster2",
            caBundleName: "federation-egress-cluster2-cacert",
        });
    });

    it("puts each cluster's objects on that cluster's provider, given as a resource option", () => {
        const providerOf = (cluster: string) => plan.records.find((r) => r.type === "pulumi:providers:kubernetes" && r.name === `${cluster}-k8s`)!;
        for (const cluster of ["cluster1", "cluster2"]) {
            const own = providerOf(cluster);
            const objects = plan.records.filter((r) => r.type.startsWith("kubernetes:") && r.urn.includes(`::${cluster}-`));
            expect(objects, cluster).to.not.be.empty;
            for (const r of objects) expect(r.provider, r.urn).to.equal(`${own.urn}::${own.id}`);
        }
    });
});
