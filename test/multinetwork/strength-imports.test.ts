/**
 * Cross-network imports as a platform engineer writes them in `meshfed:networkImports.imports`: what each
 * setting resolves to, every refusal naming the key, the value and what is allowed, and the checks against
 * several exporters' contracts (which peer, which of its services, which subsets).
 */
import { expect } from "chai";
import { InputError } from "../../components/core/input-error";
import { NetworkExportedService, NetworkGatewayContract } from "../../components/multinetwork/network-contract";
import { exportedService } from "./exported-services";
import { bindNetworkImports, resolveNetworkImports } from "../../components/multinetwork/network-imports";

const P = "meshfed:networkImports.imports";
const reviews = { peer: "east", service: { name: "reviews", namespace: "bookinfo" } };
const resolve = (imports: unknown) => resolveNetworkImports(P, imports);
/** One import of reviews with these routes. */
const routed = (routes: unknown, service: unknown = "reviews") => resolve([{ ...reviews, routing: { service, routes } }]);
const refusal = (f: () => unknown, message: string) => expect(f).to.throw(InputError, message);

const exported = exportedService;
const contract = (cluster: string, services: NetworkExportedService[], meshId = "mesh1"): NetworkGatewayContract => ({
    version: 1,
    cluster,
    meshId,
    network: `${cluster}-net`,
    address: { ip: "192.0.2.21" },
    port: 15443,
    services,
});
const east = contract("east", [
    exported("reviews", "bookinfo", 9080, { subsets: ["v2", "v3"], consumers: ["west", "south"] }),
    exported("reviews", "staging", 9081, { consumers: ["south"] }),
    exported("httpbin", "bar", 8000),
]);
const north = contract("north", [exported("ratings", "bookinfo", 9090, { protocol: "TCP" })]);
const WEST = { cluster: "west", meshId: "mesh1" };
const bind = (imports: unknown, peers: Record<string, NetworkGatewayContract> = { east, north }, self = WEST) => bindNetworkImports(P, resolve(imports), peers, self);

describe("cross-network imports: what each setting resolves to", () => {
    it("imports nothing when the key is absent", () => {
        expect(resolve(undefined)).to.deep.equal([]);
    });

    it("names an import <name>.<namespace>.global in the service's namespace, called through the callers' sidecars, by default", () => {
        expect(resolve([reviews])).to.deep.equal([
            { peer: "east", service: { name: "reviews", namespace: "bookinfo" }, host: "reviews.bookinfo.global", namespace: "bookinfo", address: undefined, via: "sidecar", routing: undefined, path: `${P}[0]` },
        ]);
    });

    it("takes every setting at once: local host and namespace, a pinned address, the egress gateway and routing", () => {
        const [imp] = resolve([
            {
                peer: "east",
                service: { name: "reviews", namespace: "bookinfo" },
                as: { host: "reviews.shop.example", namespace: "shop" },
                address: "240.0.0.3",
                via: "egressGateway",
                routing: { service: "reviews", routes: [{ to: [{ remote: "v2" }] }] },
            },
        ]);
        expect(imp).to.deep.include({ host: "reviews.shop.example", namespace: "shop", address: "240.0.0.3", via: "egressGateway" });
        expect(imp.routing).to.deep.equal({ service: "reviews", routes: [{ headers: undefined, to: [{ side: "remote", subset: "v2", weight: 100 }] }] });
    });

    it("resolves seed 002's routing: jason to remote v2/v3 50/50, the others to local v1", () => {
        const [imp] = routed([
            { match: { headers: { "end-user": { exact: "jason" } } }, to: [{ remote: "v2", weight: 50 }, { remote: "v3", weight: 50 }] },
            { to: [{ local: "v1" }] },
        ]);
        expect(imp.routing!.routes).to.deep.equal([
            { headers: { "end-user": { exact: "jason" } }, to: [{ side: "remote", subset: "v2", weight: 50 }, { side: "remote", subset: "v3", weight: 50 }] },
            { headers: undefined, to: [{ side: "local", subset: "v1", weight: 100 }] },
        ]);
    });

    it("takes prefix and regex header matches, several headers per route, and whole services (remote: true, local: true) as targets", () => {
        const [imp] = routed([
            { match: { headers: { "x-canary": { prefix: "yes" }, cookie: { regex: "^(.*?;)?(user=jason)(;.*)?$" } } }, to: [{ remote: true, weight: 30 }, { local: true, weight: 70 }] },
        ]);
        expect(imp.routing!.routes).to.deep.equal([
            {
                headers: { "x-canary": { prefix: "yes" }, cookie: { regex: "^(.*?;)?(user=jason)(;.*)?$" } },
                to: [{ side: "remote", subset: undefined, weight: 30 }, { side: "local", subset: undefined, weight: 70 }],
            },
        ]);
    });

    it("accepts a weight of 0 beside one of 100 (a version drained but kept in the route)", () => {
        const [imp] = routed([{ to: [{ remote: "v2", weight: 0 }, { local: "v1", weight: 100 }] }]);
        expect(imp.routing!.routes[0].to.map((t) => t.weight)).to.deep.equal([0, 100]);
    });
});

