/**
 * The RemoteServices component with several exporters: some imports through the callers' sidecars, others
 * through the dedicated egress gateway, to peers reached by IP or by DNS name. What each peer's imports
 * become, what the egress gateway is given, and every refusal before anything registers.
 */
import { expect } from "chai";
import * as k8s from "@pulumi/kubernetes";
import { NetworkExportedService, NetworkGatewayContract } from "../../components/multinetwork/network-contract";
import { exportedService } from "./exported-services";
import { NetworkImportSpec } from "../../components/multinetwork/network-imports";
import { RemoteServices, RemoteServicesArgs } from "../../components/multinetwork/remote-services";
import { KubeObject } from "../../engine/kubernetes";
import { ResourceRecord } from "../../engine/records";
import { PlanError, StackPlan } from "../../engine/run-stack";
import { planProgram } from "../support/plan";
import { objectOf, outputOf } from "../support/records";

const EGRESS_NS = "istio-network-egress";
const EGRESS_GW = `istio-network-egressgateway.${EGRESS_NS}.svc.cluster.local`;
const service = exportedService;
const peer = (cluster: string, address: NetworkGatewayContract["address"], port: number, services: NetworkExportedService[]): NetworkGatewayContract => ({
    version: 1,
    cluster,
    meshId: "mesh1",
    network: `net-${cluster}`,
    address,
    port,
    services,
});
const PEERS = {
    east: peer("east", { ip: "192.0.2.21" }, 15443, [service("reviews", "bookinfo", 9080, { subsets: ["v2", "v3"] }), service("httpbin", "bar", 8000), service("details", "bookinfo", 9080)]),
    // Reached by name, exporting from a cluster whose domain is not cluster.local, on another port.
    north: peer("north", { hostname: "192.0.2.40.nip.io" }, 15444, [service("ratings", "bookinfo", 9090, { protocol: "TCP", subsets: ["v1", "v2"], host: "ratings.bookinfo.svc.north.local" })]),
    // Reached by a wildcard-DNS name that starts like an IP address (sslip.io): still a name, resolved by DNS.
    south: peer("south", { hostname: "198.51.100.9.sslip.io" }, 15443, [service("reviews", "shop", 9080, { protocol: "GRPC" })]),
};
const jason = { match: { headers: { "end-user": { exact: "jason" } } } };
const REVIEWS: NetworkImportSpec = {
    peer: "east",
    service: { name: "reviews", namespace: "bookinfo" },
    routing: { service: "reviews", routes: [{ ...jason, to: [{ remote: "v2", weight: 50 }, { remote: "v3", weight: 50 }] }, { to: [{ local: "v1" }] }] },
};
const HTTPBIN: NetworkImportSpec = { peer: "east", service: { name: "httpbin", namespace: "bar" }, as: { namespace: "foo" }, via: "egressGateway" };
const DETAILS: NetworkImportSpec = { peer: "east", service: { name: "details", namespace: "bookinfo" }, via: "egressGateway" };
const RATINGS: NetworkImportSpec = { peer: "north", service: { name: "ratings", namespace: "bookinfo" }, via: "egressGateway", routing: { service: "ratings", routes: [{ ...jason, to: [{ remote: "v2" }] }, { to: [{ local: "v1" }] }] } };
const SHOP_REVIEWS: NetworkImportSpec = { peer: "south", service: { name: "reviews", namespace: "shop" }, as: { host: "reviews.shop.global", namespace: "shop" }, routing: { service: "reviews", routes: [{ to: [{ remote: true }] }] } };

/** Plans one RemoteServices of cluster west; the stack outputs are its addresses. */
const planWest = (args: Partial<RemoteServicesArgs>) =>
    planProgram(() => {
        const remote = new RemoteServices("west-remote", { provider: new k8s.Provider("west", { kubeconfig: "stand-in" }), clusterName: "west", meshId: "mesh1", peers: PEERS, imports: [], ...args });
        return { addresses: remote.addresses };
    });

/** The refusal of planning these args, after checking that no Kubernetes resource was registered. */
async function refusal(args: Partial<RemoteServicesArgs>): Promise<string> {
    try {
        await planWest(args);
    } catch (err) {
        expect(err).to.be.instanceOf(PlanError);
        expect((err as PlanError).records.filter((r) => r.type.startsWith("kubernetes:")).map((r) => r.name), "registered").to.deep.equal([]);
        return (err as PlanError).message;
    }
    throw new Error("expected the plan to be refused");
}

