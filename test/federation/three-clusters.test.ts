/**
 * The three-cluster scenario (scenarios/three-clusters): one peer must not be able to impersonate another,
 * each gateway holds only its own keys, sidecar imports work the way Istio requires, and a cluster with
 * renamed gateway namespaces is planned end to end from its identity stack's outputs.
 */
import { expect } from "chai";
import { X509Certificate } from "node:crypto";
import * as path from "node:path";
import { plan } from "../../cli/plan";
import { StackPlan } from "../../engine/run-stack";
import { manifestsOf } from "../../engine/manifests";
import { reveal } from "../../engine/secrets";
import { mintTls } from "../../engine/tls";
import { KubeObject } from "../../engine/kubernetes";
import { handshake, TlsMaterial } from "../support/mtls";
import { scratchDir } from "../support/plan";
import { objectOf, outputOf } from "../support/records";

const SCENARIO = path.join(__dirname, "..", "..", "scenarios", "three-clusters");

/** Every object a cluster holds once all its stacks are applied. */
function clusterObjects(plans: Map<string, StackPlan>, cluster: string): KubeObject[] {
    return [plans.get(cluster)!, plans.get(`${cluster}-federation`)!].flatMap((p) => manifestsOf(p.records).map((m) => reveal(m.object) as KubeObject));
}

function secret(objects: KubeObject[], namespace: string, name: string): Record<string, string> {
    const found = objects.filter((o) => o.kind === "Secret" && o.metadata.namespace === namespace && o.metadata.name === name);
    expect(found, `Secret ${namespace}/${name}`).to.have.length(1);
    return found[0].stringData as Record<string, string>;
}

/** A CA's key, read from the identity stack's state, where it never leaves but where an attacker with that stack would find it. */
function caKeyOf(p: StackPlan, cluster: string): string {
    const key = p.records.find((r) => r.type === "tls:index/privateKey:PrivateKey" && r.name === `${cluster}-trust-ca-key`);
    return String(reveal(key!.outputs.privateKeyPem));
}

/** A certificate signed by `ca` claiming `host` as its identity, as a rogue peer's CA could mint one. */
async function forge(ca: { certPem: string; keyPem: string }, host: string, usage: "client_auth" | "server_auth"): Promise<{ cert: string; key: string }> {
    const now = new Date();
    const key = await mintTls("tls:index/privateKey:PrivateKey", { algorithm: "ECDSA", ecdsaCurve: "P256" }, now);
    const csr = await mintTls(
        "tls:index/certRequest:CertRequest",
        { privateKeyPem: key!.privateKeyPem, subject: { commonName: host }, dnsNames: [host], uris: [`spiffe://${host}`] },
        now,
    );
    const cert = await mintTls(
        "tls:index/locallySignedCert:LocallySignedCert",
        {
            certRequestPem: csr!.certRequestPem,
            caCertPem: ca.certPem,
            caPrivateKeyPem: ca.keyPem,
            validityPeriodHours: 24,
            allowedUses: ["digital_signature", usage],
        },
        now,
    );
    return { cert: String(cert!.certPem), key: String(key!.privateKeyPem) };
}

