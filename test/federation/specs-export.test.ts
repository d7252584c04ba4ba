import { expect } from "chai";
import { ResolvedExport, resolveExports } from "../../components/federation/export-specs";
import { buildExportAuthorizationPolicy } from "../../components/federation/specs/export-authorization";
import { buildExportDestinationRules, buildExportVirtualService } from "../../components/federation/specs/export-routing";
import { buildIngressGateway } from "../../components/federation/specs/ingress-gateway-server";
import { formatFinding, KubeObject, loadValidator } from "../../validate";

// The scenario of stacks/Pulumi.cluster2.yaml: cluster2 serves c2.example.com and exports version v2 of its
// local Service bookinfo/myreviews as bookinfo/reviews-v2, to cluster1 only.
const NAMESPACE = "istio-private-gateways";
const SELECTOR = { istio: "private-ingressgateway" };
const HOST = "c2.example.com";
const PRINCIPALS = { cluster1: "c1.example.com", cluster3: "c3.example.com" };

const myreviews = { name: "myreviews", namespace: "bookinfo", port: 9080 };
const reviewsV2 = { service: myreviews, subset: { name: "v2", labels: { version: "v2" } }, exportAs: { name: "reviews-v2" }, consumers: ["cluster1"] };
const reviewsV3 = { service: myreviews, subset: { name: "v3", labels: { version: "v3" } }, exportAs: { name: "reviews-v3" }, consumers: ["cluster3"] };
const ratings = { service: { name: "ratings", namespace: "bookinfo", port: 9080 }, consumers: ["cluster3", "cluster1"] };

const exportsOf = (...raw: unknown[]): ResolvedExport[] => resolveExports("meshfed:exports", raw, "cluster2");
const routeOf = (e: ResolvedExport) => buildExportVirtualService(e, NAMESPACE, [HOST]);
const ingressGateway = (peerHosts: string[]) =>
    buildIngressGateway({ namespace: NAMESPACE, selector: SELECTOR, hosts: [HOST], port: 15443, credentialName: "federation-ingress", peerHosts });

describe("exporting a service: the ingress gateway's mutual-TLS server", () => {
    it("serves HTTPS with MUTUAL TLS on the federation port, for the cluster's own host only", () => {
        const [server, ...others] = ingressGateway(["c1.example.com"]).spec.servers;

        expect(others).to.be.empty;
        expect(server.port).to.include({ number: 15443, protocol: "HTTPS" });
        expect(server.hosts).to.deep.equal([HOST]);
        expect(server.tls.mode).to.equal("MUTUAL");
    });

    it("presents the cluster's certificate from the credential Secret federation-ingress", () => {
        expect(ingressGateway(["c1.example.com"]).spec.servers[0].tls.credentialName).to.equal("federation-ingress");
    });

    it("completes the handshake only for clients whose certificate names a consumer's host", () => {
        const tls = ingressGateway(["c3.example.com", "c1.example.com"]).spec.servers[0].tls;

        expect(tls.subjectAltNames).to.deep.equal(["c1.example.com", "c3.example.com"]);
    });

    it("runs on the private ingress gateway's pods, in the gateway namespace", () => {
        const gw = ingressGateway(["c1.example.com"]);

        expect(gw.spec.selector).to.deep.equal(SELECTOR);
        expect(gw.metadata).to.deep.equal({ name: "federation-ingress", namespace: NAMESPACE });
    });
});

