import { expect } from "chai";
import * as k8s from "@pulumi/kubernetes";
import { createPrivateKey, X509Certificate } from "node:crypto";
import { FederationTrust, FederationTrustArgs } from "../../components/trust/federation-trust";
import { manifestsOf } from "../../engine/manifests";
import { PlanError, StackPlan } from "../../engine/run-stack";
import { reveal } from "../../engine/secrets";
import { planMeshfed, planProgram } from "../support/plan";
import { objectOf, outputOf } from "../support/records";

const CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
const SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

/** Plans FederationTrust alone, for cluster2 (c2.example.com). */
function planTrust(args: Partial<FederationTrustArgs>): Promise<StackPlan> {
    return planProgram(() => {
        const provider = new k8s.Provider("cluster2", { kubeconfig: "stand-in" });
        const trust = new FederationTrust("cluster2-trust", { provider, clusterName: "cluster2", hosts: ["c2.example.com", "federation.c2.example.com"], ...args });
        return { caCertPem: trust.caCertPem };
    });
}
/** Every planned Secret, by "namespace/name". */
function secretsOf(plan: StackPlan): Record<string, { type: string; data: Record<string, string> }> {
    return Object.fromEntries(
        manifestsOf(plan.records)
            .map((m) => reveal(m.object) as any)
            .filter((o) => o.kind === "Secret")
            .map((o) => [`${o.metadata.namespace}/${o.metadata.name}`, { type: o.type, data: o.stringData }]),
    );
}
const certOf = (s: { data: Record<string, string> }) => new X509Certificate(s.data["tls.crt"]);
const certCount = (plan: StackPlan) => plan.records.filter((r) => r.type === "tls:index/locallySignedCert:LocallySignedCert").length;

