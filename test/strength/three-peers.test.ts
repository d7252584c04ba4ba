/**
 * What a cluster with two peers and an exporter with two consumers apply, read as a platform engineer
 * reads it: which port and protocol each gateway serves and each route uses, who may see each object
 * (exportTo), which credential and which CA land in which Secret. Written to kill the mutants that
 * survived the rest of the suite (issue 16): anything that only the first peer or consumer would show.
 */
import { expect } from "chai";
import { X509Certificate, createPublicKey } from "node:crypto";
import { plan } from "../../cli/plan";
import { KubeObject } from "../../engine/kubernetes";
import { manifestsOf } from "../../engine/manifests";
import { StackPlan } from "../../engine/run-stack";
import { reveal } from "../../engine/secrets";
import { writeStackFiles } from "../errors/refusal";
import { scratchDir } from "../support/plan";
import { objectOf, outputOf, secretData } from "../support/records";

const exportOf = (name: string, consumers: string[]) => ({
    service: { name, namespace: "bookinfo", port: 9080 },
    subset: { name: "v2", labels: { version: "v2" } },
    exportAs: { name: `${name}-v2` },
    consumers,
});
const importOf = (peer: string, name: string, as: string, namespace: string, port: number) => ({
    peer,
    service: { name: `${name}-v2`, namespace: "bookinfo" },
    as: { name: as, namespace, port },
});

/** cluster1 imports from cluster2 and cluster3; cluster2 exports to cluster1 and cluster3. */
const STACKS = {
    cluster1: {
        "meshfed:cluster": { name: "cluster1" },
        "meshfed:trust": { federationHost: "c1.example.com", sidecarCredentialNamespaces: ["shop"] },
        "meshfed:gateways": { egress: { peers: ["cluster2", "cluster3"] } },
    },
    cluster2: {
        "meshfed:cluster": { name: "cluster2" },
        "meshfed:trust": { federationHost: "c2.example.com", additionalHosts: ["federation.c2.example.net"] },
        "meshfed:gateways": { ingress: { cloud: "gcp" } },
        "meshfed:exports": [exportOf("reviews", ["cluster1", "cluster3"])],
    },
    cluster3: {
        "meshfed:cluster": { name: "cluster3" },
        "meshfed:trust": { federationHost: "c3.example.com" },
        "meshfed:gateways": { ingress: { cloud: "aws", port: 16443 }, egress: { peers: ["cluster2"] } },
        "meshfed:exports": [exportOf("ratings", ["cluster1"])],
    },
    "cluster1-federation": {
        "meshfed:cluster": { name: "cluster1" },
        "meshfed:federation": {
            identityStack: "cluster1",
            peers: {
                cluster2: { stack: "cluster2", outlierDetection: { interval: "7s", consecutiveGatewayErrors: 3 } },
                cluster3: { stack: "cluster3", outlierDetection: { interval: "11s", consecutiveGatewayErrors: 9 } },
            },
            imports: [importOf("cluster2", "reviews", "reviews-remote", "default", 9080), importOf("cluster3", "ratings", "ratings-remote", "shop", 9081)],
        },
    },
    "cluster2-federation": {
        "meshfed:cluster": { name: "cluster2" },
        "meshfed:federation": { identityStack: "cluster2", peers: { cluster1: { stack: "cluster1" }, cluster3: { stack: "cluster3" } } },
        "meshfed:offline": {
            clusterObjects: [{ apiVersion: "v1", kind: "Service", metadata: { name: "reviews", namespace: "bookinfo" }, spec: { ports: [{ name: "http", port: 9080 }], selector: { app: "reviews" } } }],
        },
    },
};

const objects = (p: StackPlan) => manifestsOf(p.records).map((m) => reveal(m.object) as KubeObject & { spec: any });

