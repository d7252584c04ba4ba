/**
 * The federation CA's own early renewal: inside its window the CA certificate is re-issued (same key, so
 * peers' trust of the key carries over, but a new certificate they must pick up); before it, nothing moves.
 */
import { expect } from "chai";
import { X509Certificate } from "node:crypto";
import { StackPlan } from "../../engine/run-stack";
import { planMeshfed } from "../support/plan";
import { outputOf, secretData } from "../support/records";

const HOUR = 3600 * 1000;
const t0 = new Date("2026-01-01T00:00:00Z");
const at = (hours: number) => new Date(t0.getTime() + hours * HOUR);

const config = {
    "meshfed:cluster": { name: "cluster2" },
    "meshfed:trust": { federationHost: "c2.example.com", ca: { validityHours: 1000, earlyRenewalHours: 100 }, certificates: { validityHours: 500, earlyRenewalHours: 50 } },
    "meshfed:gateways": { ingress: { cloud: "gcp" } },
    "meshfed:exports": [{ service: { name: "reviews", namespace: "bookinfo", port: 9080 }, consumers: ["cluster1"] }],
};
const ca = (p: StackPlan) => new X509Certificate(outputOf<string>(p, "caCertPem"));

describe("the federation CA renews itself early, as configured", () => {
    let first: StackPlan;
    before(async () => {
        first = await planMeshfed(config, { stack: "cluster2", now: t0 });
    });

    it("issues the CA for exactly its validityHours", () => {
        expect(Date.parse(ca(first).validTo) - Date.parse(ca(first).validFrom)).to.equal(1000 * HOUR);
        expect(ca(first).ca).to.equal(true);
    });

    it("keeps the CA certificate an hour before its window opens (validityHours − earlyRenewalHours)", async () => {
        const later = await planMeshfed(config, { stack: "cluster2", now: at(899), previous: first.records });
        expect(outputOf(later, "caCertPem")).to.equal(outputOf(first, "caCertPem"));
    });

    it("re-issues the CA certificate an hour into its window, keeping the CA key, and the server certificate verifies against it", async () => {
        const later = await planMeshfed(config, { stack: "cluster2", now: at(901), previous: first.records });
        expect(ca(later).serialNumber).to.not.equal(ca(first).serialNumber);
        expect(ca(later).publicKey.equals(ca(first).publicKey)).to.equal(true);
        expect(Date.parse(ca(later).validFrom)).to.equal(at(901).getTime());
        const server = new X509Certificate(secretData(later, "federation-ingress")["tls.crt"]);
        expect(server.verify(ca(later).publicKey)).to.equal(true);
    });
});