describe("cross-network imports refused, naming the key, the value and what is allowed", () => {
    it("refuses a map where a list of imports belongs", () => {
        refusal(() => resolve({ peer: "east" }), `${P}: {"peer":"east"} is not valid; expected a list of imports: - peer: <cluster>, service: { name, namespace }`);
    });

    it("refuses unknown keys at every level, listing the known ones", () => {
        refusal(() => resolve([{ ...reviews, sevice: {} }]), `${P}[0].sevice: {} is not valid; unknown setting; known settings at ${P}[0]: peer, service, as, address, via, routing`);
        refusal(() => resolve([{ ...reviews, service: { ...reviews.service, port: 9080 } }]), `${P}[0].service.port: 9080 is not valid; unknown setting; known settings at ${P}[0].service: name, namespace`);
        refusal(() => resolve([{ ...reviews, as: { name: "r" } }]), `${P}[0].as.name: "r" is not valid; unknown setting; known settings at ${P}[0].as: host, namespace`);
        refusal(() => resolve([{ ...reviews, routing: { service: "reviews", routes: [{ to: [{ local: "v1" }] }], mirror: 5 } }]), `${P}[0].routing.mirror: 5 is not valid; unknown setting; known settings at ${P}[0].routing: service, routes`);
        refusal(() => routed([{ to: [{ local: "v1" }], timeout: "1s" }]), `${P}[0].routing.routes[0].timeout: "1s" is not valid; unknown setting; known settings at ${P}[0].routing.routes[0]: match, to`);
        refusal(
            () => routed([{ match: { headers: { a: { exact: "b" } }, uri: { prefix: "/" } }, to: [{ local: "v1" }] }]),
            `${P}[0].routing.routes[0].match.uri: {"prefix":"/"} is not valid; unknown setting; known settings at ${P}[0].routing.routes[0].match: headers`,
        );
        refusal(() => routed([{ to: [{ local: "v1", port: 9080 }] }]), `${P}[0].routing.routes[0].to[0].port: 9080 is not valid; unknown setting; known settings at ${P}[0].routing.routes[0].to[0]: remote, local, weight`);
    });

    it("refuses a missing or malformed service, peer, local name or path, pointing at the field", () => {
        refusal(() => resolve([{ peer: "east" }]), `${P}[0].service: a missing value is not valid; expected an object`);
        refusal(() => resolve([{ ...reviews, service: { name: "Reviews", namespace: "bookinfo" } }]), `${P}[0].service.name: "Reviews" is not valid; expected a DNS-1123 label`);
        refusal(() => resolve([{ ...reviews, service: { name: "reviews", namespace: "book_info" } }]), `${P}[0].service.namespace: "book_info" is not valid; expected a DNS-1123 label`);
        refusal(() => resolve([{ ...reviews, peer: "East" }]), `${P}[0].peer: "East" is not valid; expected a DNS-1123 label`);
        refusal(() => resolve([{ ...reviews, as: "reviews.global" }]), `${P}[0].as: "reviews.global" is not valid; expected an object`);
        refusal(() => resolve([{ ...reviews, as: { host: "reviews" } }]), `${P}[0].as.host: "reviews" is not valid; expected a lowercase DNS name`);
        refusal(() => resolve([{ ...reviews, as: { namespace: "Shop" } }]), `${P}[0].as.namespace: "Shop" is not valid; expected a DNS-1123 label`);
        refusal(() => resolve([{ ...reviews, via: "gateway" }]), `${P}[0].via: "gateway" is not valid; allowed: sidecar, egressGateway`);
        refusal(() => resolve([{ ...reviews, routing: "canary" }]), `${P}[0].routing: "canary" is not valid; expected an object`);
        refusal(() => routed([{ to: [{ local: "v1" }] }], "Reviews"), `${P}[0].routing.service: "Reviews" is not valid; expected a DNS-1123 label`);
    });

    it("refuses a local Service's host as local name, saying why", () => {
        refusal(
            () => resolve([reviews, { ...reviews, service: { name: "ratings", namespace: "bookinfo" }, as: { host: "ratings.bookinfo.svc.cluster.local" } }]),
            `${P}[1].as.host: "ratings.bookinfo.svc.cluster.local" is not valid; a remote service needs a name of its own: a ServiceEntry on a local Service's host would merge with it; e.g. reviews.bookinfo.global`,
        );
    });

    it("refuses routing without routes, or a route without targets", () => {
        refusal(() => resolve([{ ...reviews, routing: { service: "reviews" } }]), `${P}[0].routing.routes: a missing value is not valid; expected at least one route: - match: { headers: … }, to: [{ remote: v2, weight: 50 }, …]`);
        refusal(() => routed([]), `${P}[0].routing.routes: [] is not valid; expected at least one route`);
        const targets = "expected targets such as [{ remote: v2, weight: 50 }, { remote: v3, weight: 50 }] or [{ local: v1 }]";
        refusal(() => routed([{ match: { headers: { a: { exact: "b" } } } }, { to: [{ local: "v1" }] }]), `${P}[0].routing.routes[0].to: a missing value is not valid; ${targets}`);
        refusal(() => routed([{ match: { headers: { a: { exact: "b" } } }, to: [{ local: "v1" }] }, { to: [] }]), `${P}[0].routing.routes[1].to: [] is not valid; ${targets}`);
        refusal(() => routed(["to local"]), `${P}[0].routing.routes[0]: "to local" is not valid; expected an object`);
    });

    it("refuses a catch-all route anywhere but last, at the route that needs a match", () => {
        refusal(
            () => routed([{ match: { headers: { a: { exact: "b" } } }, to: [{ local: "v1" }] }, { to: [{ local: "v1" }] }, { to: [{ remote: "v2" }] }]),
            `${P}[0].routing.routes[1].match: a missing value is not valid; only the last route may match everything: the routes after it would never be used`,
        );
    });

    it("refuses a header match that is not exactly one of exact, prefix or regex with a string", () => {
        const allowed = "expected one of { exact: <string> }, { prefix: <string> }, { regex: <string> }";
        const header = (m: unknown) => () => routed([{ match: { headers: { "end-user": m } }, to: [{ remote: "v2" }] }]);
        const at = `${P}[0].routing.routes[0].match.headers.end-user`;
        refusal(header({ exact: "jason", prefix: "j" }), `${at}: {"exact":"jason","prefix":"j"} is not valid; ${allowed}`);
        refusal(header({ suffix: "son" }), `${at}: {"suffix":"son"} is not valid; ${allowed}`);
        refusal(header({ exact: 42 }), `${at}: {"exact":42} is not valid; ${allowed}`);
        refusal(header({}), `${at}: {} is not valid; ${allowed}`);
        refusal(header("jason"), `${at}: "jason" is not valid; expected an object`);
        refusal(() => routed([{ match: { headers: { "end user": { exact: "jason" } } }, to: [{ remote: "v2" }] }]), `${P}[0].routing.routes[0].match.headers.end user: "end user" is not valid; a header name is made of`);
        refusal(() => routed([{ match: "jason", to: [{ remote: "v2" }] }]), `${P}[0].routing.routes[0].match: "jason" is not valid; expected an object`);
        refusal(() => routed([{ match: {}, to: [{ remote: "v2" }] }]), `${P}[0].routing.routes[0].match.headers: a missing value is not valid; expected an object`);
    });

    it("refuses a target naming both sides or neither, or a subset that is not a name", () => {
        const one = "expected exactly one of remote: <subset | true> or local: <subset | true>";
        refusal(() => routed([{ to: [{ remote: "v2", local: "v1" }] }]), `${P}[0].routing.routes[0].to[0]: {"remote":"v2","local":"v1"} is not valid; ${one}`);
        refusal(() => routed([{ to: [{ local: "v1", weight: 50 }, { weight: 50 }] }]), `${P}[0].routing.routes[0].to[1]: {"weight":50} is not valid; ${one}`);
        refusal(() => routed([{ to: [{ remote: "V2" }] }]), `${P}[0].routing.routes[0].to[0].remote: "V2" is not valid; expected a DNS-1123 label`);
        refusal(() => routed([{ to: [{ local: false }] }]), `${P}[0].routing.routes[0].to[0].local: false is not valid`);
    });

    it("refuses several targets without weights, weights out of range, and weights that do not add up to 100", () => {
        refusal(
            () => routed([{ to: [{ remote: "v2", weight: 50 }, { remote: "v3" }] }]),
            `${P}[0].routing.routes[0].to[1].weight: a missing value is not valid; with several targets, give each a weight (they add up to 100)`,
        );
        refusal(() => routed([{ to: [{ remote: "v2" }, { local: "v1" }] }]), `${P}[0].routing.routes[0].to[0].weight: a missing value is not valid; with several targets`);
        refusal(() => routed([{ to: [{ remote: "v2", weight: 150 }] }]), `${P}[0].routing.routes[0].to[0].weight: 150 is not valid; expected a whole number from 0 to 100`);
        refusal(() => routed([{ to: [{ remote: "v2", weight: 50 }] }]), `${P}[0].routing.routes[0].to: [{"remote":"v2","weight":50}] is not valid; weights add up to 50; they must add up to 100`);
    });
});