describe("two peers, two consumers: every object scoped, ported and credentialed for its own peer", () => {
    const plans = new Map<string, StackPlan>();
    const get = (s: string) => plans.get(s)!;

    before(async function () {
        this.timeout(120_000);
        for (const p of await plan({ outDir: scratchDir(), stacksDir: writeStackFiles(STACKS), showSecrets: true, log: () => {} })) plans.set(p.stack, p);
    });

    describe("what the federation stacks publish (read by npm run verify's Envoy checks and the topology)", () => {
        it("cluster1-federation: each import with its own peer's host, port, SNI, credential, bundle and export prefix", () => {
            const imports = reveal(get("cluster1-federation").outputs.imports);
            const through = (peer: string, host: string, port: number, service: string, as: Record<string, unknown>) => ({
                peer,
                peerHost: host,
                peerPort: port,
                sni: `cluster1.${host}`,
                authority: `cluster1.${host}`,
                service: { name: service, namespace: "bookinfo" },
                pathPrefix: `/bookinfo/${service}/`,
                as,
                remoteWeight: 100,
                via: "egressGateway",
                originNamespace: "istio-federation-egress",
                exportHeader: "x-meshfed-export",
                credentialName: `federation-egress-${peer}`,
                caBundleName: `federation-egress-${peer}-cacert`,
            });
            expect(imports).to.deep.equal([
                through("cluster2", "c2.example.com", 15443, "reviews-v2", { name: "reviews-remote", namespace: "default", port: 9080 }),
                through("cluster3", "c3.example.com", 16443, "ratings-v2", { name: "ratings-remote", namespace: "shop", port: 9081 }),
            ]);
        });

        it("cluster2-federation: the export, its local service and subset, and each consumer as admitted", () => {
            const exports = reveal(get("cluster2-federation").outputs.exports);
            const consumer = (cluster: string, host: string) => ({ cluster, host, sni: `${cluster}.c2.example.com`, caBundleName: `federation-ingress-${cluster}-cacert` });
            expect(exports).to.deep.equal([
                {
                    exportAs: { name: "reviews-v2", namespace: "bookinfo" },
                    pathPrefix: "/bookinfo/reviews-v2/",
                    service: { name: "reviews", namespace: "bookinfo", port: 9080 },
                    subset: { name: "v2", labels: { version: "v2" } },
                    namespace: "istio-federation-ingress",
                    credentialName: "federation-ingress",
                    consumers: [consumer("cluster1", "c1.example.com"), consumer("cluster3", "c3.example.com")],
                },
            ]);
        });
    });

    describe("what the identity stacks publish: the contract for peers, the gateways for their own federation stack", () => {
        it("cluster2: its contract names its host, address, port, CA and each export with its consumers", () => {
            const o = reveal(get("cluster2").outputs) as Record<string, any>;
            expect(o.federation).to.deep.equal({
                version: 1,
                cluster: "cluster2",
                host: "c2.example.com",
                address: o.ingressAddress,
                port: 15443,
                caCertPem: o.caCertPem,
                services: [{ name: "reviews-v2", namespace: "bookinfo", pathPrefix: "/bookinfo/reviews-v2/", consumers: ["cluster1", "cluster3"] }],
            });
            expect(o.ingressAddress.ip).to.match(/^192\.0\.2\.\d+$/);
            expect(new X509Certificate(o.caCertPem).ca).to.equal(true);
        });

        // The gateways' default names and ports are test/gateway/gateways.test.ts's; here, what differs per cluster.
        it("cluster2: its ingress gateway with every federation host it answers to; no egress gateway, no sidecar copies", () => {
            const gateways = reveal(get("cluster2").outputs.gateways) as Record<string, any>;
            expect(gateways.ingress.additionalHosts).to.deep.equal(["federation.c2.example.net"]);
            expect(Object.keys(gateways).sort()).to.deep.equal(["ingress", "sidecarCredentials"]);
            expect(gateways.sidecarCredentials).to.deep.equal({});
        });

        it("cluster1: no ingress gateway, no address in its contract; one client credential per peer, copied to shop for sidecars", () => {
            const o = reveal(get("cluster1").outputs) as Record<string, any>;
            expect(o.federation).to.deep.equal({ version: 1, cluster: "cluster1", host: "c1.example.com", caCertPem: o.caCertPem, services: [] });
            const perPeer = { cluster2: "federation-egress-cluster2", cluster3: "federation-egress-cluster3" };
            expect(Object.keys(o.gateways).sort()).to.deep.equal(["egress", "sidecarCredentials"]);
            expect(o.gateways.egress.credentials).to.deep.equal(perPeer);
            expect(o.gateways.sidecarCredentials).to.deep.equal({ shop: perPeer });
        });
    });

    describe("cluster1's egress gateway (importer of two peers)", () => {
        it("serves each peer's SNI host on 443, as HTTPS with Istio mutual TLS from the mesh", () => {
            const gw = objectOf(get("cluster1-federation"), "Gateway", "federation-egress") as any;
            const servers = gw.spec.servers as any[];
            expect(servers.flatMap((s) => s.hosts).sort()).to.deep.equal(["cluster1.c2.example.com", "cluster1.c3.example.com"]);
            for (const s of servers) {
                expect(s.port.number).to.equal(443);
                expect(s.port.protocol).to.equal("HTTPS");
                expect(s.tls).to.deep.equal({ mode: "ISTIO_MUTUAL" });
            }
        });

        it("routes each peer's host only through that gateway, on a port the gateway serves", () => {
            const fed = objects(get("cluster1-federation"));
            const gwPorts = new Set((objectOf(get("cluster1-federation"), "Gateway", "federation-egress") as any).spec.servers.map((s: any) => s.port.number));
            for (const peer of ["cluster2", "cluster3"]) {
                const vs = fed.find((o) => o.kind === "VirtualService" && o.metadata.name === `peer-${peer}`)!;
                expect(vs.spec.gateways).to.deep.equal(["federation-egress"]);
                expect(vs.spec.hosts).to.deep.equal([`cluster1.${peer === "cluster2" ? "c2" : "c3"}.example.com`]);
                for (const route of vs.spec.http) {
                    for (const m of route.match ?? []) if (m.port !== undefined) expect(gwPorts.has(m.port), `${peer} matches port ${m.port}`).to.equal(true);
                }
            }
        });

        it("originates mutual TLS to each peer with that peer's own credential, SNI and name, on the peer's port", () => {
            const peers = { cluster2: { host: "c2.example.com", port: 15443 }, cluster3: { host: "c3.example.com", port: 16443 } };
            for (const [peer, { host, port }] of Object.entries(peers)) {
                const dr = objectOf(get("cluster1-federation"), "DestinationRule", `peer-${peer}`) as any;
                expect(dr.spec.host).to.equal(host);
                expect(dr.spec.exportTo).to.deep.equal(["."]);
                expect(dr.spec.workloadSelector).to.deep.equal({ matchLabels: { istio: "private-egressgateway" } });
                expect(dr.spec.trafficPolicy.tls).to.deep.equal({
                    mode: "MUTUAL",
                    credentialName: `federation-egress-${peer}`,
                    sni: `cluster1.${host}`,
                    subjectAltNames: [host],
                });
                const se = objectOf(get("cluster1-federation"), "ServiceEntry", `peer-${peer}`) as any;
                expect(se.spec.exportTo).to.deep.equal(["."]);
                expect(se.spec.hosts).to.deep.equal([host]);
                expect(se.spec.ports).to.deep.equal([{ name: "https-federation", number: port, protocol: "HTTPS" }]);
                expect(se.spec.location).to.equal("MESH_EXTERNAL");
            }
        });

        it("applies each peer's own outlier detection, not the first peer's to all", () => {
            const od = (peer: string) => (objectOf(get("cluster1-federation"), "DestinationRule", `peer-${peer}`) as any).spec.trafficPolicy.outlierDetection;
            expect(od("cluster2")).to.include({ interval: "7s", consecutiveGatewayErrors: 3 });
            expect(od("cluster3")).to.include({ interval: "11s", consecutiveGatewayErrors: 9 });
        });

        it("lets only the importing namespaces see the gateway's subsets, one subset per peer", () => {
            const dr = objectOf(get("cluster1-federation"), "DestinationRule", "federation-egress") as any;
            expect([...dr.spec.exportTo].sort()).to.deep.equal(["default", "shop"]);
            expect(dr.spec.subsets.map((s: any) => [s.name, s.trafficPolicy.portLevelSettings[0].port.number, s.trafficPolicy.portLevelSettings[0].tls.sni]).sort()).to.deep.equal([
                ["peer-cluster2", 443, "cluster1.c2.example.com"],
                ["peer-cluster3", 443, "cluster1.c3.example.com"],
            ]);
        });
    });

    describe("cluster1's imports", () => {
        it("gives each imported service a local Service on the port asked for, named http", () => {
            for (const [name, namespace, port] of [["reviews-remote", "default", 9080], ["ratings-remote", "shop", 9081]] as const) {
                const svc = objectOf(get("cluster1-federation"), "Service", name, namespace) as any;
                expect(svc.spec.ports).to.deep.equal([{ name: "http", port, protocol: "TCP" }]);
            }
        });

        it("routes each import to its own peer's subset, with its own export path and authority, seen only in its namespace", () => {
            const cases = [
                ["default", "reviews-remote", "peer-cluster2", "cluster1.c2.example.com", "/bookinfo/reviews-v2/"],
                ["shop", "ratings-remote", "peer-cluster3", "cluster1.c3.example.com", "/bookinfo/ratings-v2/"],
            ];
            for (const [ns, name, subset, authority, path] of cases) {
                const vs = objectOf(get("cluster1-federation"), "VirtualService", `import-${ns}-${name}`, ns) as any;
                expect(vs.spec.exportTo).to.deep.equal(["."]);
                const dest = vs.spec.http.at(-1).route[0];
                expect(dest.destination).to.deep.equal({ host: "istio-private-egressgateway.istio-federation-egress.svc.cluster.local", port: { number: 443 }, subset });
                expect(dest.headers.request.set).to.deep.equal({ ":authority": authority, "x-meshfed-export": path });
            }
        });
    });

    describe("cluster2's ingress gateway (exporter to two consumers)", () => {
        it("serves each consumer on its own SNI host, with that consumer's CA only and its name as the only accepted SAN", () => {
            const gw = objectOf(get("cluster2-federation"), "Gateway", "federation-ingress") as any;
            const byHost = Object.fromEntries(gw.spec.servers.map((s: any) => [s.hosts[0], s]));
            expect(Object.keys(byHost).sort()).to.deep.equal(["cluster1.c2.example.com", "cluster3.c2.example.com"]);
            for (const [consumer, host] of [["cluster1", "c1.example.com"], ["cluster3", "c3.example.com"]]) {
                const s = byHost[`${consumer}.c2.example.com`];
                // cluster2's additional federation host serves each consumer too, on the same server.
                expect(s.hosts).to.deep.equal([`${consumer}.c2.example.com`, `${consumer}.federation.c2.example.net`]);
                expect(s.port).to.deep.equal({ name: `https-${consumer}`, number: 15443, protocol: "HTTPS" });
                expect(s.tls).to.deep.equal({ mode: "MUTUAL", credentialName: "federation-ingress", caCertCredentialName: `federation-ingress-${consumer}-cacert`, subjectAltNames: [host] });
            }
        });

        it("keeps each consumer's CA in its own bundle Secret, the consumer's published CA and nothing else", () => {
            for (const consumer of ["cluster1", "cluster3"]) {
                const bundle = secretData(get("cluster2-federation"), `federation-ingress-${consumer}-cacert`);
                expect(bundle["ca.crt"]).to.equal(outputOf<string>(get(consumer), "caCertPem"));
            }
        });

        it("admits each consumer's principal to its own host and to the exports it may consume", () => {
            const ap = objectOf(get("cluster2-federation"), "AuthorizationPolicy", "federation-ingress") as any;
            const rules = ap.spec.rules.map((r: any) => [r.from[0].source.principals, r.to[0].operation.hosts, r.to[0].operation.paths]);
            expect(rules).to.deep.include.members([
                [["c1.example.com"], ["cluster1.c2.example.com", "cluster1.federation.c2.example.net"], ["/bookinfo/reviews-v2/*"]],
                [["c3.example.com"], ["cluster3.c2.example.com", "cluster3.federation.c2.example.net"], ["/bookinfo/reviews-v2/*"]],
            ]);
            expect(rules).to.have.length(2);
        });

        it("routes the export on every SNI host of its consumers, the additional federation host's included", () => {
            const vs = objectOf(get("cluster2-federation"), "VirtualService", "export-bookinfo-reviews-v2") as any;
            expect(vs.spec.hosts).to.deep.equal([
                "cluster1.c2.example.com",
                "cluster1.federation.c2.example.net",
                "cluster3.c2.example.com",
                "cluster3.federation.c2.example.net",
            ]);
            expect(vs.spec.gateways).to.deep.equal(["federation-ingress"]);
        });
    });

    describe("which credential lands in which Secret", () => {
        const cert = (pem: string) => new X509Certificate(pem);
        const ca = (stack: string) => cert(outputOf<string>(get(stack), "caCertPem"));

        it("puts cluster2's server certificate for its federation hosts, signed by its CA, in federation-ingress", () => {
            const s = secretData(get("cluster2"), "federation-ingress");
            const c = cert(s["tls.crt"]);
            expect(c.subjectAltName).to.equal("DNS:c2.example.com, DNS:federation.c2.example.net");
            expect(c.verify(ca("cluster2").publicKey)).to.equal(true);
            expect(c.keyUsage ?? []).to.not.include("1.3.6.1.5.5.7.3.2");
            expect(createPublicKey(s["tls.key"]).equals(c.publicKey)).to.equal(true);
        });

        it("puts cluster1's client certificate in one Secret per peer, and the very same one in each sidecar copy", () => {
            const gateway = ["cluster2", "cluster3"].map((peer) => (objectOf(get("cluster1"), "Secret", `federation-egress-${peer}`, "istio-federation-egress") as any).stringData);
            const c = cert(gateway[0]["tls.crt"]);
            expect(c.subjectAltName).to.include("URI:spiffe://c1.example.com");
            expect(c.verify(ca("cluster1").publicKey)).to.equal(true);
            expect(gateway[1]["tls.crt"]).to.equal(gateway[0]["tls.crt"]);
            const copies = objects(get("cluster1")).filter((o) => o.kind === "Secret" && o.metadata.namespace === "shop" && !o.metadata.name!.endsWith("-cacert"));
            expect(copies.map((o) => o.metadata.name).sort()).to.deep.equal(["federation-egress-cluster2", "federation-egress-cluster3"]);
            for (const copy of copies) {
                expect((copy.stringData as any)["tls.crt"], `${copy.metadata.name} carries the client certificate`).to.equal(gateway[0]["tls.crt"]);
                expect((copy.stringData as any)["tls.key"]).to.equal(gateway[0]["tls.key"]);
            }
        });

        it("gives each peer's egress credential a CA bundle with that peer's CA only", () => {
            for (const peer of ["cluster2", "cluster3"]) {
                const bundle = secretData(get("cluster1-federation"), `federation-egress-${peer}-cacert`);
                expect(bundle["ca.crt"]).to.equal(outputOf<string>(get(peer), "caCertPem"));
            }
        });
    });
});