const spec = (o: KubeObject) => o.spec as Record<string, any>;
const recordOf = (p: StackPlan, type: string): ResourceRecord => {
    const found = p.records.filter((r) => r.type === type);
    expect(found, type).to.have.length(1);
    return found[0];
};
const urnOf = (p: StackPlan, type: string) => recordOf(p, type).urn;
const kubeRecords = (p: StackPlan) => p.records.filter((r) => r.type.startsWith("kubernetes:networking.istio.io"));

describe("RemoteServices: imports from three peers, some through the egress gateway", () => {
    let plan: StackPlan;
    before(async () => {
        plan = await planWest({ imports: [REVIEWS, HTTPBIN, DETAILS, RATINGS, SHOP_REVIEWS] });
    });

    it("sends sidecar imports straight to their peer's gateway on its network, by IP or by name", () => {
        const se = objectOf(plan, "ServiceEntry", "reviews.bookinfo.global", "bookinfo");
        expect(se.metadata.labels).to.deep.equal({ "app.kubernetes.io/managed-by": "meshfed" });
        expect(spec(se)).to.deep.include({
            hosts: ["reviews.bookinfo.global"],
            location: "MESH_INTERNAL",
            ports: [{ number: 9080, name: "http-9080", protocol: "HTTP" }],
            resolution: "STATIC",
            endpoints: [{ address: "192.0.2.21", ports: { "http-9080": 15443 }, labels: { cluster: "east" }, network: "net-east" }],
        });
        expect(spec(objectOf(plan, "ServiceEntry", "reviews.shop.global", "shop"))).to.deep.include({
            ports: [{ number: 9080, name: "grpc-9080", protocol: "GRPC" }],
            resolution: "DNS",
            endpoints: [{ address: "198.51.100.9.sslip.io", ports: { "grpc-9080": 15443 }, labels: { cluster: "south" }, network: "net-south" }],
        });
    });

    it("sends egress imports to the local egress gateway's Service on the cross-network port, resolved by DNS", () => {
        for (const [host, ns, port, cluster] of [["httpbin.bar.global", "foo", "http-8000", "east"], ["details.bookinfo.global", "bookinfo", "http-9080", "east"], ["ratings.bookinfo.global", "bookinfo", "tcp-9090", "north"]]) {
            const s = spec(objectOf(plan, "ServiceEntry", host, ns));
            expect(s.resolution, host).to.equal("DNS");
            expect(s.endpoints, host).to.deep.equal([{ address: EGRESS_GW, ports: { [port]: 15443 }, labels: { cluster } }]);
        }
    });

    it("gives each import its own virtual IP, published as the component's addresses", () => {
        const addresses = outputOf<Record<string, string>>(plan, "addresses");
        expect(Object.keys(addresses).sort()).to.deep.equal(["details.bookinfo.global", "httpbin.bar.global", "ratings.bookinfo.global", "reviews.bookinfo.global", "reviews.shop.global"]);
        expect(new Set(Object.values(addresses)).size).to.equal(5);
        expect(spec(objectOf(plan, "ServiceEntry", "httpbin.bar.global", "foo")).addresses).to.deep.equal([addresses["httpbin.bar.global"]]);
        // Recorded in the component's state too, where `pulumi stack export` shows them.
        expect(recordOf(plan, "meshfed:multinetwork:RemoteServices").outputs).to.deep.equal({
            addresses,
            // And its egress gateway's namespace and release, by URN.
            children: { egressNamespace: urnOf(plan, "kubernetes:core/v1:Namespace"), egressRelease: urnOf(plan, "kubernetes:helm.sh/v3:Release") },
        });
    });

    it("sends the exporter's SNI for the whole service and for each routed remote subset only", () => {
        const dr = objectOf(plan, "DestinationRule", "ratings.bookinfo.global", "bookinfo");
        expect(dr.metadata.labels).to.deep.equal({ "app.kubernetes.io/managed-by": "meshfed" });
        expect(spec(dr)).to.deep.equal({
            host: "ratings.bookinfo.global",
            trafficPolicy: { tls: { mode: "ISTIO_MUTUAL", sni: "outbound_.9090_._.ratings.bookinfo.svc.north.local" } },
            subsets: [{ name: "v2", trafficPolicy: { tls: { mode: "ISTIO_MUTUAL", sni: "outbound_.9090_.v2_.ratings.bookinfo.svc.north.local" } } }],
        });
        // Routed to the whole remote service: no subset to declare.
        expect(spec(objectOf(plan, "DestinationRule", "reviews.shop.global", "shop"))).to.deep.equal({
            host: "reviews.shop.global",
            trafficPolicy: { tls: { mode: "ISTIO_MUTUAL", sni: "outbound_.9080_._.reviews.shop.svc.cluster.local" } },
        });
    });

    it("routes each local Service's callers from its own import, on the cluster.local domain by default", () => {
        const bookinfo = spec(objectOf(plan, "VirtualService", "route-reviews", "bookinfo"));
        expect(bookinfo.hosts).to.deep.equal(["reviews.bookinfo.svc.cluster.local"]);
        expect(bookinfo.http[1].route).to.deep.equal([{ destination: { host: "reviews.bookinfo.svc.cluster.local", subset: "v1", port: { number: 9080 } }, weight: 100 }]);
        const shop = spec(objectOf(plan, "VirtualService", "route-reviews", "shop"));
        expect(shop.http).to.deep.equal([{ name: "default", route: [{ destination: { host: "reviews.shop.global", port: { number: 9080 } }, weight: 100 }] }]);
    });

    it("declares mesh-external entries for the peers reached through the egress gateway only, by IP or by name", () => {
        expect(spec(objectOf(plan, "ServiceEntry", "peer-gateway-east", EGRESS_NS))).to.deep.equal({
            hosts: ["east.network-gateways.meshfed"],
            exportTo: ["."],
            location: "MESH_EXTERNAL",
            ports: [{ number: 15443, name: "tls", protocol: "TLS" }],
            resolution: "STATIC",
            endpoints: [{ address: "192.0.2.21" }],
        });
        expect(spec(objectOf(plan, "ServiceEntry", "peer-gateway-north", EGRESS_NS))).to.deep.include({
            ports: [{ number: 15444, name: "tls", protocol: "TLS" }],
            resolution: "DNS",
            endpoints: [{ address: "192.0.2.40.nip.io" }],
        });
        expect(kubeRecords(plan).map((r) => r.name).filter((n) => n.includes("south") && n.includes(EGRESS_NS))).to.deep.equal([]);
    });

    it("passes through at the egress gateway the SNI domains of the egress imports alone", () => {
        const gw = objectOf(plan, "Gateway", "cross-network-egress", EGRESS_NS);
        expect(gw.apiVersion).to.equal("networking.istio.io/v1");
        expect(spec(gw)).to.deep.equal({
            selector: { istio: "network-egressgateway" },
            servers: [
                {
                    port: { number: 15443, name: "tls", protocol: "TLS" },
                    tls: { mode: "PASSTHROUGH" },
                    hosts: ["./*.httpbin.bar.svc.cluster.local", "./*.details.bookinfo.svc.cluster.local", "./*.ratings.bookinfo.svc.north.local"],
                },
            ],
        });
    });

    it("routes each peer's SNIs, subsets included, to that peer's gateway on its own port, visible to the egress namespace only", () => {
        expect(spec(objectOf(plan, "VirtualService", "cross-network-egress-east", EGRESS_NS))).to.deep.equal({
            hosts: ["*.httpbin.bar.svc.cluster.local", "*.details.bookinfo.svc.cluster.local"],
            gateways: ["cross-network-egress"],
            exportTo: ["."],
            tls: [
                {
                    match: [{ port: 15443, sniHosts: ["outbound_.8000_._.httpbin.bar.svc.cluster.local", "outbound_.9080_._.details.bookinfo.svc.cluster.local"] }],
                    route: [{ destination: { host: "east.network-gateways.meshfed", port: { number: 15443 } } }],
                },
            ],
        });
        expect(spec(objectOf(plan, "VirtualService", "cross-network-egress-north", EGRESS_NS)).tls).to.deep.equal([
            {
                match: [{ port: 15443, sniHosts: ["outbound_.9090_._.ratings.bookinfo.svc.north.local", "outbound_.9090_.v2_.ratings.bookinfo.svc.north.local"] }],
                route: [{ destination: { host: "north.network-gateways.meshfed", port: { number: 15444 } } }],
            },
        ]);
    });

    it("installs the egress gateway chart in its own namespace, created first, with the west provider", () => {
        const ns = recordOf(plan, "kubernetes:core/v1:Namespace");
        const release = recordOf(plan, "kubernetes:helm.sh/v3:Release");
        const component = urnOf(plan, "meshfed:multinetwork:RemoteServices");
        const provider = recordOf(plan, "pulumi:providers:kubernetes");
        expect((ns.inputs.metadata as { name: string }).name).to.equal(EGRESS_NS);
        expect(release.inputs).to.deep.include({ name: "istio-network-egressgateway", namespace: EGRESS_NS, chart: "gateway", createNamespace: false, atomic: true, maxHistory: 10 });
        expect(release.inputs.repositoryOpts).to.deep.equal({ repo: "https://istio-release.storage.googleapis.com/charts" });
        expect((release.inputs.values as { labels: Record<string, string> }).labels).to.deep.include({ istio: "network-egressgateway" });
        expect(release.dependencies).to.include(ns.urn);
        for (const r of [ns, release, ...kubeRecords(plan)]) {
            expect([r.parent, r.provider?.split("::").slice(0, -1).join("::")], r.name).to.deep.equal([component, provider.urn]);
        }
        for (const r of kubeRecords(plan).filter((k) => (k.inputs.metadata as { namespace: string }).namespace === EGRESS_NS)) expect(r.dependencies, r.name).to.include(ns.urn);
    });
});