describe("routing an exported service to the local service", () => {
    // GIVEN cluster2 exports myreviews v2 as bookinfo/reviews-v2
    const [e] = exportsOf(reviewsV2);

    it("publishes bookinfo/reviews-v2 under the path prefix /bookinfo/reviews-v2/", () => {
        expect(e.pathPrefix).to.equal("/bookinfo/reviews-v2/");
    });

    it("selects requests to the cluster's host on the ingress Gateway by that path prefix", () => {
        const vs = routeOf(e);

        expect(vs.spec.hosts).to.deep.equal([HOST]);
        expect(vs.spec.gateways).to.deep.equal(["federation-ingress"]);
        expect(vs.spec.http.map((r) => r.match)).to.deep.equal([[{ uri: { prefix: "/bookinfo/reviews-v2/" } }]]);
    });

    it("rewrites the prefix to / and the authority to myreviews' cluster-local name, as if called inside the mesh", () => {
        expect(routeOf(e).spec.http[0].rewrite).to.deep.equal({ uri: "/", authority: "myreviews.bookinfo.svc.cluster.local" });
    });

    it("sends it to subset v2 of myreviews on port 9080, and nowhere else", () => {
        const route = routeOf(e).spec.http[0].route;

        expect(route).to.have.lengthOf(1);
        expect(route[0].destination).to.deep.equal({ host: "myreviews.bookinfo.svc.cluster.local", port: { number: 9080 }, subset: "v2" });
    });

    it("without a subset, sends it to all of the Service's pods, under the Service's own name", () => {
        const [whole] = exportsOf(ratings);

        expect(whole.pathPrefix).to.equal("/bookinfo/ratings/");
        expect(routeOf(whole).spec.http[0].route[0].destination).to.not.have.property("subset");
    });

    it("keeps its VirtualService and DestinationRule in the gateway namespace, visible only there", () => {
        const objects = [routeOf(e), ...buildExportDestinationRules([e], NAMESPACE)];

        for (const o of objects) {
            expect(o.metadata.namespace, o.kind).to.equal(NAMESPACE);
            expect(o.spec.exportTo, o.kind).to.deep.equal(["."]);
        }
        expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).to.deep.equal([
            "VirtualService/export-bookinfo-reviews-v2",
            "DestinationRule/export-bookinfo-myreviews",
        ]);
    });

    it("reaches myreviews from the ingress gateway with Istio mutual TLS", () => {
        const [dr] = buildExportDestinationRules([e], NAMESPACE);

        expect(dr.spec.host).to.equal("myreviews.bookinfo.svc.cluster.local");
        expect(dr.spec.trafficPolicy.tls.mode).to.equal("ISTIO_MUTUAL");
    });

    it("defines subset v2 as the pods labelled version=v2", () => {
        const [dr] = buildExportDestinationRules([e], NAMESPACE);

        expect(dr.spec.subsets).to.deep.equal([{ name: "v2", labels: { version: "v2" } }]);
    });

    it("gives two exports of one local Service a single DestinationRule with both subsets", () => {
        const rules = buildExportDestinationRules(exportsOf(reviewsV2, reviewsV3, ratings), NAMESPACE);
        const myreviewsRules = rules.filter((r) => r.spec.host === "myreviews.bookinfo.svc.cluster.local");

        expect(rules).to.have.lengthOf(2);
        expect(myreviewsRules).to.have.lengthOf(1);
        expect(myreviewsRules[0].spec.subsets).to.deep.equal([
            { name: "v2", labels: { version: "v2" } },
            { name: "v3", labels: { version: "v3" } },
        ]);
    });

    it("gives an export of a whole Service a DestinationRule without subsets", () => {
        const [dr] = buildExportDestinationRules(exportsOf(ratings), NAMESPACE);

        expect(dr.spec).to.not.have.property("subsets");
    });
});

describe("who may call an exported service", () => {
    // GIVEN reviews-v2 is exported to cluster1, reviews-v3 to cluster3, ratings to both
    const exports = exportsOf(reviewsV2, reviewsV3, ratings);
    const policy = buildExportAuthorizationPolicy(exports, NAMESPACE, SELECTOR, PRINCIPALS);
    const ruleFor = (prefix: string) => policy.spec.rules.filter((r) => r.to[0].operation.paths.some((p) => p.startsWith(prefix)));

    it("allows, on the ingress gateway's pods, only what a rule names", () => {
        expect(policy.spec.action).to.equal("ALLOW");
        expect(policy.spec.selector).to.deep.equal({ matchLabels: SELECTOR });
        expect(policy.metadata.namespace).to.equal(NAMESPACE);
    });

    it("has exactly one rule per exported service", () => {
        expect(policy.spec.rules).to.have.lengthOf(3);
        for (const prefix of ["/bookinfo/reviews-v2/", "/bookinfo/reviews-v3/", "/bookinfo/ratings/"]) {
            expect(ruleFor(prefix), prefix).to.have.lengthOf(1);
        }
    });

    it("lets cluster1 reach /bookinfo/reviews-v2/ and below, and no other cluster", () => {
        const [rule] = ruleFor("/bookinfo/reviews-v2/");

        expect(rule.from).to.deep.equal([{ source: { principals: ["c1.example.com"] } }]);
        expect(rule.to).to.deep.equal([{ operation: { paths: ["/bookinfo/reviews-v2/*"] } }]);
    });

    it("does not let cluster1 reach reviews-v3, which is exported to cluster3 only", () => {
        const [rule] = ruleFor("/bookinfo/reviews-v3/");

        expect(rule.from[0].source.principals).to.deep.equal(["c3.example.com"]);
    });

    it("names every consumer of a service exported to several clusters", () => {
        const [rule] = ruleFor("/bookinfo/ratings/");

        expect(rule.from[0].source.principals).to.deep.equal(["c1.example.com", "c3.example.com"]);
    });
});

describe("the exposing side's objects", () => {
    it("each pass the Istio 1.30.3 schema and CEL rules", async () => {
        const validator = await loadValidator();
        const exports = exportsOf(reviewsV2, reviewsV3, ratings);
        const objects = [
            ingressGateway(["c1.example.com", "c3.example.com"]),
            ...exports.map(routeOf),
            ...buildExportDestinationRules(exports, NAMESPACE),
            buildExportAuthorizationPolicy(exports, NAMESPACE, SELECTOR, PRINCIPALS),
        ];

        expect(objects).to.have.lengthOf(7);
        for (const o of objects) {
            expect(validator.validateObject(o as KubeObject).map(formatFinding), `${o.kind}/${o.metadata.name}`).to.deep.equal([]);
        }
    });
});