describe("FederationTrust: which credential goes in which Secret", () => {
    it("issues no gateway certificate or credential Secret for a cluster without ingressNamespace or egress peers, only its CA", async () => {
        const plan = await planTrust({});

        expect(secretsOf(plan)).to.deep.equal({});
        expect(certCount(plan)).to.equal(0);
        expect(outputOf<string>(plan, "caCertPem")).to.contain("BEGIN CERTIFICATE");
    });

    it("issues no ingress certificate for a consumer-only cluster, only its client credential per peer", async () => {
        const plan = await planTrust({ egress: { namespace: "istio-federation-egress", peers: ["cluster1", "cluster3"] } });

        expect(Object.keys(secretsOf(plan)).sort()).to.deep.equal(["istio-federation-egress/federation-egress-cluster1", "istio-federation-egress/federation-egress-cluster3"]);
        expect(certCount(plan)).to.equal(1);
    });

    describe("with an ingress gateway, two peers and sidecars in two namespaces", () => {
        let plan: StackPlan;
        let secrets: ReturnType<typeof secretsOf>;
        before(async () => {
            plan = await planTrust({
                ingressNamespace: "istio-federation-ingress",
                egress: { namespace: "istio-federation-egress", peers: ["cluster1", "cluster3"] },
                sidecarCredentialNamespaces: ["default", "web"],
            });
            secrets = secretsOf(plan);
        });

        it("writes the server credential to the ingress namespace only, for all the cluster's hosts, for server auth", () => {
            const server = secrets["istio-federation-ingress/federation-ingress"];
            const cert = certOf(server);

            expect(server.type).to.equal("kubernetes.io/tls");
            expect(cert.subjectAltName).to.equal("DNS:c2.example.com, DNS:federation.c2.example.com");
            expect(cert.keyUsage).to.deep.equal([SERVER_AUTH]);
            expect(Object.keys(secrets).filter((k) => k.endsWith("/federation-ingress"))).to.deep.equal(["istio-federation-ingress/federation-ingress"]);
        });

        it("writes one client credential per peer into the egress namespace, all the same client certificate and key", () => {
            const one = secrets["istio-federation-egress/federation-egress-cluster1"];
            const three = secrets["istio-federation-egress/federation-egress-cluster3"];

            expect(one.type).to.equal("kubernetes.io/tls");
            expect(three.data).to.deep.equal(one.data);
            expect(certOf(one).subjectAltName).to.equal("DNS:c2.example.com, URI:spiffe://c2.example.com");
            expect(certOf(one).keyUsage).to.deep.equal([CLIENT_AUTH]);
        });

        it("copies the client credential, per peer, into each sidecar namespace, and never the server key", () => {
            const client = secrets["istio-federation-egress/federation-egress-cluster1"];
            const server = secrets["istio-federation-ingress/federation-ingress"];
            for (const ns of ["default", "web"]) {
                for (const peer of ["cluster1", "cluster3"]) {
                    const copy = secrets[`${ns}/federation-egress-${peer}`];
                    expect(copy, `${ns}/federation-egress-${peer}`).to.deep.equal(client);
                    expect(copy.data["tls.key"], `${ns}/${peer} key`).not.to.equal(server.data["tls.key"]);
                    expect(certOf(copy).keyUsage, `${ns}/${peer}`).to.deep.equal([CLIENT_AUTH]);
                }
            }
        });

        it("puts in each namespace exactly those Secrets and no others", () => {
            expect(Object.keys(secrets).sort()).to.deep.equal([
                "default/federation-egress-cluster1",
                "default/federation-egress-cluster3",
                "istio-federation-egress/federation-egress-cluster1",
                "istio-federation-egress/federation-egress-cluster3",
                "istio-federation-ingress/federation-ingress",
                "web/federation-egress-cluster1",
                "web/federation-egress-cluster3",
            ]);
        });

        it("pairs each certificate with its own key, both issued by the cluster's CA", () => {
            const ca = new X509Certificate(outputOf<string>(plan, "caCertPem"));
            for (const name of ["istio-federation-ingress/federation-ingress", "istio-federation-egress/federation-egress-cluster1"]) {
                const cert = certOf(secrets[name]);
                expect(cert.checkPrivateKey(createPrivateKey(secrets[name].data["tls.key"])), name).to.equal(true);
                expect(cert.checkIssued(ca), name).to.equal(true);
            }
        });
    });

    for (const [what, egress, expected] of [
        ["a peer listed twice (its credential would be registered twice)", { namespace: "istio-federation-egress", peers: ["cluster1", "cluster1"] }, 'FederationTrustArgs.egress.peers[1]: "cluster1" is not valid; each peer once'],
        ["the cluster itself among its peers", { namespace: "istio-federation-egress", peers: ["cluster2"] }, 'FederationTrustArgs.egress.peers[0]: "cluster2" is not valid; a cluster does not import from itself'],
        ["a misspelt setting", { namespace: "istio-federation-egress", peers: ["cluster1"], peer: "cluster3" }, "FederationTrustArgs.egress.peer"],
    ] as const) {
        it(`refuses ${what} before it registers anything`, async () => {
            const planned = await planTrust({ egress } as never).then(
                () => "planned",
                (err: PlanError) => `${err.message}\nregistered: ${err.records.filter((r) => r.name.startsWith("cluster2-trust")).length}`,
            );
            expect(planned).to.contain(expected);
            expect(planned).to.contain("registered: 0");
        });
    }

    it("refuses sidecar copies without peers to copy credentials for", async () => {
        let message = "";
        try {
            await planTrust({ sidecarCredentialNamespaces: ["default"] });
        } catch (err) {
            message = (err as Error).message;
        }
        expect(message).to.contain('FederationTrustArgs.sidecarCredentialNamespaces: ["default"] is not valid; sidecars get a copy of the client credential for each peer this cluster imports from: list those peers in FederationTrustArgs.egress.peers');
    });
});

describe("an identity stack with sidecar credential namespaces", () => {
    it("copies the client credential for each egress peer into each namespace and publishes where", async () => {
        const plan = await planMeshfed(
            {
                "meshfed:cluster": { name: "cluster1" },
                "meshfed:trust": { federationHost: "c1.example.com", sidecarCredentialNamespaces: ["default"] },
                "meshfed:gateways": { egress: { peers: ["cluster2"] } },
            },
            { stack: "cluster1" },
        );
        const copy = objectOf(plan, "Secret", "federation-egress-cluster2", "default").stringData as Record<string, string>;
        const original = objectOf(plan, "Secret", "federation-egress-cluster2", "istio-federation-egress").stringData as Record<string, string>;

        expect(copy).to.deep.equal(original);
        expect(new X509Certificate(copy["tls.crt"]).keyUsage).to.deep.equal([CLIENT_AUTH]);
        expect(outputOf<any>(plan, "gateways").sidecarCredentials).to.deep.equal({ default: { cluster2: "federation-egress-cluster2" } });
    });
});