describe("RemoteServices: sidecar imports only, addresses left to istiod", () => {
    let plan: StackPlan;
    before(async () => {
        plan = await planWest({ imports: [REVIEWS, SHOP_REVIEWS], addresses: { mode: "auto" }, clusterDomain: "corp.example" });
    });

    it("creates no egress gateway, namespace or peer entries", () => {
        expect(plan.records.filter((r) => r.type.startsWith("kubernetes:")).map((r) => `${r.inputs.kind} ${(r.inputs.metadata as { namespace: string }).namespace}/${(r.inputs.metadata as { name: string }).name}`).sort()).to.deep.equal([
            "DestinationRule bookinfo/reviews.bookinfo.global",
            "DestinationRule shop/reviews.shop.global",
            "ServiceEntry bookinfo/reviews.bookinfo.global",
            "ServiceEntry shop/reviews.shop.global",
            "VirtualService bookinfo/route-reviews",
            "VirtualService shop/route-reviews",
        ]);
        for (const r of kubeRecords(plan)) expect(r.dependencies, r.name).to.deep.equal([]);
    });

    it("writes no virtual IP and publishes none", () => {
        expect(spec(objectOf(plan, "ServiceEntry", "reviews.bookinfo.global", "bookinfo"))).not.to.have.property("addresses");
        expect(outputOf(plan, "addresses")).to.deep.equal({});
    });

    it("routes the callers of the local Service on the cluster's own domain", () => {
        const vs = spec(objectOf(plan, "VirtualService", "route-reviews", "bookinfo"));
        expect(vs.hosts).to.deep.equal(["reviews.bookinfo.svc.corp.example"]);
        expect(vs.http[1].route[0].destination.host).to.equal("reviews.bookinfo.svc.corp.example");
    });
});

