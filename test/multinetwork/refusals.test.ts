import { expect } from "chai";
import { InputError } from "../../components/core/input-error";
import { resolveNetworkExports } from "../../components/multinetwork/network-exports";
import { bindNetworkImports, resolveNetworkImports } from "../../components/multinetwork/network-imports";
import { resolveVirtualIpSettings } from "../../components/multinetwork/remote-services";
import { networkStackKind } from "../../program/multinetwork-settings";
import { eastGateway, exportedService } from "./exported-services";

const IMPORTS = "meshfed:networkImports.imports";
const east = eastGateway("west", [exportedService("reviews", "bookinfo", 9080, { subsets: ["v2", "v3"] })]);
const bind = (imports: unknown, self = { cluster: "west", meshId: "mesh1" }) => bindNetworkImports(IMPORTS, resolveNetworkImports(IMPORTS, imports), { east }, self);
const reviews = { peer: "east", service: { name: "reviews", namespace: "bookinfo" } };

describe("cross-network imports and exports refused before anything is created", () => {
    it("refuses a peer of another mesh: passthrough needs the shared root", () => {
        expect(() => bind([reviews], { cluster: "west", meshId: "mesh2" })).to.throw(InputError, `${IMPORTS}[0].peer: "east" is not valid; east belongs to mesh mesh1 and this cluster to mesh2`);
    });

    it("refuses a service the peer does not pass through, or not to this cluster", () => {
        expect(() => bind([{ peer: "east", service: { name: "ratings", namespace: "bookinfo" } }])).to.throw(InputError, "east passes through only bookinfo/reviews");
        expect(() => bind([reviews], { cluster: "north", meshId: "mesh1" })).to.throw(InputError, "east exports it to west, not to north");
    });

    it("refuses a route to a subset the exporter does not define, naming the subsets it does", () => {
        const routing = { service: "reviews", routes: [{ to: [{ remote: "v4" }] }] };
        expect(() => bind([{ ...reviews, routing }])).to.throw(InputError, `${IMPORTS}[0].routing.routes[0].to[0].remote: "v4" is not valid; east exports bookinfo/reviews with subsets v2, v3`);
    });

    it("refuses weights that do not add up to 100, and a catch-all route before others", () => {
        const weights = { service: "reviews", routes: [{ to: [{ remote: "v2", weight: 50 }, { local: "v1", weight: 40 }] }] };
        expect(() => resolveNetworkImports(IMPORTS, [{ ...reviews, routing: weights }])).to.throw(InputError, "weights add up to 90; they must add up to 100");
        const order = { service: "reviews", routes: [{ to: [{ local: "v1" }] }, { match: { headers: { "end-user": { exact: "jason" } } }, to: [{ remote: "v2" }] }] };
        expect(() => resolveNetworkImports(IMPORTS, [{ ...reviews, routing: order }])).to.throw(InputError, "only the last route may match everything");
    });

    it("refuses a local name on a Kubernetes Service's host, and the same host imported twice", () => {
        expect(() => resolveNetworkImports(IMPORTS, [{ ...reviews, as: { host: "reviews.bookinfo.svc.cluster.local" } }])).to.throw(InputError, "would merge with it");
        expect(() => resolveNetworkImports(IMPORTS, [reviews, reviews])).to.throw(InputError, `${IMPORTS}[1].as: "reviews.bookinfo.global" is not valid; ${IMPORTS}[0] already imports under that host`);
    });

    it("refuses seed 004's 127.255.0.0/16 unless the callers' sidecars capture loopback, saying why", () => {
        expect(() => resolveVirtualIpSettings("meshfed:networkImports.addresses", { block: "127.255.0.0/16" })).to.throw(InputError, "Istio's sidecars no longer capture an application's loopback traffic");
        expect(resolveVirtualIpSettings("a", { block: "127.255.1.0/24", loopbackCaptured: true }).block).to.equal("127.255.1.0/24");
    });

    it("refuses an export without consumers, or to the cluster itself", () => {
        const svc = { name: "reviews", namespace: "bookinfo", port: 9080 };
        expect(() => resolveNetworkExports("meshfed:networkGateway.exports", [{ service: svc, consumers: [] }], "east")).to.throw(InputError, "list the clusters that may import it");
        expect(() => resolveNetworkExports("meshfed:networkGateway.exports", [{ service: svc, consumers: ["east"] }], "east")).to.throw(InputError, "does not import its own services");
    });

    it("keeps the gateway and the imports in separate stacks, so references run one way", () => {
        expect(() => networkStackKind({ "meshfed:networkGateway": "{}", "meshfed:networkImports": "{}" })).to.throw(InputError, "the gateway and the imports are separate stacks");
        expect(() => networkStackKind({ "meshfed:networkImports": "{}", "meshfed:trust": "{}" })).to.throw(InputError, "meshfed:trust");
        expect(networkStackKind({ "meshfed:networkGateway": "{}", "meshfed:cluster": "{}" })).to.equal("networkGateway");
    });
});
