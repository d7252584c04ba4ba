import { expect } from "chai";
import { ReachableContract } from "../../components/federation/contract";
import { ResolvedImport, resolveImports, resolveOutlierDetection } from "../../components/federation/import-specs";
import { buildEgressDestinationRule, buildEgressGateway, buildEgressVirtualService, EgressGatewayRef } from "../../components/federation/specs/egress-routing";
import { buildImportService, buildImportVirtualService } from "../../components/federation/specs/import-routing";
import { buildPeerDestinationRule, buildPeerServiceEntry } from "../../components/federation/specs/remote-gateway";
import { formatFinding, KubeObject, loadValidator } from "../../validate";

// The scenario of stacks/Pulumi.cluster1-federation.yaml: cluster1 imports cluster2's bookinfo/reviews-v2 as
// reviews.default:9080, next to its own v1; jason's requests go to cluster2, the others split 50/50.
const NAMESPACE = "istio-private-gateways";
const EGRESS_HOST = `istio-private-egressgateway.${NAMESPACE}.svc.cluster.local`;
const LOCAL_HOST = "reviews.default.svc.cluster.local";
const egress: EgressGatewayRef = { namespace: NAMESPACE, selector: { istio: "private-egressgateway" }, serviceHost: EGRESS_HOST };

const cluster2: ReachableContract = {
    version: 1,
    cluster: "cluster2",
    host: "c2.example.com",
    address: { ip: "192.0.2.7" },
    port: 15443,
    caCertPem: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
    services: [{ name: "reviews-v2", namespace: "bookinfo", pathPrefix: "/bookinfo/reviews-v2/", consumers: ["cluster1"] }],
};

const importOf = (overrides: Record<string, unknown> = {}): ResolvedImport => {
    const raw = {
        peer: "cluster2",
        service: { name: "reviews-v2", namespace: "bookinfo" },
        as: { name: "reviews", namespace: "default", port: 9080 },
        localSubset: "v1",
        canary: { "end-user": { exact: "jason" } },
        remoteWeight: 50,
        ...overrides,
    };
    for (const [k, v] of Object.entries(raw)) if (v === undefined) delete (raw as Record<string, unknown>)[k];
    return resolveImports("meshfed:federation.imports", [raw])[0];
};
const reviews = importOf();
/** An import bound to what cluster2 publishes. */
const boundTo = (spec: ResolvedImport) => ({ spec, peer: cluster2, exported: cluster2.services[0] });

interface Destination { host: string; subset?: string; port: { number: number } }
interface HttpRoute { name: string; match?: { headers: unknown }[]; rewrite: { authority: string }; route: { destination: Destination; weight?: number }[] }
const routesOf = (i: ResolvedImport) => buildImportVirtualService(boundTo(i), egress).spec.http as unknown as HttpRoute[];

/** Where a destination leads, in the words of the scenario: "peer" or "local <subset>". */
function where(d: Destination): string {
    if (d.host === EGRESS_HOST && d.subset === "import-default-reviews" && d.port.number === 443) return "peer";
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
        const se = buildPeerServiceEntry(cluster2, NAMESPACE);

        expect(se.spec.resolution).to.equal("STATIC");
        expect(se.spec.endpoints).to.deep.equal([{ address: "192.0.2.7" }]);
    });

    it("resolves a peer published by DNS name (an AWS load balancer) through DNS, with the name as its endpoint", () => {
        const se = buildPeerServiceEntry({ ...cluster2, address: { hostname: "a1b2.elb.amazonaws.com" } }, NAMESPACE);

        expect(se.spec.resolution).to.equal("DNS");
        expect(se.spec.endpoints).to.deep.equal([{ address: "a1b2.elb.amazonaws.com" }]);
    });

    it("declares the peer's federation host and port outside the mesh, visible to the gateway namespace only", () => {
        const se = buildPeerServiceEntry(cluster2, NAMESPACE);

        expect(se.spec.hosts).to.deep.equal(["c2.example.com"]);
        expect(se.spec.ports.map((p) => p.number)).to.deep.equal([15443]);
        expect(se.spec.location).to.equal("MESH_EXTERNAL");
        expect(se.spec.exportTo).to.deep.equal(["."]);
    });

    it("originates mutual TLS with the egress credential, SNI c2.example.com, and accepts only a certificate naming c2.example.com", () => {
        const dr = buildPeerDestinationRule(cluster2, NAMESPACE, "federation-egress", resolveOutlierDetection("p", undefined));

        expect(dr.spec.host).to.equal("c2.example.com");
        expect(dr.spec.trafficPolicy.tls).to.deep.equal({
            mode: "MUTUAL",
            credentialName: "federation-egress",
            sni: "c2.example.com",
            subjectAltNames: ["c2.example.com"],
        });
    });

    it("ejects a peer gateway after 5 consecutive 5xx within 10s, for 30s, even its last endpoint", () => {
        const dr = buildPeerDestinationRule(cluster2, NAMESPACE, "federation-egress", resolveOutlierDetection("p", undefined));

        expect(dr.spec.trafficPolicy.outlierDetection).to.deep.equal({ consecutive5xxErrors: 5, interval: "10s", baseEjectionTime: "30s", maxEjectionPercent: 100 });
    });
});

