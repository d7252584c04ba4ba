import { expect } from "chai";
import * as k8s from "@pulumi/kubernetes";
import { InputError } from "../../components/core/input-error";
import { ReachableContract } from "../../components/federation/contract";
import { bindImports } from "../../components/federation/import-resolution";
import { ResolvedImport, resolveImports, resolveOutlierDetection } from "../../components/federation/import-specs";
import { ServiceImports } from "../../components/federation/service-imports";
import { EgressGatewayRef } from "../../components/federation/specs/egress-routing";
import { buildImportObjects, ImportObjectsInput } from "../../components/federation/specs/import-objects";
import { buildImportService, buildImportVirtualService } from "../../components/federation/specs/import-routing";
import { buildPeerServiceEntry } from "../../components/federation/specs/remote-gateway";
import { NamedKubeObject } from "../../components/core/kube-object";
import { StackPlan } from "../../engine/run-stack";
import { formatFinding, KubeObject, loadValidator } from "../../validate";
import { planProgram } from "../support/plan";
import { objectOf } from "../support/records";

// The scenario of stacks/Pulumi.cluster1-federation.yaml, grown to two peers: cluster1 imports cluster2's
// bookinfo/reviews-v2 as reviews.default:9080 next to its own v1 (jason's requests to cluster2, the others
// split 50/50), and cluster3's shop/cart as cart.shop:8080; through its egress gateway in
// istio-federation-egress, which holds a client credential per peer.
const EGRESS_NS = "istio-federation-egress";
const EGRESS_HOST = `istio-private-egressgateway.${EGRESS_NS}.svc.cluster.local`;
const LOCAL_HOST = "reviews.default.svc.cluster.local";
const egress: EgressGatewayRef = { namespace: EGRESS_NS, selector: { istio: "private-egressgateway" }, serviceHost: EGRESS_HOST };
const CREDENTIALS = { cluster2: "federation-egress-cluster2", cluster3: "federation-egress-cluster3" };

const pem = (body: string) => `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`;
const cluster2: ReachableContract = {
    version: 1,
    cluster: "cluster2",
    host: "c2.example.com",
    address: { ip: "192.0.2.7" },
    port: 15443,
    caCertPem: pem("QzJD"),
    services: [
        { name: "reviews-v2", namespace: "bookinfo", pathPrefix: "/bookinfo/reviews-v2/", consumers: ["cluster1"] },
        { name: "ratings", namespace: "bookinfo", pathPrefix: "/bookinfo/ratings/", consumers: ["cluster1"] },
    ],
};
const cluster3: ReachableContract = {
    version: 1,
    cluster: "cluster3",
    host: "c3.example.com",
    address: { hostname: "a1b2.elb.amazonaws.com" },
    port: 8443,
    caCertPem: pem("QzND"),
    services: [{ name: "cart", namespace: "shop", pathPrefix: "/shop/cart/", consumers: ["cluster1"] }],
};
const PEERS = { cluster2, cluster3 };

const reviewsRaw = (overrides: Record<string, unknown> = {}) => {
    const raw: Record<string, unknown> = {
        peer: "cluster2",
        service: { name: "reviews-v2", namespace: "bookinfo" },
        as: { name: "reviews", namespace: "default", port: 9080 },
        localSubset: "v1",
        canary: { "end-user": { exact: "jason" } },
        remoteWeight: 50,
        ...overrides,
    };
    for (const [k, v] of Object.entries(raw)) if (v === undefined) delete raw[k];
    return raw;
};
const cartRaw = (overrides: Record<string, unknown> = {}) => ({
    peer: "cluster3", service: { name: "cart", namespace: "shop" }, as: { name: "cart", namespace: "shop", port: 8080 }, ...overrides,
});
const ratingsRaw = (overrides: Record<string, unknown> = {}) => ({
    peer: "cluster2", service: { name: "ratings", namespace: "bookinfo" }, as: { name: "ratings", namespace: "default", port: 9080 }, ...overrides,
});
const callers = (labels: Record<string, string>, ...serviceAccounts: string[]) => ({ labels, serviceAccounts });

const importsOf = (...raw: unknown[]): ResolvedImport[] => resolveImports("meshfed:federation.imports", raw);
const importOf = (overrides: Record<string, unknown> = {}): ResolvedImport => importsOf(reviewsRaw(overrides))[0];
const reviews = importOf();
/** An import bound to what its peer publishes. */
const boundTo = (spec: ResolvedImport) => bindImports("meshfed:federation.imports", [spec], PEERS, "cluster1")[0];