describe("cross-network imports checked against several exporters' contracts", () => {
    it("binds each import to its own exporter and to the service of that name in that namespace", () => {
        const bound = bind([
            { peer: "east", service: { name: "httpbin", namespace: "bar" } },
            { peer: "north", service: { name: "ratings", namespace: "bookinfo" } },
            reviews,
        ]);
        expect(bound.map((b) => [b.host, b.exporter.cluster, b.exported.namespace, b.exported.name, b.exported.port])).to.deep.equal([
            ["httpbin.bar.global", "east", "bar", "httpbin", 8000],
            ["ratings.bookinfo.global", "north", "bookinfo", "ratings", 9090],
            ["reviews.bookinfo.global", "east", "bookinfo", "reviews", 9080],
        ]);
    });

    it("tells two exported services of one name apart by namespace", () => {
        const [staging] = bind([{ peer: "east", service: { name: "reviews", namespace: "staging" } }], { east }, { cluster: "south", meshId: "mesh1" });
        expect([staging.exported.namespace, staging.exported.port]).to.deep.equal(["staging", 9081]);
        // west may import bookinfo's reviews, not staging's: the consumers of the one named are what count.
        refusal(() => bind([{ peer: "east", service: { name: "reviews", namespace: "staging" } }]), `${P}[0].service: "staging/reviews" is not valid; east exports it to south, not to west`);
    });

    it("refuses a peer the stack does not list, naming the peers it does and where they are set", () => {
        refusal(() => bind([{ ...reviews, peer: "south" }]), `${P}[0].peer: "south" is not valid; not a peer of this stack; peers: east, north (meshfed:networkImports.peers)`);
        refusal(() => bind([reviews], {}), `${P}[0].peer: "east" is not valid; not a peer of this stack; peers: (none) (meshfed:networkImports.peers)`);
    });

    it("refuses a service the peer does not pass through, listing those it does (or nothing)", () => {
        refusal(
            () => bind([{ peer: "east", service: { name: "ratings", namespace: "bookinfo" } }]),
            `${P}[0].service: "bookinfo/ratings" is not valid; east passes through only bookinfo/reviews, staging/reviews, bar/httpbin`,
        );
        refusal(() => bind([reviews], { east: contract("east", []) }), `${P}[0].service: "bookinfo/reviews" is not valid; east passes through only nothing`);
    });

    it("refuses a service exported to other clusters, naming them all", () => {
        refusal(() => bind([reviews], { east }, { cluster: "north", meshId: "mesh1" }), `${P}[0].service: "bookinfo/reviews" is not valid; east exports it to west, south, not to north`);
    });

    it("routes to the whole remote service without asking for a subset, and refuses a subset the exporter lacks", () => {
        const [whole] = bind([{ ...reviews, routing: { service: "reviews", routes: [{ to: [{ remote: true, weight: 50 }, { local: "v1", weight: 50 }] }] } }]);
        expect(whole.routing!.routes[0].to[0]).to.deep.equal({ side: "remote", subset: undefined, weight: 50 });
        // Local subsets are the caller's own: the exporter's list does not restrict them.
        expect(bind([{ ...reviews, routing: { service: "reviews", routes: [{ to: [{ local: "v9" }] }] } }])).to.have.length(1);
        const ratings = { peer: "north", service: { name: "ratings", namespace: "bookinfo" } };
        refusal(
            () => bind([{ ...ratings, routing: { service: "ratings", routes: [{ match: { headers: { a: { exact: "b" } } }, to: [{ local: "v1" }] }, { to: [{ local: "v1", weight: 50 }, { remote: "v2", weight: 50 }] }] } }]),
            `${P}[0].routing.routes[1].to[1].remote: "v2" is not valid; north exports bookinfo/ratings with subsets (none)`,
        );
    });
});