describe("carrying an import through the egress gateway to the peer", () => {
    const vs = buildEgressVirtualService(reviews, cluster2, cluster2.services[0], NAMESPACE);
    const [route] = vs.spec.http;

    it("takes requests for reviews.default arriving at the egress gateway, and only those", () => {
        expect(vs.spec.hosts).to.deep.equal([LOCAL_HOST]);
        expect(vs.spec.gateways).to.deep.equal(["federation-egress"]);
        expect(vs.spec.exportTo).to.deep.equal(["."]);
        expect(vs.spec.http).to.have.lengthOf(1);
    });

    it("rewrites / to the export's path prefix /bookinfo/reviews-v2/ and the authority to c2.example.com", () => {
        expect(route.match[0].uri).to.deep.equal({ prefix: "/" });
        expect(route.rewrite).to.deep.equal({ uri: "/bookinfo/reviews-v2/", authority: "c2.example.com" });
    });

    it("sends them to c2.example.com on the peer's federation port", () => {
        expect(route.route).to.deep.equal([{ destination: { host: "c2.example.com", port: { number: 15443 } } }]);
    });

    it("is reached by sidecars with Istio mutual TLS, the SNI naming the import", () => {
        const dr = buildEgressDestinationRule([reviews], egress);
        const gw = buildEgressGateway([reviews], egress);

        expect(dr.spec.host).to.equal(EGRESS_HOST);
        expect(dr.spec.subsets).to.have.lengthOf(1);
        expect(dr.spec.subsets[0].name).to.equal("import-default-reviews");
        expect(dr.spec.subsets[0].trafficPolicy.portLevelSettings).to.deep.equal([{ port: { number: 443 }, tls: { mode: "ISTIO_MUTUAL", sni: LOCAL_HOST } }]);
        expect(gw.spec.servers[0].hosts).to.deep.equal([LOCAL_HOST]);
        expect(gw.spec.servers[0].tls.mode).to.equal("ISTIO_MUTUAL");
    });
});

describe("what callers of reviews.default:9080 see", () => {
    it("is routed by a VirtualService for reviews.default's full host, in namespace default", () => {
        const vs = buildImportVirtualService(boundTo(reviews), egress);

        expect(vs.spec.hosts).to.deep.equal([LOCAL_HOST]);
        expect(vs.metadata).to.deep.equal({ name: "import-default-reviews", namespace: "default" });
    });

    it("sends jason's requests (end-user: exact jason) to the peer, before any split", () => {
        const [first] = routesOf(reviews);

        expect(first.match).to.deep.equal([{ headers: { "end-user": { exact: "jason" } } }]);
        expect(first.route.map((r) => [where(r.destination), r.weight ?? 100])).to.deep.equal([["peer", 100]]);
    });

    it("splits the other requests 50/50 between local v1 and remote v2", () => {
        expect(shares(reviews)).to.deep.equal([["local v1", 50], ["peer", 50]]);
    });

    it("sends the share the weights give: remoteWeight 20 keeps 80 local", () => {
        expect(shares(importOf({ remoteWeight: 20 }))).to.deep.equal([["local v1", 80], ["peer", 20]]);
    });

    it("with remoteWeight 100, sends every other request to the peer", () => {
        expect(shares(importOf({ remoteWeight: 100 }))).to.deep.equal([["peer", 100]]);
    });

    it("with remoteWeight 0 and a canary, keeps every other request on local v1", () => {
        const i = importOf({ remoteWeight: 0 });

        expect(shares(i)).to.deep.equal([["local v1", 100]]);
        expect(routesOf(i).filter((r) => r.match).map((r) => where(r.route[0].destination))).to.deep.equal(["peer"]);
    });

    it("keeps non-canary requests local by default when a canary and a local version are set", () => {
        expect(shares(importOf({ remoteWeight: undefined }))).to.deep.equal([["local v1", 100]]);
    });

    it("without a canary, has no header route and sends everything by the weights", () => {
        const i = importOf({ canary: undefined, remoteWeight: undefined });

        expect(routesOf(i).map((r) => r.name)).to.deep.equal(["to-peer"]);
        expect(shares(i)).to.deep.equal([["peer", 100]]);
    });

    it("rewrites the authority of every route to reviews.default's full host, so the egress gateway recognises the import", () => {
        expect(routesOf(reviews).map((r) => r.rewrite)).to.deep.equal([{ authority: LOCAL_HOST }, { authority: LOCAL_HOST }]);
    });

    it("gives an import without a local version a selector-less Service on the imported port", () => {
        const svc = buildImportService(importOf({ localSubset: undefined, canary: undefined, remoteWeight: undefined }));

        expect(svc.metadata).to.include({ name: "reviews", namespace: "default" });
        expect(svc.spec).to.not.have.property("selector");
        expect(svc.spec.ports.map((p) => p.port)).to.deep.equal([9080]);
    });
});