const input = (more: Partial<ImportObjectsInput> = {}): ImportObjectsInput => ({
    self: "cluster1",
    egress: { ...egress, credentials: CREDENTIALS },
    sidecarCredentials: {},
    outlierDetection: (peer) => resolveOutlierDetection(`peers.${peer}`, undefined),
    dnsProxy: false,
    ...more,
});
/** All the consuming side applies for these imports. */
const build = (raw: unknown[], more: Partial<ImportObjectsInput> = {}) =>
    buildImportObjects(bindImports("meshfed:federation.imports", importsOf(...raw), PEERS, "cluster1"), input(more));
const find = (objects: { kind: string; metadata: { name: string; namespace?: string } }[], kind: string, name: string, namespace: string) => {
    const found = objects.filter((o) => o.kind === kind && o.metadata.name === name && o.metadata.namespace === namespace);
    expect(found, `${kind} ${namespace}/${name}`).to.have.lengthOf(1);
    return found[0] as any;
};

interface Destination { host: string; subset?: string; port: { number: number } }
interface Marks { request: { set: Record<string, string> } }
interface HttpRoute { name: string; match?: { headers?: unknown; uri?: unknown }[]; rewrite?: { uri?: string; authority: string }; route: { destination: Destination; weight?: number; headers?: Marks }[] }
const routesOf = (i: ResolvedImport) => buildImportVirtualService(boundTo(i), egress, "cluster1.c2.example.com").spec.http as unknown as HttpRoute[];

/** Where a destination leads, in the words of the scenario: "peer" or "local <subset>". */
function where(d: Destination): string {
    if (d.host === EGRESS_HOST && d.subset === "peer-cluster2" && d.port.number === 443) return "peer";
    if (d.host === LOCAL_HOST && d.port.number === 9080) return `local ${d.subset}`;
    return `somewhere else: ${JSON.stringify(d)}`;
}
/** The requests not matched by the canary: [where, percent] per destination. */
function shares(i: ResolvedImport): [string, number][] {
    const split = routesOf(i).filter((r) => !r.match);
    expect(split, "one catch-all route").to.have.lengthOf(1);
    return split[0].route.map((r) => [where(r.destination), r.weight ?? 100]);
}

describe("reaching a peer's ingress gateway", () => {
    it("resolves a peer published by IP statically, with the IP as its one endpoint", () => {
        const se = buildPeerServiceEntry(cluster2, EGRESS_NS);

        expect(se.spec.resolution).to.equal("STATIC");
        expect(se.spec.endpoints).to.deep.equal([{ address: "192.0.2.7" }]);
    });

    it("resolves a peer published by DNS name (an AWS load balancer) through DNS, with the name as its endpoint", () => {
        const se = buildPeerServiceEntry(cluster3, EGRESS_NS);

        expect(se.spec.resolution).to.equal("DNS");
        expect(se.spec.endpoints).to.deep.equal([{ address: "a1b2.elb.amazonaws.com" }]);
    });

    it("declares the peer's federation host and port as HTTPS outside the mesh, visible to the originating namespace only", () => {
        const se = buildPeerServiceEntry(cluster3, EGRESS_NS);

        expect(se.metadata).to.deep.equal({ name: "peer-cluster3", namespace: EGRESS_NS });
        expect(se.spec.hosts).to.deep.equal(["c3.example.com"]);
        expect(se.spec.ports).to.deep.equal([{ number: 8443, name: "https-federation", protocol: "HTTPS" }]);
        expect(se.spec.location).to.equal("MESH_EXTERNAL");
        expect(se.spec.exportTo).to.deep.equal(["."]);
    });

    it("originates mutual TLS with the credential for cluster2, SNI cluster1.c2.example.com, and accepts only a certificate naming c2.example.com", () => {
        const dr = find(build([reviewsRaw()]).objects, "DestinationRule", "peer-cluster2", EGRESS_NS);

        expect(dr.spec.host).to.equal("c2.example.com");
        expect(dr.spec.exportTo).to.deep.equal(["."]);
        // Only the egress gateway's pods originate: the rule selects them.
        expect(dr.spec.workloadSelector).to.deep.equal({ matchLabels: egress.selector });
        expect(dr.spec.trafficPolicy.tls).to.deep.equal({
            mode: "MUTUAL",
            credentialName: "federation-egress-cluster2",
            sni: "cluster1.c2.example.com",
            subjectAltNames: ["c2.example.com"],
        });
    });

    it("with two peers, gives each its own DestinationRule, credential, SNI and SAN", () => {
        const { objects, origins } = build([reviewsRaw(), cartRaw()]);
        const tls = (peer: string) => find(objects, "DestinationRule", `peer-${peer}`, EGRESS_NS).spec.trafficPolicy.tls;

        expect(tls("cluster2")).to.deep.equal({ mode: "MUTUAL", credentialName: "federation-egress-cluster2", sni: "cluster1.c2.example.com", subjectAltNames: ["c2.example.com"] });
        expect(tls("cluster3")).to.deep.equal({ mode: "MUTUAL", credentialName: "federation-egress-cluster3", sni: "cluster1.c3.example.com", subjectAltNames: ["c3.example.com"] });
        // The CA bundle each origination is validated with: that peer's CA, under the credential's -cacert name.
        expect(origins.map((o) => [o.namespace, o.peer.cluster, o.credentialName, o.caBundle])).to.deep.equal([
            [EGRESS_NS, "cluster2", "federation-egress-cluster2", "federation-egress-cluster2-cacert"],
            [EGRESS_NS, "cluster3", "federation-egress-cluster3", "federation-egress-cluster3-cacert"],
        ]);
    });

    it("declares only the peers something is imported from", () => {
        const { objects } = build([cartRaw()]);

        expect(objects.filter((o) => o.metadata.name.startsWith("peer-")).map((o) => `${o.kind}/${o.metadata.name}`)).to.deep.equal([
            "ServiceEntry/peer-cluster3",
            "DestinationRule/peer-cluster3",
            "VirtualService/peer-cluster3",
        ]);
    });
});