describe("three clusters: trust isolated per peer", () => {
    let plans: Map<string, StackPlan>;
    let c1: KubeObject[];
    let c2: KubeObject[];
    let c3: KubeObject[];
    before(async () => {
        plans = new Map((await plan({ outDir: scratchDir(), showSecrets: false, stacksDir: SCENARIO, log: () => undefined })).map((p) => [p.stack, p]));
        [c1, c2, c3] = ["cluster1", "cluster2", "cluster3"].map((c) => clusterObjects(plans, c));
    });

    /**
     * cluster2's ingress gateway as Envoy would serve a connection: the filter chain is chosen by SNI (the
     * Gateway server whose hosts hold it), and the chain's own CA bundle and SAN list apply.
     */
    function exporterChain(sni: string): { server: TlsMaterial; allowedSans: string[] } {
        const gateway = c2.find((o) => o.kind === "Gateway" && o.metadata.name === "federation-ingress") as any;
        const chain = gateway.spec.servers.find((s: any) => s.hosts.includes(sni));
        expect(chain, `a server for ${sni}`).to.not.equal(undefined);
        const ns = gateway.metadata.namespace;
        const credential = secret(c2, ns, chain.tls.credentialName);
        return {
            server: { cert: credential["tls.crt"], key: credential["tls.key"], ca: secret(c2, ns, chain.tls.caCertCredentialName)["ca.crt"] },
            allowedSans: chain.tls.subjectAltNames,
        };
    }

    /** cluster1's egress gateway towards cluster2, as its DestinationRule configures it. */
    function consumerClient(): { client: TlsMaterial; sni: string } {
        const rule = c1.find((o) => o.kind === "DestinationRule" && o.metadata.name === "peer-cluster2" && o.metadata.namespace === "istio-federation-egress") as any;
        const tls = rule.spec.trafficPolicy.tls;
        const credential = secret(c1, "istio-federation-egress", tls.credentialName);
        const bundle = secret(c1, "istio-federation-egress", `${tls.credentialName}-cacert`)["ca.crt"];
        return { client: { cert: credential["tls.crt"], key: credential["tls.key"], ca: bundle, verifyHost: tls.subjectAltNames[0] }, sni: tls.sni };
    }

    const sansOf = (pem: string) => new X509Certificate(pem).subjectAltName!.split(", ").map((s) => s.replace(/^(DNS|URI):/, ""));

    it("accepts cluster1's own egress certificate on cluster1's server at cluster2, with cluster1's name", async () => {
        const { client, sni } = consumerClient();
        expect(sni).to.equal("cluster1.c2.example.com");
        const { server, allowedSans } = exporterChain(sni);
        expect(allowedSans).to.deep.equal(["c1.example.com"]);
        expect(sansOf(client.cert)).to.include("c1.example.com");
        expect(await handshake(server, client, sni)).to.deep.equal({ ok: true });
    });

    it("refuses a certificate with cluster1's identity minted by cluster3's CA", async () => {
        const ca3 = { certPem: outputOf<string>(plans.get("cluster3")!, "caCertPem"), keyPem: caKeyOf(plans.get("cluster3")!, "cluster3") };
        const forged = await forge(ca3, "c1.example.com", "client_auth");
        const { client, sni } = consumerClient();
        const { server } = exporterChain(sni);

        const result = await handshake(server, { ...client, ...forged }, sni);

        expect(result.ok).to.equal(false);
        expect(result.error).to.contain("server: UNABLE_TO_VERIFY_LEAF_SIGNATURE");
    });

    it("gives the forged certificate nothing on cluster3's own server either: its names are not cluster3's", async () => {
        const ca3 = { certPem: outputOf<string>(plans.get("cluster3")!, "caCertPem"), keyPem: caKeyOf(plans.get("cluster3")!, "cluster3") };
        const forged = await forge(ca3, "c1.example.com", "client_auth");
        const { server, allowedSans } = exporterChain("cluster3.c2.example.com");
        const { client } = consumerClient();

        // The chain's CA accepts it (cluster3 signed it), and Envoy's SAN match then refuses it.
        expect(await handshake(server, { ...client, ...forged }, "cluster3.c2.example.com")).to.deep.equal({ ok: true });
        expect(sansOf(forged.cert).some((san) => allowedSans.includes(san))).to.equal(false);
        // And the routes cluster3's server carries are only what was exported to cluster3.
        const routes = c2.filter((o) => o.kind === "VirtualService" && (o.spec as any).hosts.includes("cluster3.c2.example.com"));
        expect(routes.map((r) => (r.spec as any).http[0].match[0].uri.prefix)).to.deep.equal(["/bookinfo/ratings/"]);
    });

    it("refuses, on the client side, a server certificate for c2.example.com minted by cluster3's CA", async () => {
        const ca3 = { certPem: outputOf<string>(plans.get("cluster3")!, "caCertPem"), keyPem: caKeyOf(plans.get("cluster3")!, "cluster3") };
        const forged = await forge(ca3, "c2.example.com", "server_auth");
        const { client, sni } = consumerClient();
        const { server } = exporterChain(sni);

        const result = await handshake({ ...server, ...forged }, client, sni);

        expect(result.ok).to.equal(false);
        expect(result.error).to.match(/^client: unable to verify the first certificate/);
    });

    it("holds one CA per bundle: each consumer's at the exporter, each exporter's at the consumer", () => {
        const subjectOf = (pem: string) => pem.match(/-----BEGIN CERTIFICATE-----/g)!.length;
        for (const consumer of ["cluster1", "cluster3"]) {
            const bundle = secret(c2, "istio-federation-ingress", `federation-ingress-${consumer}-cacert`)["ca.crt"];
            expect(subjectOf(bundle)).to.equal(1);
            expect(new X509Certificate(bundle).fingerprint256).to.equal(new X509Certificate(outputOf<string>(plans.get(consumer)!, "caCertPem")).fingerprint256);
        }
        for (const peer of ["cluster2", "cluster3"]) {
            const bundle = secret(c1, "istio-federation-egress", `federation-egress-${peer}-cacert`)["ca.crt"];
            expect(subjectOf(bundle)).to.equal(1);
            expect(new X509Certificate(bundle).fingerprint256).to.equal(new X509Certificate(outputOf<string>(plans.get(peer)!, "caCertPem")).fingerprint256);
        }
    });

    it("lets each gateway read only its own Secrets: no client key where the ingress gateway runs, no server key where the egress gateway runs", () => {
        const secretsIn = (objects: KubeObject[], ns: string) =>
            objects.filter((o) => o.kind === "Secret" && o.metadata.namespace === ns).map((o) => o.metadata.name).sort();
        expect(secretsIn(c2, "istio-federation-ingress")).to.deep.equal(["federation-ingress", "federation-ingress-cluster1-cacert", "federation-ingress-cluster3-cacert"]);
        expect(secretsIn(c3, "fed-in")).to.deep.equal(["federation-ingress", "federation-ingress-cluster1-cacert"]);
        expect(secretsIn(c3, "fed-out")).to.deep.equal(["federation-egress-cluster2", "federation-egress-cluster2-cacert"]);
        expect(secretsIn(c1, "istio-federation-egress")).to.deep.equal([
            "federation-egress-cluster2",
            "federation-egress-cluster2-cacert",
            "federation-egress-cluster3",
            "federation-egress-cluster3-cacert",
        ]);
        // The key in an egress credential is a client certificate's; the ingress one a server's.
        const eku = (pem: string) => new X509Certificate(pem).toLegacyObject().ext_key_usage;
        expect(eku(secret(c3, "fed-out", "federation-egress-cluster2")["tls.crt"])).to.deep.equal(["1.3.6.1.5.5.7.3.2"]);
        expect(eku(secret(c3, "fed-in", "federation-ingress")["tls.crt"])).to.deep.equal(["1.3.6.1.5.5.7.3.1"]);
    });

    it("keeps the peers' ServiceEntries and DestinationRules in the egress gateway's namespace, visible there only", () => {
        for (const kind of ["ServiceEntry", "DestinationRule"]) {
            const peers = c1.filter((o) => o.kind === kind && String(o.metadata.name).startsWith("peer-") && o.metadata.namespace === "istio-federation-egress");
            expect(peers.map((o) => o.metadata.name).sort()).to.deep.equal(["peer-cluster2", "peer-cluster3"]);
            for (const o of peers) expect((o.spec as any).exportTo).to.deep.equal(["."]);
        }
        expect(c2.filter((o) => String(o.metadata.name).startsWith("peer-"))).to.deep.equal([]);
    });

    it("plans cluster3 with renamed namespaces end to end, from its identity stack's outputs", () => {
        const gateways = outputOf<any>(plans.get("cluster3")!, "gateways");
        expect(gateways.ingress).to.include({ namespace: "fed-in", credentialName: "federation-ingress" });
        expect(gateways.egress).to.deep.include({ namespace: "fed-out", credentials: { cluster2: "federation-egress-cluster2" } });
        const federation = manifestsOf(plans.get("cluster3-federation")!.records).map((m) => m.object);
        const namespaces = new Set(federation.filter((o) => o.kind !== "VirtualService" || o.metadata.namespace !== "shop").map((o) => o.metadata.namespace));
        expect([...namespaces].sort()).to.deep.equal(["fed-in", "fed-out", "shop"]);
        expect(objectOf(plans.get("cluster3-federation")!, "DestinationRule", "peer-cluster2", "fed-out").spec).to.deep.include({ host: "c2.example.com" });
    });

    describe("imports straight from sidecars (cluster1's frontend calls cluster2's ratings)", () => {
        const inFrontend = () => c1.filter((o) => o.metadata.namespace === "frontend");

        it("selects the calling workloads in the DestinationRule that originates mutual TLS", () => {
            const rule = inFrontend().find((o) => o.kind === "DestinationRule") as any;
            expect(rule.spec.workloadSelector).to.deep.equal({ matchLabels: { app: "frontend" } });
            expect(rule.spec.trafficPolicy.tls).to.include({ mode: "MUTUAL", credentialName: "federation-egress-cluster2", sni: "cluster1.c2.example.com" });
        });

        it("lets exactly the callers' ServiceAccounts list Secrets there, as istiod requires", () => {
            const role = inFrontend().find((o) => o.kind === "Role") as any;
            const binding = inFrontend().find((o) => o.kind === "RoleBinding") as any;
            expect(role.rules).to.deep.equal([{ apiGroups: [""], resources: ["secrets"], verbs: ["list"] }]);
            expect(binding.roleRef).to.include({ kind: "Role", name: role.metadata.name });
            expect(binding.subjects).to.deep.equal([{ kind: "ServiceAccount", name: "frontend", namespace: "frontend" }]);
        });

        it("puts the client credential (a client certificate) and cluster2's CA alone next to them", () => {
            const credential = secret(c1, "frontend", "federation-egress-cluster2");
            expect(new X509Certificate(credential["tls.crt"]).toLegacyObject().ext_key_usage).to.deep.equal(["1.3.6.1.5.5.7.3.2"]);
            const bundle = secret(c1, "frontend", "federation-egress-cluster2-cacert")["ca.crt"];
            expect(new X509Certificate(bundle).fingerprint256).to.equal(new X509Certificate(outputOf<string>(plans.get("cluster2")!, "caCertPem")).fingerprint256);
        });

        it("makes no Istio object there visible to another namespace", () => {
            const istio = inFrontend().filter((o) => o.apiVersion.includes("istio.io"));
            expect(istio.map((o) => `${o.kind} ${o.metadata.name}`).sort()).to.deep.equal([
                "DestinationRule peer-cluster2",
                "ServiceEntry imports-cluster2-9080",
                "ServiceEntry peer-cluster2",
                "VirtualService import-frontend-ratings",
            ]);
            for (const o of istio) expect((o.spec as any).exportTo, `${o.kind} ${o.metadata.name}`).to.deep.equal(["."]);
        });

        it("declares ratings.frontend for callers with the DNS proxy (dnsProxy: true): a ServiceEntry host, no Service", () => {
            const entry = inFrontend().find((o) => o.kind === "ServiceEntry" && o.metadata.name === "imports-cluster2-9080")!;
            expect((entry.spec as any).hosts).to.deep.equal(["ratings.frontend.svc.cluster.local"]);
            expect(inFrontend().filter((o) => o.kind === "Service")).to.deep.equal([]);
            // What npm run verify reads to resolve the name as the callers do.
            expect(outputOf<{ as: { name: string }; dnsProxy?: boolean }[]>(plans.get("cluster1-federation")!, "imports").map((i) => [i.as.name, i.dnsProxy])).to.deep.equal([
                ["reviews", true],
                ["ratings", true],
                ["details", true],
            ]);
        });
    });
});
