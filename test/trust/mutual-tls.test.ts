import { expect } from "chai";
import { StackPlan } from "../../engine/run-stack";
import { handshake, TlsMaterial } from "../support/mtls";
import { planMeshfed } from "../support/plan";
import { outputOf, secretData } from "../support/records";

const DAY = 24 * 3600 * 1000;

/** A consumer's identity stack: it imports from cluster2, so it holds a client credential for cluster2. */
function consumer(name: string, host: string) {
    return {
        "meshfed:cluster": { name },
        "meshfed:trust": { federationHost: host },
        "meshfed:gateways": { egress: { peers: ["cluster2"] } },
    };
}
/** cluster2 exports to cluster1 and cluster3. */
const exporter = {
    "meshfed:cluster": { name: "cluster2" },
    "meshfed:trust": { federationHost: "c2.example.com" },
    "meshfed:gateways": { ingress: { cloud: "gcp" } },
    "meshfed:exports": [{ service: { name: "myreviews", namespace: "bookinfo", port: 9080 }, consumers: ["cluster1", "cluster3"] }],
};

/**
 * What cluster2's ingress gateway loads for the server of one consumer: its own key and certificate, and
 * that consumer's CA alone (the `federation-ingress-ca-<consumer>` bundle its federation stack writes).
 */
function serverFor(exporterPlan: StackPlan, consumerPlan: StackPlan): TlsMaterial {
    const cred = secretData(exporterPlan, "federation-ingress");
    return { key: cred["tls.key"], cert: cred["tls.crt"], ca: outputOf<string>(consumerPlan, "caCertPem") };
}
/** What a consumer's egress gateway loads to call cluster2: its credential for cluster2, and cluster2's CA alone. */
function clientOf(consumerPlan: StackPlan, exporterPlan: StackPlan): TlsMaterial {
    const cred = secretData(consumerPlan, "federation-egress-cluster2");
    return { key: cred["tls.key"], cert: cred["tls.crt"], ca: outputOf<string>(exporterPlan, "caCertPem") };
}

describe("mutual TLS between federated gateways, with the planned certificates and one CA per bundle", () => {
    let cluster1: StackPlan, cluster1LastQuarter: StackPlan, cluster2: StackPlan, cluster3: StackPlan, outsider: StackPlan;

    before(async () => {
        // cluster1 first deployed 100 days ago; deployed again today, its client certificate was renewed.
        cluster1LastQuarter = await planMeshfed(consumer("cluster1", "c1.example.com"), { stack: "cluster1", now: new Date(Date.now() - 100 * DAY) });
        cluster1 = await planMeshfed(consumer("cluster1", "c1.example.com"), { stack: "cluster1", previous: cluster1LastQuarter.records });
        cluster3 = await planMeshfed(consumer("cluster3", "c3.example.com"), { stack: "cluster3" });
        outsider = await planMeshfed(consumer("cluster9", "c9.example.com"), { stack: "cluster9" });
        cluster2 = await planMeshfed(exporter, { stack: "cluster2" });
    });

    it("lets cluster1's egress gateway into cluster2's server for cluster1", async () => {
        expect(await handshake(serverFor(cluster2, cluster1), clientOf(cluster1, cluster2), "c2.example.com")).to.deep.equal({ ok: true });
    });

    it("lets cluster3 into its own server at cluster2", async () => {
        expect(await handshake(serverFor(cluster2, cluster3), clientOf(cluster3, cluster2), "c2.example.com")).to.deep.equal({ ok: true });
    });

    it("refuses cluster3's valid certificate on cluster1's server: each server trusts its consumer's CA alone", async () => {
        const result = await handshake(serverFor(cluster2, cluster1), clientOf(cluster3, cluster2), "c2.example.com");
        expect(result.ok).to.equal(false);
        expect(result.error).to.contain("server: UNABLE_TO_VERIFY_LEAF_SIGNATURE");
    });

    it("refuses a client of a cluster the service is not exported to", async () => {
        const result = await handshake(serverFor(cluster2, cluster1), clientOf(outsider, cluster2), "c2.example.com");
        expect(result.ok).to.equal(false);
        expect(result.error).to.contain("server: UNABLE_TO_VERIFY_LEAF_SIGNATURE");
    });

    it("makes the client refuse a server whose certificate its bundle's one CA did not sign", async () => {
        // cluster1's bundle for cluster2 holds cluster2's CA only; a server presenting a certificate of another CA is refused.
        const other = await planMeshfed({ ...exporter, "meshfed:cluster": { name: "cluster7" } }, { stack: "cluster7" });
        const result = await handshake(serverFor(other, cluster1), clientOf(cluster1, cluster2), "c2.example.com");
        expect(result.ok).to.equal(false);
        expect(result.error).to.match(/client: (unable to verify the first certificate|self[- ]signed|unable to get local issuer certificate)/);
    });

    it("makes the client refuse a server that is not the host it asked for", async () => {
        const result = await handshake(serverFor(cluster2, cluster1), clientOf(cluster1, cluster2), "c3.example.com");
        expect(result.ok).to.equal(false);
        expect(result.error).to.contain("Hostname/IP does not match certificate's altnames");
    });

    it("refuses an expired client certificate from the consumer's own CA", async () => {
        expect(outputOf(cluster1LastQuarter, "caCertPem")).to.equal(outputOf(cluster1, "caCertPem"));
        const result = await handshake(serverFor(cluster2, cluster1), clientOf(cluster1LastQuarter, cluster2), "c2.example.com");
        expect(result.ok).to.equal(false);
        expect(result.error).to.contain("server: CERT_HAS_EXPIRED");
    });
});