describe("outlier detection on a peer's gateway", () => {
    it("by default ejects on 5 consecutive gateway errors, never on the application's 5xx, and never below half of the endpoints", () => {
        expect(resolveOutlierDetection("p", undefined)).to.deep.equal({
            consecutiveGatewayErrors: 5,
            consecutive5xxErrors: 0,
            interval: "10s",
            baseEjectionTime: "30s",
            maxEjectionPercent: 50,
            minHealthPercent: 50,
        });
    });

    it("takes the user's thresholds, and keeps the safety limits", () => {
        expect(resolveOutlierDetection("p", { consecutiveGatewayErrors: 3, interval: "500ms", baseEjectionTime: "1m" })).to.deep.equal({
            consecutiveGatewayErrors: 3,
            consecutive5xxErrors: 0,
            interval: "500ms",
            baseEjectionTime: "1m",
            maxEjectionPercent: 50,
            minHealthPercent: 50,
        });
    });

    it("is switched off by false: the peer DestinationRule then has no outlierDetection", () => {
        expect(resolveOutlierDetection("p", false)).to.equal(false);
        const dr = find(build([reviewsRaw()], { outlierDetection: () => false }).objects, "DestinationRule", "peer-cluster2", EGRESS_NS);

        expect(dr.spec.trafficPolicy).to.have.all.keys("tls");
    });

    it("refuses the old consecutive5xxErrors setting, which ejected on the application's own errors", () => {
        expect(() => resolveOutlierDetection("meshfed:federation.peers.cluster2.outlierDetection", { consecutive5xxErrors: 5 })).to.throw(
            "meshfed:federation.peers.cluster2.outlierDetection.consecutive5xxErrors: 5 is not valid; unknown setting",
        );
    });
});

