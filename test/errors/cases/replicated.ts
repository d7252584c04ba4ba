/** Refusal catalogue: replicated control planes, `<cluster>-network` and `<cluster>-network-imports` stacks. */
import type { ErrorCase } from "../cases";
import { netImp, network, networkImports, westInMesh2 } from "./edits";

const GW = "meshfed:networkGateway";
const IMP = "meshfed:networkImports";
const routes = (s: Parameters<typeof netImp>[0], r: unknown[]) => {
    netImp(s).routing = { service: "reviews", routes: r };
};

export const REPLICATED_CASES: ErrorCase[] = [
    {
        id: "MF-E128",
        title: "The gateway and the imports in one stack",
        stack: "east-network",
        key: IMP,
        example: "meshfed:networkGateway: ...\nmeshfed:networkImports: ...",
        value: '"(set)"',
        allowed: "a meshfed:networkGateway stack holds only",
        fix: "Move the imports to the cluster's own <cluster>-network-imports stack.",
        edit: (s) => {
            s["east-network"][IMP] = s["west-network-imports"][IMP];
        },
    },
    {
        id: "MF-E129",
        title: "A cross-network gateway that passes nothing through",
        stack: "east-network",
        key: `${GW}.exports`,
        example: "exports: []",
        value: "[]",
        allowed: "list the services the gateway passes through",
        fix: "List each exported Service with its consumers: - service: { name, namespace, port }, consumers: [west].",
        edit: (s) => {
            network(s).exports = [];
        },
    },
    {
        id: "MF-E130",
        title: "A network stack reading another cluster's mesh stack",
        stack: "east-network",
        key: `${GW}.meshStack`,
        example: "meshStack: west-mesh",
        value: '"west-mesh"',
        allowed: "that stack is the mesh stack of west, not east",
        fix: "Name the cluster's own <cluster>-mesh stack (east-mesh).",
        edit: (s) => {
            network(s).meshStack = "west-mesh";
        },
    },
    {
        id: "MF-E131",
        title: "A gateway namespace that is not a DNS label",
        stack: "east-network",
        key: `${GW}.namespace`,
        example: "namespace: Istio_Network",
        value: '"Istio_Network"',
        allowed: "expected a DNS-1123 label",
        fix: "Use lower-case letters, digits and '-' (e.g. istio-network-gateway), or leave it out.",
        edit: (s) => {
            network(s).namespace = "Istio_Network";
        },
    },
    {
        id: "MF-E132",
        title: "The same Service exported twice",
        stack: "east-network",
        key: `${GW}.exports[1].service`,
        example: "exports:\n  - service: { name: reviews, namespace: bookinfo, port: 9080 } ...\n  - service: { name: reviews, namespace: bookinfo, port: 9080 } ...",
        value: '"bookinfo/reviews"',
        allowed: "each Service is exported once",
        fix: "Merge the two entries: one entry lists all the Service's subsets and consumers.",
        edit: (s) => {
            network(s).exports.push(structuredClone(network(s).exports[0]));
        },
    },
    {
        id: "MF-E133",
        title: "Two subsets of one name",
        stack: "east-network",
        key: `${GW}.exports[0].subsets`,
        example: "subsets: [{ name: v2, labels: { version: v2 } }, { name: v2, labels: { version: v3 } }]",
        value: '"v2"',
        allowed: "subset names must be unique",
        fix: "Give each subset its own name (v2, v3).",
        edit: (s) => {
            network(s).exports[0].subsets.push({ name: "v2", labels: { version: "v3" } });
        },
    },
    {
        id: "MF-E134",
        title: "An export without consumers",
        stack: "east-network",
        key: `${GW}.exports[0].consumers`,
        example: "consumers: []",
        value: "[]",
        allowed: "list the clusters that may import it",
        fix: "List the clusters that import it, e.g. consumers: [west].",
        edit: (s) => {
            network(s).exports[0].consumers = [];
        },
    },
    {
        id: "MF-E135",
        title: "A cluster exporting to itself",
        stack: "east-network",
        key: `${GW}.exports[0].consumers[1]`,
        example: "consumers: [west, east]",
        value: '"east"',
        allowed: "a cluster does not import its own services through its gateway",
        fix: "Remove the cluster's own name: its callers reach the Service directly.",
        edit: (s) => {
            network(s).exports[0].consumers = ["west", "east"];
        },
    },
    {
        id: "MF-E136",
        title: "An export protocol meshfed does not know",
        stack: "east-network",
        key: `${GW}.exports[0].service.protocol`,
        example: "service: { name: reviews, namespace: bookinfo, port: 9080, protocol: HTTP3 }",
        value: '"HTTP3"',
        allowed: "allowed: ",
        fix: "Use one of the protocols listed, or leave it out (HTTP).",
        edit: (s) => {
            network(s).exports[0].service.protocol = "HTTP3";
        },
    },
    {
        id: "MF-E137",
        title: "A cross-network gateway port that Istio's proxy uses itself",
        stack: "east-network",
        key: `${GW}.gateway.port`,
        example: "gateway: { cloud: gcp, port: 15021 }",
        value: "15021",
        allowed: "Istio's proxy uses that port itself",
        fix: "Leave the port out (15443, the cross-network convention) or use another free port.",
        edit: (s) => {
            network(s).gateway.port = 15021;
        },
    },
    {
        id: "MF-E138",
        title: "Imports without peers",
        stack: "west-network-imports",
        key: `${IMP}.peers`,
        example: "peers: {}",
        value: "{}",
        allowed: "list the exporters",
        fix: "List each exporter: <cluster>: { stack: <its -network stack> }.",
        edit: (s) => {
            networkImports(s).peers = {};
        },
    },
    {
        id: "MF-E139",
        title: "An imports stack that imports nothing",
        stack: "west-network-imports",
        key: `${IMP}.imports`,
        example: "imports: []",
        value: "[]",
        allowed: "list the services imported",
        fix: "List each import: - peer: east, service: { name, namespace }.",
        edit: (s) => {
            networkImports(s).imports = [];
        },
    },
    {
        id: "MF-E140",
        title: "A peer's `stack` naming another cluster's network stack",
        stack: "west-network-imports",
        key: `${IMP}.peers.north.stack`,
        example: "peers: { north: { stack: east-network } }",
        value: '"east-network"',
        allowed: "that stack is the network gateway of east, not north",
        fix: "Name the peer's own <cluster>-network stack, under the peer's own name.",
        edit: (s) => {
            networkImports(s).peers = { north: { stack: "east-network" } };
            netImp(s).peer = "north";
        },
    },
    {
        id: "MF-E141",
        title: "An import from a cluster that is not a peer",
        stack: "west-network-imports",
        key: `${IMP}.imports[0].peer`,
        example: "imports: [{ peer: north, service: { name: reviews, namespace: bookinfo } }]",
        value: '"north"',
        allowed: "not a peer of this stack; peers: east",
        fix: "Add the exporter to peers, or import from one listed there.",
        edit: (s) => {
            netImp(s).peer = "north";
        },
    },
    {
        id: "MF-E142",
        replan: ["west-ca-request", "mesh2-root", "west-mesh"],
        title: "An import from a peer of another mesh",
        stack: "west-network-imports",
        key: `${IMP}.imports[0].peer`,
        example: "# west-mesh joins mesh2, east-network's cluster is in mesh1",
        value: '"east"',
        allowed: "east belongs to mesh mesh1 and this cluster to mesh2",
        fix: "Join both clusters to one shared root, or federate the two meshes through meshfed:federation.",
        edit: westInMesh2,
    },
    {
        id: "MF-E143",
        title: "An import of a service the peer does not pass through",
        stack: "west-network-imports",
        key: `${IMP}.imports[0].service`,
        example: "service: { name: ratings, namespace: bookinfo }",
        value: '"bookinfo/ratings"',
        allowed: "east passes through only bookinfo/reviews",
        fix: "Import one of the peer's exports, or add the service to the peer's meshfed:networkGateway.exports first.",
        edit: (s) => {
            netImp(s).service.name = "ratings";
        },
    },
    {
        id: "MF-E144",
        replan: ["east-network"],
        title: "An import of a service exported to other clusters only",
        stack: "west-network-imports",
        key: `${IMP}.imports[0].service`,
        example: "# east-network: consumers: [north]",
        value: '"bookinfo/reviews"',
        allowed: "east exports it to north, not to west",
        fix: "Add the importing cluster to the export's consumers and plan the exporter first.",
        edit: (s) => {
            network(s).exports[0].consumers = ["north"];
        },
    },
    {
        id: "MF-E145",
        title: "A route to a subset the exporter does not define",
        stack: "west-network-imports",
        key: `${IMP}.imports[0].routing.routes[0].to[0].remote`,
        example: "routing: { service: reviews, routes: [{ to: [{ remote: v4 }] }] }",
        value: '"v4"',
        allowed: "east exports bookinfo/reviews with subsets v2",
        fix: "Route to a subset the exporter lists, or add it to the export's subsets.",
        edit: (s) => routes(s, [{ to: [{ remote: "v4" }] }]),
    },
    {
        id: "MF-E146",
        title: "Route weights that do not add up to 100",
        stack: "west-network-imports",
        key: `${IMP}.imports[0].routing.routes[0].to`,
        example: "to: [{ remote: v2, weight: 50 }, { local: v1, weight: 40 }]",
        value: '"weight":40',
        allowed: "weights add up to 90; they must add up to 100",
        fix: "Make the route's weights add up to 100.",
        edit: (s) => routes(s, [{ to: [{ remote: "v2", weight: 50 }, { local: "v1", weight: 40 }] }]),
    },
    {
        id: "MF-E147",
        title: "Several route targets without weights",
        stack: "west-network-imports",
        key: `${IMP}.imports[0].routing.routes[0].to[0].weight`,
        example: "to: [{ remote: v2 }, { local: v1 }]",
        value: "a missing value",
        allowed: "with several targets, give each a weight",
        fix: "Give each target a weight, adding up to 100.",
        edit: (s) => routes(s, [{ to: [{ remote: "v2" }, { local: "v1" }] }]),
    },
    {
        id: "MF-E148",
        title: "A route target both remote and local",
        stack: "west-network-imports",
        key: `${IMP}.imports[0].routing.routes[0].to[0]`,
        example: "to: [{ remote: v2, local: v1 }]",
        value: '"local":"v1"',
        allowed: "expected exactly one of remote",
        fix: "Split it into two targets, each with a weight.",
        edit: (s) => routes(s, [{ to: [{ remote: "v2", local: "v1" }] }]),
    },
    {
        id: "MF-E149",
        title: "A catch-all route before other routes",
        stack: "west-network-imports",
        key: `${IMP}.imports[0].routing.routes[0].match`,
        example: "routes:\n  - to: [{ local: v1 }]\n  - match: { headers: { end-user: { exact: jason } } }\n    to: [{ remote: v2 }]",
        value: "a missing value",
        allowed: "only the last route may match everything",
        fix: "Move the route without a match to the end.",
        edit: (s) => routes(s, [{ to: [{ local: "v1" }] }, { match: { headers: { "end-user": { exact: "jason" } } }, to: [{ remote: "v2" }] }]),
    },
    {
        id: "MF-E150",
        title: "A header match Istio does not have",
        stack: "west-network-imports",
        key: `${IMP}.imports[0].routing.routes[0].match.headers.end-user`,
        example: "match: { headers: { end-user: { contains: jason } } }",
        value: '"contains":"jason"',
        allowed: "expected one of { exact: <string> }, { prefix: <string> }, { regex: <string> }",
        fix: "Use exact, prefix or regex (a regex such as .*jason.* for a substring).",
        edit: (s) => routes(s, [{ match: { headers: { "end-user": { contains: "jason" } } }, to: [{ remote: "v2" }] }, { to: [{ local: "v1" }] }]),
    },
    {
        id: "MF-E151",
        title: "An import named like a Kubernetes Service",
        stack: "west-network-imports",
        key: `${IMP}.imports[0].as.host`,
        example: "as: { host: reviews.bookinfo.svc.cluster.local }",
        value: '"reviews.bookinfo.svc.cluster.local"',
        allowed: "a remote service needs a name of its own",
        fix: "Leave as.host out (reviews.bookinfo.global) or pick a name outside .svc.cluster.local; route the local Service's callers with routing.",
        edit: (s) => {
            netImp(s).as = { host: "reviews.bookinfo.svc.cluster.local" };
        },
    },
    {
        id: "MF-E152",
        title: "Two imports under one local name",
        stack: "west-network-imports",
        key: `${IMP}.imports[1].as`,
        example: "imports: [{ peer: east, service: { name: reviews, namespace: bookinfo } }, <the same again>]",
        value: '"reviews.bookinfo.global"',
        allowed: "meshfed:networkImports.imports[0] already imports under that host",
        fix: "Give the second import another as.host, or remove it.",
        edit: (s) => {
            networkImports(s).imports.push(structuredClone(netImp(s)));
        },
    },
    {
        id: "MF-E153",
        title: "Two imports routing the callers of one local Service",
        stack: "west-network-imports",
        key: `${IMP}.imports[1].routing.service`,
        example: "imports:\n  - { peer: east, service: ..., routing: { service: reviews, ... } }\n  - { peer: east, service: ..., as: { host: reviews2.bookinfo.global }, routing: { service: reviews, ... } }",
        value: '"bookinfo/reviews"',
        allowed: "meshfed:networkImports.imports[0] already routes the callers of bookinfo/reviews",
        fix: "Route the callers from one import, with targets of both.",
        edit: (s) => {
            routes(s, [{ to: [{ remote: "v2" }] }]);
            networkImports(s).imports.push({ ...structuredClone(netImp(s)), as: { host: "reviews2.bookinfo.global" } });
        },
    },
    {
        id: "MF-E154",
        title: "Virtual IPs on loopback (seed 004's 127.255.0.0/16) without loopback capture",
        stack: "west-network-imports",
        key: `${IMP}.addresses.block`,
        example: "addresses: { block: 127.255.0.0/16 }",
        value: '"127.255.0.0/16"',
        allowed: "Istio's sidecars no longer capture an application's loopback traffic",
        fix: "Leave the block out (240.0.0.0/4), or set loopbackCaptured: true once the callers' includeOutboundIPRanges name the block.",
        edit: (s) => {
            networkImports(s).addresses = { block: "127.255.0.0/16" };
        },
    },
    {
        id: "MF-E155",
        title: "An address mode meshfed does not know",
        stack: "west-network-imports",
        key: `${IMP}.addresses.mode`,
        example: "addresses: { mode: dhcp }",
        value: '"dhcp"',
        allowed: "allowed: allocate, auto",
        fix: "Use allocate (meshfed writes the addresses) or auto (istiod allocates them).",
        edit: (s) => {
            networkImports(s).addresses = { mode: "dhcp" };
        },
    },
    {
        id: "MF-E156",
        title: "A virtual IP block with host bits set",
        stack: "west-network-imports",
        key: `${IMP}.addresses.block`,
        example: "addresses: { block: 240.0.0.1/24 }",
        value: '"240.0.0.1/24"',
        allowed: "the address has host bits set for /24: the block starts at 240.0.0.0/24",
        fix: "Write the block's network address, e.g. 240.0.0.0/24.",
        edit: (s) => {
            networkImports(s).addresses = { block: "240.0.0.1/24" };
        },
    },
    {
        id: "MF-E157",
        title: "A pinned virtual IP that is not an IPv4 address",
        stack: "west-network-imports",
        key: `${IMP}.imports[0].address`,
        example: "address: fd00::10",
        value: '"fd00::10"',
        allowed: "expected an IPv4 address",
        fix: "Pin an IPv4 address, e.g. 240.0.0.10, or leave it out.",
        edit: (s) => {
            netImp(s).address = "fd00::10";
        },
    },
    {
        id: "MF-E158",
        title: "Two imports pinned to one virtual IP",
        stack: "west-network-imports",
        key: `${IMP}.imports[0].address`,
        example: "imports:\n  - { ..., address: 240.0.0.10 }\n  - { ..., as: { host: reviews2.bookinfo.global }, address: 240.0.0.10 }",
        value: '"240.0.0.10"',
        allowed: "reviews.bookinfo.global and reviews2.bookinfo.global both get 240.0.0.10",
        fix: "Pin one of them to another address.",
        edit: (s) => {
            netImp(s).address = "240.0.0.10";
            networkImports(s).imports.push({ ...structuredClone(netImp(s)), as: { host: "reviews2.bookinfo.global" } });
        },
    },
    {
        id: "MF-E159",
        title: "A pinned virtual IP that a ServiceEntry of `meshfed:objects` already declares",
        stack: "west-network-imports",
        key: `${IMP}.imports[0].address`,
        example: "address: 240.0.0.10   # meshfed:objects: a ServiceEntry with addresses: [240.0.0.10]",
        value: '"240.0.0.10"',
        allowed: "which ServiceEntry legacy/httpbin (meshfed:objects) already declares in this cluster",
        fix: "Pin the import to a free address, or leave it out.",
        edit: (s) => {
            netImp(s).address = "240.0.0.10";
            s["west-network-imports"]["meshfed:objects"] = [
                {
                    apiVersion: "networking.istio.io/v1",
                    kind: "ServiceEntry",
                    metadata: { name: "httpbin", namespace: "legacy" },
                    spec: { hosts: ["httpbin.legacy.example"], addresses: ["240.0.0.10"], ports: [{ number: 80, name: "http", protocol: "HTTP" }], resolution: "DNS" },
                },
            ];
        },
    },
    {
        id: "MF-E160",
        title: "Egress gateway autoscaling whose maximum is below its minimum",
        stack: "west-network-imports",
        key: `${IMP}.egressGateway.autoscaling.maxReplicas`,
        example: "imports: [{ ..., via: egressGateway }]\negressGateway: { autoscaling: { minReplicas: 3, maxReplicas: 2 } }",
        value: "2",
        allowed: "must be at least minReplicas (3)",
        fix: "Raise maxReplicas to at least minReplicas.",
        edit: (s) => {
            netImp(s).via = "egressGateway";
            networkImports(s).egressGateway = { autoscaling: { minReplicas: 3, maxReplicas: 2 } };
        },
    },
];
