import { expect } from "chai";
import { StackPlan } from "../../engine/run-stack";
import { handshake, TlsMaterial } from "../support/mtls";
import { planMeshfed } from "../support/plan";
import { outputOf, secretData } from "../support/records";

const DAY = 24 * 3600 * 1000;

function cluster(name: string, host: string, trustedCaCertificates: string[] = []) {
    return {
        "meshfed:cluster": { name },
        "meshfed:trust": { federationHost: host, ...(trustedCaCertificates.length ? { trustedCaCertificates } : {}) },
    };
}

/** What a gateway would load from its credential Secrets. */
function ingressOf(plan: StackPlan): TlsMaterial {
    const cred = secretData(plan, "federation-ingress");
    return { key: cred["tls.key"], cert: cred["tls.crt"], ca: secretData(plan, "federation-ingress-cacert")["ca.crt"] };
}
function egressOf(plan: StackPlan, trusting: StackPlan): TlsMaterial {
    const cred = secretData(plan, "federation-egress");
    return { key: cred["tls.key"], cert: cred["tls.crt"], ca: outputOf<string>(trusting, "caCertPem") };
}

describe("mutual TLS between federated gateways, with the planned certificates", () => {
    let cluster1: StackPlan, cluster1LastQuarter: StackPlan, cluster2: StackPlan, cluster3: StackPlan, outsider: StackPlan;

    before(async () => {
        // cluster1 first deployed 100 days ago; deployed again today, its egress certificate was renewed.
        cluster1LastQuarter = await planMeshfed(cluster("cluster1", "c1.example.com"), { stack: "cluster1", now: new Date(Date.now() - 100 * DAY) });
        cluster1 = await planMeshfed(cluster("cluster1", "c1.example.com"), { stack: "cluster1", previous: cluster1LastQuarter.records });
        cluster3 = await planMeshfed(cluster("cluster3", "c3.example.com"), { stack: "cluster3" });
        outsider = await planMeshfed(cluster("cluster9", "c9.example.com"), { stack: "cluster9" });
        // cluster2 accepts cluster1 and cluster3: a bundle of two CAs.
        const accepted = [outputOf<string>(cluster1, "caCertPem"), outputOf<string>(cluster3, "caCertPem")];
        cluster2 = await planMeshfed(cluster("cluster2", "c2.example.com", accepted), { stack: "cluster2" });
    });

    it("lets cluster1's egress gateway into cluster2's ingress gateway with SNI c2.example.com", async () => {
        expect(await handshake(ingressOf(cluster2), egressOf(cluster1, cluster2), "c2.example.com")).to.deep.equal({ ok: true });
    });

    it("accepts clients of every CA in the bundle", async () => {
        expect(await handshake(ingressOf(cluster2), egressOf(cluster3, cluster2), "c2.example.com")).to.deep.equal({ ok: true });
    });

    it("refuses a client whose CA is not in the bundle", async () => {
        const result = await handshake(ingressOf(cluster2), egressOf(outsider, cluster2), "c2.example.com");
        expect(result.ok).to.equal(false);
        expect(result.error).to.contain("server: UNABLE_TO_VERIFY_LEAF_SIGNATURE");
    });

    it("makes the client refuse a server that is not the host it asked for", async () => {
        const result = await handshake(ingressOf(cluster2), egressOf(cluster1, cluster2), "c3.example.com");
        expect(result.ok).to.equal(false);
        expect(result.error).to.contain("Hostname/IP does not match certificate's altnames");
    });

    it("refuses an expired client certificate from a trusted CA", async () => {
        expect(outputOf(cluster1LastQuarter, "caCertPem")).to.equal(outputOf(cluster1, "caCertPem"));
        const result = await handshake(ingressOf(cluster2), egressOf(cluster1LastQuarter, cluster2), "c2.example.com");
        expect(result.ok).to.equal(false);
        expect(result.error).to.contain("server: CERT_HAS_EXPIRED");
    });
});