describe("carrying an import through the egress gateway to the peer", () => {
    const two = () => build([reviewsRaw(), cartRaw(), ratingsRaw({ as: { name: "ratings", namespace: "default", port: 9080 } })]).objects;
    const peerRoutes = (peer: string) => find(two(), "VirtualService", `peer-${peer}`, EGRESS_NS);

    it("has one route table per peer on the egress gateway, for cluster1's name at that peer, on 443 only", () => {
        const vs = peerRoutes("cluster2");
        expect(vs.spec.hosts).to.deep.equal(["cluster1.c2.example.com"]);
        expect(vs.spec.gateways).to.deep.equal(["federation-egress"]);
        expect(vs.spec.exportTo).to.deep.equal(["."]);
        expect(two().filter((o) => o.kind === "VirtualService" && o.metadata.namespace === EGRESS_NS).map((o) => o.metadata.name)).to.deep.equal(["peer-cluster2", "peer-cluster3"]);
    });

    it("picks each export by the export header, rewrites / to its prefix, drops the header and sends it to the peer's federation port", () => {
        const byPrefix = Object.fromEntries(peerRoutes("cluster2").spec.http.map((r: any) => [r.match[0].headers["x-meshfed-export"].exact, r]));
        expect(Object.keys(byPrefix).sort()).to.deep.equal(["/bookinfo/ratings/", "/bookinfo/reviews-v2/"]);
        const reviewsRoute = byPrefix["/bookinfo/reviews-v2/"];
        expect(reviewsRoute.match[0]).to.deep.include({ gateways: ["federation-egress"], port: 443, uri: { prefix: "/" } });
        expect(reviewsRoute.rewrite).to.deep.equal({ uri: "/bookinfo/reviews-v2/", authority: "cluster1.c2.example.com" });
        expect(reviewsRoute.headers).to.deep.equal({ request: { remove: ["x-meshfed-export"] } });
        expect(reviewsRoute.route).to.deep.equal([{ destination: { host: "c2.example.com", port: { number: 15443 } } }]);
    });

    it("routes each peer's import to that peer, with that peer's prefix, port and authority", () => {
        const [cart] = peerRoutes("cluster3").spec.http;

        expect(cart.rewrite).to.deep.equal({ uri: "/shop/cart/", authority: "cluster1.c3.example.com" });
        expect(cart.route).to.deep.equal([{ destination: { host: "c3.example.com", port: { number: 8443 } } }]);
    });

    it("serves cluster1's name at each funnelled peer on 443, HTTPS with Istio mutual TLS", () => {
        const { objects } = build([reviewsRaw(), cartRaw(), ratingsRaw({ via: "sidecar", callers: callers({ app: "productpage" }, "bookinfo-productpage") })], {
            sidecarCredentials: { default: { cluster2: "federation-egress-cluster2" } },
        });
        const gw = find(objects, "Gateway", "federation-egress", EGRESS_NS);

        expect(gw.spec.selector).to.deep.equal({ istio: "private-egressgateway" });
        expect(gw.spec.servers).to.deep.equal([
            {
                port: { number: 443, name: "https-federation", protocol: "HTTPS" },
                hosts: ["cluster1.c2.example.com", "cluster1.c3.example.com"],
                tls: { mode: "ISTIO_MUTUAL" },
            },
        ]);
    });

    it("is reached by sidecars with Istio mutual TLS, a subset per peer whose SNI names it, from exactly the import namespaces", () => {
        const { objects } = build([reviewsRaw(), cartRaw(), ratingsRaw({ as: { name: "ratings", namespace: "web", port: 9080 }, via: "sidecar", callers: callers({ app: "web" }, "web") })], {
            sidecarCredentials: { web: { cluster2: "federation-egress-cluster2" } },
        });
        const dr = find(objects, "DestinationRule", "federation-egress", EGRESS_NS);

        expect(dr.spec.host).to.equal(EGRESS_HOST);
        expect(dr.spec.exportTo).to.deep.equal(["default", "shop"]);
        expect(dr.spec.subsets.map((s: any) => [s.name, s.trafficPolicy.portLevelSettings])).to.deep.equal([
            ["peer-cluster2", [{ port: { number: 443 }, tls: { mode: "ISTIO_MUTUAL", sni: "cluster1.c2.example.com" } }]],
            ["peer-cluster3", [{ port: { number: 443 }, tls: { mode: "ISTIO_MUTUAL", sni: "cluster1.c3.example.com" } }]],
        ]);
    });

    it("needs an egress gateway, and its credential for each peer imported from", () => {
        expect(() => build([reviewsRaw()], { egress: undefined })).to.throw(InputError, '"default/reviews" is not valid; that import goes through the egress gateway, which this cluster does not run');
        expect(() => build([reviewsRaw(), cartRaw()], { egress: { ...egress, credentials: { cluster2: CREDENTIALS.cluster2 } } })).to.throw(
            InputError,
            '"shop/cart" is not valid; the egress gateway has no credential for cluster3: add cluster3 to the identity stack\'s gateways.egress.peers (meshfed:gateways.egress.peers in a stack config)',
        );
    });
});

