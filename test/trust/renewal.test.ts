import { expect } from "chai";
import { X509Certificate } from "node:crypto";
import { StackPlan } from "../../engine/run-stack";
import { isSecretValue, reveal } from "../../engine/secrets";
import { planMeshfed } from "../support/plan";
import { objectOf, outputOf, secretData } from "../support/records";

const DAY = 24 * 3600 * 1000;
const t0 = new Date("2026-01-01T00:00:00Z");
const at = (days: number) => new Date(t0.getTime() + days * DAY);

/** cluster2 exports to cluster1 and imports from it: an ingress server certificate and a client certificate. */
function config(ca: Record<string, unknown> = {}) {
    return {
        "meshfed:cluster": { name: "cluster2" },
        "meshfed:trust": { federationHost: "c2.example.com", ca },
        "meshfed:gateways": { ingress: { cloud: "gcp" }, egress: { peers: ["cluster1"] } },
        "meshfed:exports": [{ service: { name: "myreviews", namespace: "bookinfo", port: 9080 }, consumers: ["cluster1"] }],
    };
}
const record = (plan: StackPlan, name: string) => plan.records.find((r) => r.name === name)!;
const ingressCert = (plan: StackPlan) => new X509Certificate(secretData(plan, "federation-ingress")["tls.crt"]);

describe("certificate lifetime across deployments", () => {
    let first: StackPlan;
    before(async () => {
        first = await planMeshfed(config(), { stack: "cluster2", now: t0 });
    });

    it("issues a 90-day server certificate for exactly the federation host", () => {
        const cert = ingressCert(first);
        expect(cert.subjectAltName).to.equal("DNS:c2.example.com");
        expect(Date.parse(cert.validTo) - Date.parse(cert.validFrom)).to.equal(90 * DAY);
        expect(cert.ca).to.equal(false);
        expect(cert.checkIssued(new X509Certificate(outputOf<string>(first, "caCertPem")))).to.equal(true);
    });

    it("keeps certificates and keys on a deployment before the renewal window", async () => {
        const later = await planMeshfed(config(), { stack: "cluster2", now: at(59), previous: first.records });
        expect(secretData(later, "federation-ingress")).to.deep.equal(secretData(first, "federation-ingress"));
    });

    it("replaces the certificate inside the last 30 days, updating the same Secret in place", async () => {
        const later = await planMeshfed(config(), { stack: "cluster2", now: at(61), previous: first.records });
        expect(ingressCert(later).serialNumber).not.to.equal(ingressCert(first).serialNumber);
        expect(Date.parse(ingressCert(later).validFrom)).to.equal(at(61).getTime() - (at(61).getTime() % 1000));
        // Same key, same CA: only the certificate was renewed.
        expect(secretData(later, "federation-ingress")["tls.key"]).to.equal(secretData(first, "federation-ingress")["tls.key"]);
        expect(outputOf(later, "caCertPem")).to.equal(outputOf(first, "caCertPem"));
        // The Secret keeps its URN and its name: Kubernetes updates it, Istio's SDS reloads it.
        const secret = (p: StackPlan) => p.records.find((r) => r.type === "kubernetes:core/v1:Secret" && (reveal(r.inputs) as any).metadata.name === "federation-ingress")!;
        expect(secret(later).urn).to.equal(secret(first).urn);
        expect(objectOf(later, "Secret", "federation-ingress").metadata.name).to.equal("federation-ingress");
    });

    it("re-keys the CA when its rotation keeper changes, and re-issues what it signed", async () => {
        const rotated = await planMeshfed(config({ rotation: "2026-q3" }), { stack: "cluster2", now: at(1), previous: first.records });
        const key = (p: StackPlan) => (reveal(record(p, "cluster2-trust-ca-key").outputs) as any).privateKeyPem;
        expect(key(rotated)).not.to.equal(key(first));
        expect(outputOf(rotated, "caCertPem")).not.to.equal(outputOf(first, "caCertPem"));
        expect(ingressCert(rotated).checkIssued(new X509Certificate(outputOf<string>(rotated, "caCertPem")))).to.equal(true);
    });

    it("protects the CA key and certificate from deletion when asked", async () => {
        const plan = await planMeshfed(config({ protect: true }), { stack: "cluster2" });
        expect(record(plan, "cluster2-trust-ca-key").protect).to.equal(true);
        expect(record(plan, "cluster2-trust-ca-cert").protect).to.equal(true);
        expect(record(first, "cluster2-trust-ca-key").protect).to.equal(false);
    });

    it("renews the client certificate in its window too, in the peer's credential Secret", async () => {
        const later = await planMeshfed(config(), { stack: "cluster2", now: at(61), previous: first.records });
        const client = (p: StackPlan) => new X509Certificate(secretData(p, "federation-egress-cluster1")["tls.crt"]);
        expect(client(later).serialNumber).not.to.equal(client(first).serialNumber);
        expect(Date.parse(client(later).validTo) - Date.parse(client(later).validFrom)).to.equal(90 * DAY);
        expect(secretData(later, "federation-egress-cluster1")["tls.key"]).to.equal(secretData(first, "federation-egress-cluster1")["tls.key"]);
    });

    it("keeps every private key a secret in the engine's records", async () => {
        const keys = first.records.filter((r) => r.type === "tls:index/privateKey:PrivateKey");
        expect(keys).to.have.length(3);
        for (const k of keys) {
            expect(isSecretValue(k.outputs.privateKeyPem), k.name).to.equal(true);
        }
    });
});