describe("RemoteServices: refusals before anything registers", () => {
    const source = "meshfed:networkImports";

    it("refuses two imports routing the callers of one local Service, naming both", async () => {
        const again = { ...REVIEWS, service: { name: "reviews", namespace: "bookinfo" }, as: { host: "reviews-east.bookinfo.global" } };
        expect(await refusal({ imports: [REVIEWS, again] })).to.include(
            'RemoteServicesArgs.imports[1].routing.service: "bookinfo/reviews" is not valid; RemoteServicesArgs.imports[0] already routes the callers of bookinfo/reviews, and Istio would keep one VirtualService of the two; route them from one import',
        );
    });

    it("names the stack's keys for imports, peers, addresses and the egress gateway", async () => {
        expect(await refusal({ source, imports: [{ ...REVIEWS, via: "gateway" as never }] })).to.include(`${source}.imports[0].via: "gateway" is not valid`);
        expect(await refusal({ source, imports: [{ ...REVIEWS, peer: "west" }] })).to.include(`${source}.imports[0].peer: "west" is not valid; not a peer of this stack; peers: east, north, south (${source}.peers)`);
        expect(await refusal({ source, imports: [REVIEWS], addresses: { mode: "static" as never } })).to.include(`${source}.addresses.mode: "static" is not valid; allowed: allocate, auto`);
        expect(await refusal({ source, imports: [REVIEWS, SHOP_REVIEWS], addresses: { block: "240.1.2.3/32", reserved: [] } })).to.include(
            `${source}.addresses.block: "240.1.2.3/32" is not valid; 1 usable addresses for 2 imported services`,
        );
        expect(await refusal({ source, imports: [HTTPBIN], egressGateway: { replica: 2 } as never })).to.include(`${source}.egressGateway.replica: 2 is not valid; unknown setting`);
        expect(await refusal({ source, imports: [HTTPBIN], egressGateway: { namespace: "Egress" } })).to.include(`${source}.egressGateway.namespace: "Egress" is not valid`);
    });

    it("refuses a pin on an address a ServiceEntry of the cluster declares, at the pin", async () => {
        const message = await refusal({ source, imports: [{ ...REVIEWS, address: "240.0.0.3" }], declaredAddresses: [{ address: "240.0.0.0/30", owner: "ServiceEntry legacy/reviews" }] });
        expect(message).to.include(`${source}.imports[0].address: "240.0.0.3" is not valid; reviews.bookinfo.global is pinned to 240.0.0.3, which ServiceEntry legacy/reviews already declares`);
    });
});