describe("what callers of reviews.default:9080 see", () => {
    it("is routed by a VirtualService for reviews.default's full host, in namespace default, visible there only", () => {
        const vs = buildImportVirtualService(boundTo(reviews), egress, "cluster1.c2.example.com");

        expect(vs.spec.hosts).to.deep.equal([LOCAL_HOST]);
        expect(vs.spec.exportTo).to.deep.equal(["."]);
        expect(vs.metadata).to.deep.equal({ name: "import-default-reviews", namespace: "default" });
    });

    it("sends jason's requests (end-user: exact jason) to the egress gateway's subset for cluster2, before any split", () => {
        const [first] = routesOf(reviews);

        expect(first.match).to.deep.equal([{ headers: { "end-user": { exact: "jason" } } }]);
        expect(first.route).to.deep.equal([
            {
                destination: { host: EGRESS_HOST, subset: "peer-cluster2", port: { number: 443 } },
                headers: { request: { set: { ":authority": "cluster1.c2.example.com", "x-meshfed-export": "/bookinfo/reviews-v2/" } } },
            },
        ]);
    });

    it("splits the other requests 50/50 between local v1 and remote v2", () => {
        expect(shares(reviews)).to.deep.equal([["local v1", 50], ["peer", 50]]);
    });

    const boundaries: [number, [string, number][]][] = [
        [0, [["local v1", 100]]],
        [1, [["local v1", 99], ["peer", 1]]],
        [99, [["local v1", 1], ["peer", 99]]],
        [100, [["peer", 100]]],
    ];
    for (const [weight, expected] of boundaries) {
        it(`with remoteWeight ${weight}, sends ${weight} % of the other requests to the peer`, () => {
            const i = importOf({ remoteWeight: weight });

            expect(shares(i)).to.deep.equal(expected);
            // The canary goes to the peer whatever the weights.
            expect(routesOf(i).filter((r) => r.match).map((r) => where(r.route[0].destination))).to.deep.equal(["peer"]);
        });
    }

    it("refuses a remote weight outside 0 to 100", () => {
        expect(() => importOf({ remoteWeight: 101 })).to.throw("meshfed:federation.imports[0].remoteWeight: 101 is not valid");
        expect(() => importOf({ remoteWeight: -1 })).to.throw("meshfed:federation.imports[0].remoteWeight: -1 is not valid");
    });

    it("keeps non-canary requests local by default when a canary and a local version are set", () => {
        expect(shares(importOf({ remoteWeight: undefined }))).to.deep.equal([["local v1", 100]]);
    });

    it("without a canary or local version, has no header route and sends everything to the peer", () => {
        const i = importOf({ canary: undefined, remoteWeight: undefined, localSubset: undefined });

        expect(routesOf(i).map((r) => r.name)).to.deep.equal(["to-peer"]);
        expect(shares(i)).to.deep.equal([["peer", 100]]);
    });

    it("marks only the remote share for the peer (authority and export header); the local share and the routes are not rewritten", () => {
        const [, split] = routesOf(reviews);
        expect(routesOf(reviews).map((r) => r.rewrite)).to.deep.equal([undefined, undefined]);
        expect(split.route.map((r) => [where(r.destination), r.headers?.request.set ?? null])).to.deep.equal([
            ["local v1", null],
            ["peer", { ":authority": "cluster1.c2.example.com", "x-meshfed-export": "/bookinfo/reviews-v2/" }],
        ]);
    });

    it("gives an all-remote import a selector-less Service on the imported port, and an import with a local version none", () => {
        const { objects } = build([reviewsRaw(), cartRaw()]);
        const services = objects.filter((o) => o.kind === "Service");
        const svc = buildImportService(importsOf(cartRaw())[0]);

        expect(services.map((s) => `${s.metadata.namespace}/${s.metadata.name}`)).to.deep.equal(["shop/cart"]);
        expect(svc.metadata).to.include({ name: "cart", namespace: "shop" });
        expect(svc.spec).to.not.have.property("selector");
        expect(svc.spec.ports).to.deep.equal([{ name: "http", port: 8080, protocol: "TCP" }]);
    });
});