describe("the consuming side's objects", () => {
    it("each pass the Istio 1.30.3 schema and CEL rules, for an IP and a DNS-named peer", async () => {
        const validator = await loadValidator();
        const remoteOnly = importOf({ as: { name: "ratings", namespace: "default", port: 9080 }, localSubset: undefined, canary: undefined, remoteWeight: undefined });
        const imports = [reviews, remoteOnly];
        const dnsPeer: ReachableContract = { ...cluster2, address: { hostname: "a1b2.elb.amazonaws.com" } };
        const outlier = resolveOutlierDetection("p", { consecutive5xxErrors: 3, interval: "500ms", baseEjectionTime: "1m" });
        const objects = [
            buildPeerServiceEntry(cluster2, NAMESPACE),
            buildPeerServiceEntry(dnsPeer, NAMESPACE),
            buildPeerDestinationRule(cluster2, NAMESPACE, "federation-egress", outlier),
            buildEgressGateway(imports, egress),
            buildEgressDestinationRule(imports, egress),
            ...imports.map((i) => buildEgressVirtualService(i, cluster2, cluster2.services[0], NAMESPACE)),
            buildImportService(remoteOnly),
            ...[reviews, importOf({ remoteWeight: 0 }), importOf({ remoteWeight: 100 }), remoteOnly].map((i) => buildImportVirtualService(boundTo(i), egress)),
        ];

        expect(objects).to.have.lengthOf(12);
        for (const o of objects) {
            expect(validator.validateObject(o as KubeObject).map(formatFinding), `${o.kind}/${o.metadata.name}`).to.deep.equal([]);
        }
    });
});

describe("importing with sidecars calling the peer directly (via: sidecar)", () => {
    const direct = importOf({ via: "sidecar", remoteWeight: 0 });

    it("sends the canary straight to c2.example.com:15443 under the exported path, not through the egress gateway", () => {
        const [canary, rest] = routesOf(direct) as unknown as { match?: unknown; rewrite: unknown; route: { destination: unknown }[] }[];
        expect(canary.match).to.deep.equal([{ headers: { "end-user": { exact: "jason" } }, uri: { prefix: "/" } }]);
        expect(canary.rewrite).to.deep.equal({ uri: "/bookinfo/reviews-v2/", authority: "c2.example.com" });
        expect(canary.route).to.deep.equal([{ destination: { host: "c2.example.com", port: { number: 15443 } } }]);
        expect(rest.route).to.deep.equal([{ destination: { host: LOCAL_HOST, subset: "v1", port: { number: 9080 } } }]);
    });

    it("refuses a weighted split, which would need two rewrites on one route", () => {
        expect(() => importOf({ via: "sidecar", remoteWeight: 50 })).to.throw(
            "meshfed:federation.imports[0].remoteWeight: 50 is not valid; a weighted local/remote split needs via: egressGateway",
        );
    });

    it("builds routes the VirtualService schema accepts", async () => {
        const validator = await loadValidator();
        const allRemote = importOf({ via: "sidecar", remoteWeight: 100, localSubset: undefined, canary: undefined });
        for (const i of [direct, allRemote]) {
            expect(validator.validateObject(buildImportVirtualService(boundTo(i), egress) as KubeObject).map(formatFinding)).to.deep.equal([]);
        }
    });
});