describe("imported local names with callers running Istio's DNS proxy (dnsProxy: true)", () => {
    const raw = [
        reviewsRaw(),
        cartRaw(),
        ratingsRaw({ as: { name: "ratings", namespace: "shop", port: 8080 } }),
        ratingsRaw({ as: { name: "ratings-admin", namespace: "shop", port: 9090 } }),
    ];
    const entries = (objects: any[]) => objects.filter((o) => o.kind === "ServiceEntry" && o.metadata.name.startsWith("imports-"));

    it("declares the all-remote names a namespace imports from one peer on one port in one ServiceEntry, HTTP, visible in that namespace only, and no Service", () => {
        const { objects } = build(raw, { dnsProxy: true });
        expect(objects.filter((o) => o.kind === "Service")).to.deep.equal([]);
        expect(entries(objects).map((e) => [`${e.metadata.namespace}/${e.metadata.name}`, e.spec.hosts, e.spec.ports])).to.deep.equal([
            ["shop/imports-cluster2-8080", ["ratings.shop.svc.cluster.local"], [{ number: 8080, name: "http-8080", protocol: "HTTP" }]],
            ["shop/imports-cluster2-9090", ["ratings-admin.shop.svc.cluster.local"], [{ number: 9090, name: "http-9090", protocol: "HTTP" }]],
            ["shop/imports-cluster3-8080", ["cart.shop.svc.cluster.local"], [{ number: 8080, name: "http-8080", protocol: "HTTP" }]],
        ]);
    });

    it("keeps to 256 hosts per ServiceEntry (Istio's limit): 600 names from one peer on one port take three, every host once", () => {
        const many = Array.from({ length: 600 }, (_, n) => ratingsRaw({ as: { name: `ratings-${String(n).padStart(3, "0")}`, namespace: "shop", port: 8080 } }));
        const found = entries(build(many, { dnsProxy: true }).objects);
        expect(found.map((e) => [e.metadata.name, e.spec.hosts.length])).to.deep.equal([
            ["imports-cluster2-8080", 256],
            ["imports-cluster2-8080-2", 256],
            ["imports-cluster2-8080-3", 88],
        ]);
        const hosts = found.flatMap((e) => e.spec.hosts);
        expect(hosts).to.have.lengthOf(600).and.deep.equal([...hosts].sort());
        expect(new Set(hosts).size).to.equal(600);
        expect(hosts[0]).to.equal("ratings-000.shop.svc.cluster.local");
    });

    it("leaves the address to istiod's auto-allocation (STATIC, none given) and the routing to each import's VirtualService (no endpoints)", () => {
        for (const e of entries(build(raw, { dnsProxy: true }).objects)) {
            expect(e.spec).to.include({ location: "MESH_INTERNAL", resolution: "STATIC" });
            expect(e.spec.exportTo).to.deep.equal(["."]);
            expect(e.spec).to.not.have.any.keys("addresses", "endpoints", "workloadSelector");
        }
    });

    it("routes exactly as with a Service per import: the VirtualServices do not change", () => {
        const virtualServices = (dnsProxy: boolean) => build(raw, { dnsProxy }).objects.filter((o) => o.kind === "VirtualService");
        expect(virtualServices(true)).to.have.lengthOf(6).and.deep.equal(virtualServices(false));
    });

    it("is off by default: each all-remote import gets its Service and no ServiceEntry declares local names", () => {
        const { objects } = build(raw);
        expect(entries(objects)).to.deep.equal([]);
        expect(objects.filter((o) => o.kind === "Service").map((s) => `${s.metadata.namespace}/${s.metadata.name}`)).to.deep.equal(["shop/cart", "shop/ratings", "shop/ratings-admin"]);
    });
});

describe("importing with sidecars calling the peer directly (via: sidecar)", () => {
    const sidecarRaw = (more: Record<string, unknown> = {}) =>
        reviewsRaw({ via: "sidecar", remoteWeight: 0, callers: callers({ app: "productpage" }, "bookinfo-productpage"), ...more });
    const sidecarInput = { sidecarCredentials: { default: { cluster2: "federation-egress-cluster2", cluster3: "federation-egress-cluster3" } } };
    const direct = importOf({ via: "sidecar", remoteWeight: 0, callers: callers({ app: "productpage" }, "bookinfo-productpage") });

    it("requires the calling workloads, naming the key", () => {
        expect(() => importOf({ via: "sidecar", remoteWeight: 0 })).to.throw("meshfed:federation.imports[0].callers: a missing value is not valid; via: sidecar needs the calling workloads");
        expect(() => importOf({ callers: callers({ app: "x" }, "x") })).to.throw("meshfed:federation.imports[0].callers:");
    });

    it("sends the canary straight to c2.example.com:15443 under the exported path and cluster1's name there", () => {
        const routes = buildImportVirtualService(boundTo(direct), undefined, "cluster1.c2.example.com").spec.http as unknown as HttpRoute[];
        const [canary, rest] = routes;

        expect(canary.match).to.deep.equal([{ headers: { "end-user": { exact: "jason" } }, uri: { prefix: "/" } }]);
        expect(canary.rewrite).to.deep.equal({ uri: "/bookinfo/reviews-v2/", authority: "cluster1.c2.example.com" });
        expect(canary.route).to.deep.equal([{ destination: { host: "c2.example.com", port: { number: 15443 } } }]);
        expect(rest.route).to.deep.equal([{ destination: { host: LOCAL_HOST, subset: "v1", port: { number: 9080 } } }]);
    });

    it("refuses a weighted split, which would need two rewrites on one route", () => {
        expect(() => importOf({ via: "sidecar", remoteWeight: 50, callers: callers({ app: "a" }, "a") })).to.throw(
            "meshfed:federation.imports[0].remoteWeight: 50 is not valid; a weighted local/remote split needs via: egressGateway",
        );
    });

    it("originates mutual TLS in the import's namespace, for the callers' pods only, with the namespace's copy of the credential", () => {
        const { objects, origins } = build([sidecarRaw()], { egress: undefined, ...sidecarInput });
        const dr = find(objects, "DestinationRule", "peer-cluster2", "default");

        expect(dr.spec.workloadSelector).to.deep.equal({ matchLabels: { app: "productpage" } });
        expect(dr.spec.exportTo).to.deep.equal(["."]);
        expect(dr.spec.trafficPolicy.tls).to.deep.equal({ mode: "MUTUAL", credentialName: "federation-egress-cluster2", sni: "cluster1.c2.example.com", subjectAltNames: ["c2.example.com"] });
        expect(find(objects, "ServiceEntry", "peer-cluster2", "default").spec.exportTo).to.deep.equal(["."]);
        expect(origins.map((o) => [o.namespace, o.peer.cluster, o.caBundle])).to.deep.equal([["default", "cluster2", "federation-egress-cluster2-cacert"]]);
        // Nothing goes through the egress gateway, so nothing is generated for it.
        expect(objects.filter((o) => o.metadata.namespace === EGRESS_NS)).to.deep.equal([]);
    });

    it("lets exactly the callers' ServiceAccounts list Secrets in the import's namespace, nothing more", () => {
        const { objects } = build(
            [sidecarRaw(), cartRaw({ as: { name: "cart", namespace: "default", port: 8080 }, via: "sidecar", callers: callers({ app: "productpage" }, "checkout", "bookinfo-productpage") })],
            { egress: undefined, ...sidecarInput },
        );
        const role = find(objects, "Role", "federation-credential-reader", "default");
        const binding = find(objects, "RoleBinding", "federation-credential-reader", "default");

        expect(role.rules).to.deep.equal([{ apiGroups: [""], resources: ["secrets"], verbs: ["list"] }]);
        expect(binding.roleRef).to.deep.equal({ apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "federation-credential-reader" });
        expect(binding.subjects).to.deep.equal([
            { kind: "ServiceAccount", name: "bookinfo-productpage", namespace: "default" },
            { kind: "ServiceAccount", name: "checkout", namespace: "default" },
        ]);
        expect(objects.filter((o) => o.kind === "Role" || o.kind === "RoleBinding")).to.have.lengthOf(2);
    });

    it("grants no Secret access for imports through the egress gateway", () => {
        expect(build([reviewsRaw(), cartRaw()]).objects.filter((o) => o.kind === "Role" || o.kind === "RoleBinding")).to.deep.equal([]);
    });

    it("refuses an import whose namespace has no copy of the credential for that peer, naming the import", () => {
        const run = () => build([sidecarRaw()], { egress: undefined, sidecarCredentials: { default: { cluster3: "federation-egress-cluster3" } } });

        expect(run).to.throw(InputError, '"default/reviews" is not valid; sidecars in default need the client credential for cluster2 there');
    });

    it("refuses two imports of one peer in one namespace called by different workloads: one DestinationRule originates for both", () => {
        const run = () =>
            build([sidecarRaw(), ratingsRaw({ via: "sidecar", callers: callers({ app: "details" }, "details") })], { egress: undefined, ...sidecarInput });

        expect(run).to.throw(InputError, "imports from cluster2 into default are originated by one DestinationRule: give them the same callers.labels");
    });

    it("accepts the same callers' labels written in another key order", () => {
        const { objects } = build(
            [
                sidecarRaw({ callers: callers({ app: "productpage", version: "v1" }, "bookinfo-productpage") }),
                ratingsRaw({ via: "sidecar", callers: callers({ version: "v1", app: "productpage" }, "bookinfo-productpage") }),
            ],
            { egress: undefined, ...sidecarInput },
        );

        expect(find(objects, "DestinationRule", "peer-cluster2", "default").spec.workloadSelector).to.deep.equal({ matchLabels: { app: "productpage", version: "v1" } });
    });
});

describe("ServiceImports: a consumer of two peers", () => {
    let plan: StackPlan;
    // The objects as applied, read while the program runs.
    let objects: NamedKubeObject[];
    before(async () => {
        plan = await planProgram(() => {
            const provider = new k8s.Provider("cluster1", { kubeconfig: "stand-in" });
            const component = new ServiceImports("cluster1-imports", {
                provider,
                clusterName: "cluster1",
                imports: importsOf(reviewsRaw(), cartRaw(), ratingsRaw({ as: { name: "ratings", namespace: "web", port: 9080 }, via: "sidecar", callers: callers({ app: "web" }, "web") })),
                peers: PEERS,
                egress: { namespace: EGRESS_NS, credentials: CREDENTIALS },
                sidecarCredentials: { web: { cluster2: "federation-egress-cluster2" } },
                outlierDetection: { cluster2: { consecutiveGatewayErrors: 2 }, cluster3: { consecutiveGatewayErrors: 9, baseEjectionTime: "2m" } },
            });
            component.objects.apply((o) => (objects = o));
        });
    });
    const dr = (namespace: string, peer: string) => find(objects, "DestinationRule", `peer-${peer}`, namespace);

    it("applies each peer's own outlier detection to that peer", () => {
        expect(dr(EGRESS_NS, "cluster2").spec.trafficPolicy.outlierDetection).to.deep.include({ consecutiveGatewayErrors: 2, baseEjectionTime: "30s" });
        expect(dr(EGRESS_NS, "cluster3").spec.trafficPolicy.outlierDetection).to.deep.include({ consecutiveGatewayErrors: 9, baseEjectionTime: "2m" });
        expect(dr("web", "cluster2").spec.trafficPolicy.outlierDetection).to.deep.include({ consecutiveGatewayErrors: 2 });
    });

    it("writes each peer's CA, and only that one, beside each credential that calls it", () => {
        expect(objectOf(plan, "Secret", "federation-egress-cluster2-cacert", EGRESS_NS).stringData).to.deep.equal({ "ca.crt": pem("QzJD") });
        expect(objectOf(plan, "Secret", "federation-egress-cluster3-cacert", EGRESS_NS).stringData).to.deep.equal({ "ca.crt": pem("QzND") });
        expect(objectOf(plan, "Secret", "federation-egress-cluster2-cacert", "web").stringData).to.deep.equal({ "ca.crt": pem("QzJD") });
    });

    it("gives every generated object a schema-valid form (Istio 1.30.3 schemas and CEL rules)", async () => {
        const validator = await loadValidator();
        for (const o of objects) {
            expect(validator.validateObject(o as KubeObject).map(formatFinding), `${o.kind} ${o.metadata.namespace}/${o.metadata.name}`).to.deep.equal([]);
        }
        expect(objects.map((o) => o.kind)).to.include.members(["ServiceEntry", "DestinationRule", "Gateway", "VirtualService", "Service", "Role", "RoleBinding"]);
    });
});

describe("the consuming side's objects", () => {
    it("each pass the Istio 1.30.3 schema and CEL rules, at every weight boundary, with and without outlier detection and the DNS proxy", async () => {
        const validator = await loadValidator();
        const variants = [0, 1, 99, 100].map((w) => build([reviewsRaw({ remoteWeight: w }), cartRaw()]).objects);
        const off = build([reviewsRaw(), cartRaw()], { outlierDetection: () => false, dnsProxy: true }).objects;
        expect(off.map((o) => o.kind)).to.include("ServiceEntry").and.not.include("Service");
        const sidecar = build([reviewsRaw({ via: "sidecar", remoteWeight: 100, localSubset: undefined, canary: undefined, callers: callers({ app: "productpage" }, "p") })], {
            egress: undefined,
            sidecarCredentials: { default: { cluster2: "federation-egress-cluster2" } },
        }).objects;

        for (const o of [...variants.flat(), ...off, ...sidecar]) {
            expect(validator.validateObject(o as KubeObject).map(formatFinding), `${o.kind} ${o.metadata.namespace}/${o.metadata.name}`).to.deep.equal([]);
        }
    });
});
