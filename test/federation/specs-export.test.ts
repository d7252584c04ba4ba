import { expect } from "chai";
import * as k8s from "@pulumi/kubernetes";
import { ReachableContract } from "../../components/federation/contract";
import { ResolvedExport, resolveExports } from "../../components/federation/export-specs";
import { AdmittedConsumer, ServiceExports } from "../../components/federation/service-exports";
import { buildExportAuthorizationPolicy } from "../../components/federation/specs/export-authorization";
import { buildExportDestinationRules, buildExportVirtualService } from "../../components/federation/specs/export-routing";
import { buildIngressGateway, ConsumerServer } from "../../components/federation/specs/ingress-gateway-server";
import { NamedKubeObject } from "../../components/core/kube-object";
import { StackPlan } from "../../engine/run-stack";
import { formatFinding, KubeObject, loadValidator } from "../../validate";
import { planProgram } from "../support/plan";
import { objectOf } from "../support/records";

// The scenario of stacks/Pulumi.cluster2.yaml, grown to two consumers: cluster2 serves c2.example.com from
// its ingress gateway in istio-federation-ingress; it exports version v2 of bookinfo/myreviews to cluster1,
// version v3 to cluster3, and ratings to both.
const NAMESPACE = "istio-federation-ingress";
const SELECTOR = { istio: "private-ingressgateway" };
const HOST = "c2.example.com";

/** How the exporter admits each consumer: written out literally, the names a consumer's config relies on. */
const CONSUMERS: Record<string, ConsumerServer> = {
    cluster1: { cluster: "cluster1", sni: "cluster1.c2.example.com", snis: ["cluster1.c2.example.com"], host: "c1.example.com", caBundle: "federation-ingress-cluster1-cacert" },
    cluster3: { cluster: "cluster3", sni: "cluster3.c2.example.com", snis: ["cluster3.c2.example.com", "cluster3.federation.c2.example.net"], host: "c3.example.com", caBundle: "federation-ingress-cluster3-cacert" },
};

const myreviews = { name: "myreviews", namespace: "bookinfo", port: 9080 };
const reviewsV2 = { service: myreviews, subset: { name: "v2", labels: { version: "v2" } }, exportAs: { name: "reviews-v2" }, consumers: ["cluster1"] };
const reviewsV3 = { service: myreviews, subset: { name: "v3", labels: { version: "v3" } }, exportAs: { name: "reviews-v3" }, consumers: ["cluster3"] };
const ratings = { service: { name: "ratings", namespace: "bookinfo", port: 9080 }, consumers: ["cluster3", "cluster1"] };

const exportsOf = (...raw: unknown[]): ResolvedExport[] => resolveExports("meshfed:exports", raw, "cluster2");
const sniOf = (e: ResolvedExport) => e.consumers.map((c) => CONSUMERS[c].sni).sort();
const routeOf = (e: ResolvedExport) => buildExportVirtualService(e, NAMESPACE, sniOf(e));
const ingressGateway = (...consumers: string[]) =>
    buildIngressGateway({ namespace: NAMESPACE, selector: SELECTOR, port: 15443, credentialName: "federation-ingress", consumers: consumers.map((c) => CONSUMERS[c]) });
const serverFor = (gw: ReturnType<typeof ingressGateway>, consumer: string) => {
    const found = gw.spec.servers.filter((s) => s.port.name === `https-${consumer}`);
    expect(found, `the server of ${consumer}`).to.have.lengthOf(1);
    return found[0];
};

describe("exporting a service: the ingress gateway's mutual-TLS servers, one per consumer", () => {
    it("gives a single consumer one HTTPS server on 15443 for its own SNI host, with MUTUAL TLS", () => {
        const [server, ...others] = ingressGateway("cluster1").spec.servers;

        expect(others).to.be.empty;
        expect(server.port).to.deep.equal({ number: 15443, name: "https-cluster1", protocol: "HTTPS" });
        expect(server.hosts).to.deep.equal(["cluster1.c2.example.com"]);
        expect(server.tls.mode).to.equal("MUTUAL");
    });

    it("presents the cluster's own certificate (federation-ingress) and validates the client with that consumer's CA bundle alone", () => {
        expect(serverFor(ingressGateway("cluster1"), "cluster1").tls).to.deep.equal({
            mode: "MUTUAL",
            credentialName: "federation-ingress",
            caCertCredentialName: "federation-ingress-cluster1-cacert",
            subjectAltNames: ["c1.example.com"],
        });
    });

    it("with two consumers, has two servers, each with only its own SNI host, CA bundle and SAN", () => {
        const gw = ingressGateway("cluster1", "cluster3");
        const one = serverFor(gw, "cluster1");
        const three = serverFor(gw, "cluster3");

        expect(gw.spec.servers).to.have.lengthOf(2);
        expect(one.hosts).to.deep.equal(["cluster1.c2.example.com"]);
        expect(one.tls.caCertCredentialName).to.equal("federation-ingress-cluster1-cacert");
        expect(one.tls.subjectAltNames).to.deep.equal(["c1.example.com"]);
        // cluster3 also dials c2 by its additional federation host: served on both names, same CA and SAN.
        expect(three.hosts).to.deep.equal(["cluster3.c2.example.com", "cluster3.federation.c2.example.net"]);
        expect(three.tls.caCertCredentialName).to.equal("federation-ingress-cluster3-cacert");
        expect(three.tls.subjectAltNames).to.deep.equal(["c3.example.com"]);
        // Both on the one federation port, both presenting the same server certificate.
        expect(gw.spec.servers.map((s) => [s.port.number, s.port.protocol, s.tls.mode, s.tls.credentialName])).to.deep.equal([
            [15443, "HTTPS", "MUTUAL", "federation-ingress"],
            [15443, "HTTPS", "MUTUAL", "federation-ingress"],
        ]);
    });

    it("serves the port the identity stack gave the ingress gateway", () => {
        const gw = buildIngressGateway({ namespace: NAMESPACE, selector: SELECTOR, port: 8443, credentialName: "federation-ingress", consumers: [CONSUMERS.cluster1] });

        expect(gw.spec.servers[0].port.number).to.equal(8443);
    });

    it("runs on the private ingress gateway's pods, in the ingress gateway's namespace", () => {
        const gw = ingressGateway("cluster1");

        expect(gw.spec.selector).to.deep.equal(SELECTOR);
        expect(gw.metadata).to.deep.equal({ name: "federation-ingress", namespace: NAMESPACE });
    });
});

describe("routing an exported service to the local service", () => {
    // GIVEN cluster2 exports myreviews v2 as bookinfo/reviews-v2, to cluster1
    const [e] = exportsOf(reviewsV2);

    it("publishes bookinfo/reviews-v2 under the path prefix /bookinfo/reviews-v2/", () => {
        expect(e.pathPrefix).to.equal("/bookinfo/reviews-v2/");
    });

    it("binds the route to the SNI host of cluster1, its only consumer, on the ingress Gateway, by that path prefix", () => {
        const vs = routeOf(e);

        expect(vs.spec.hosts).to.deep.equal(["cluster1.c2.example.com"]);
        expect(vs.spec.gateways).to.deep.equal(["federation-ingress"]);
        expect(vs.spec.http.map((r) => r.match)).to.deep.equal([[{ uri: { prefix: "/bookinfo/reviews-v2/" } }]]);
    });

    it("gives a service exported to two consumers the SNI hosts of both, and of no one else", () => {
        const [whole] = exportsOf(ratings);

        expect(routeOf(whole).spec.hosts).to.deep.equal(["cluster1.c2.example.com", "cluster3.c2.example.com"]);
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
        expect(routeOf(whole).spec.http[0].route[0].destination).to.deep.equal({ host: "ratings.bookinfo.svc.cluster.local", port: { number: 9080 } });
    });

    it("keeps its VirtualService and DestinationRule in the ingress gateway's namespace, visible only there", () => {
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

    it("defines subset v2 as the pods labelled version=v2, and sets no traffic policy (no forced TLS mode over the app team's)", () => {
        const [dr] = buildExportDestinationRules([e], NAMESPACE);

        expect(dr.spec).to.deep.equal({
            host: "myreviews.bookinfo.svc.cluster.local",
            exportTo: ["."],
            subsets: [{ name: "v2", labels: { version: "v2" } }],
        });
    });

    it("gives two exports of one local Service a single DestinationRule with both subsets", () => {
        const rules = buildExportDestinationRules(exportsOf(reviewsV2, reviewsV3, ratings), NAMESPACE);

        expect(rules.map((r) => r.spec.host)).to.deep.equal(["myreviews.bookinfo.svc.cluster.local"]);
        expect(rules[0].spec.subsets).to.deep.equal([
            { name: "v2", labels: { version: "v2" } },
            { name: "v3", labels: { version: "v3" } },
        ]);
    });

    it("writes no DestinationRule for an export of a whole Service, which would replace the app team's own", () => {
        expect(buildExportDestinationRules(exportsOf(ratings), NAMESPACE)).to.deep.equal([]);
    });
});

describe("who may call an exported service", () => {
    // GIVEN reviews-v2 is exported to cluster1, reviews-v3 to cluster3, ratings to both
    const exports = exportsOf(reviewsV2, reviewsV3, ratings);
    const policy = buildExportAuthorizationPolicy(exports, NAMESPACE, SELECTOR, CONSUMERS);
    type Rule = (typeof policy.spec.rules)[number];
    /** What a rule allows, as "<principal> → <SNI host> <paths>". */
    const allowed = (r: Rule) => {
        expect(r.from, "one source per rule").to.have.lengthOf(1);
        expect(r.to, "one operation per rule").to.have.lengthOf(1);
        return `${r.from[0].source.principals.join(",")} → ${r.to[0].operation.hosts.join(",")} ${r.to[0].operation.paths.join(",")}`;
    };

    it("allows, on the ingress gateway's pods, only what a rule names", () => {
        expect(policy.spec.action).to.equal("ALLOW");
        expect(policy.spec.selector).to.deep.equal({ matchLabels: SELECTOR });
        expect(policy.metadata).to.deep.equal({ name: "federation-ingress", namespace: NAMESPACE });
    });

    it("has one rule per consumer, tying its principal to its own SNI host and the prefixes of the services exported to it", () => {
        expect(policy.spec.rules.map(allowed)).to.deep.equal([
            "c1.example.com → cluster1.c2.example.com /bookinfo/ratings/*,/bookinfo/reviews-v2/*",
            "c3.example.com → cluster3.c2.example.com,cluster3.federation.c2.example.net /bookinfo/ratings/*,/bookinfo/reviews-v3/*",
        ]);
    });

    it("stays within Istio's 512 rules however many services are exported", () => {
        const many = exportsOf(...Array.from({ length: 600 }, (_, i) => ({ service: { name: `svc${i}`, namespace: "bookinfo", port: 9080 }, consumers: ["cluster1", "cluster3"] })));
        const rules = buildExportAuthorizationPolicy(many, NAMESPACE, SELECTOR, CONSUMERS).spec.rules;
        expect(rules).to.have.lengthOf(2);
        expect(rules[0].to[0].operation.paths).to.have.lengthOf(600);
    });

    it("gives cluster1 no rule for reviews-v3, which is exported to cluster3 only, and none through cluster3's host", () => {
        const forCluster1 = policy.spec.rules.filter((r) => r.from[0].source.principals.includes("c1.example.com"));

        expect(forCluster1.flatMap((r) => r.to[0].operation.paths)).not.to.include("/bookinfo/reviews-v3/*");
        expect(forCluster1.flatMap((r) => r.to[0].operation.hosts)).to.deep.equal(["cluster1.c2.example.com"]);
    });
});

describe("the exposing side's objects", () => {
    it("each pass the Istio 1.30.3 schema and CEL rules, with one and with two consumers", async () => {
        const validator = await loadValidator();
        const exports = exportsOf(reviewsV2, reviewsV3, ratings);
        const objects = [
            ingressGateway("cluster1"),
            ingressGateway("cluster1", "cluster3"),
            ...exports.map(routeOf),
            ...buildExportDestinationRules(exports, NAMESPACE),
            buildExportAuthorizationPolicy(exports, NAMESPACE, SELECTOR, CONSUMERS),
        ];

        expect(objects).to.have.lengthOf(7);
        for (const o of objects) {
            expect(validator.validateObject(o as KubeObject).map(formatFinding), `${o.kind}/${o.metadata.name}`).to.deep.equal([]);
        }
    });
});

describe("ServiceExports: what an exporter with two consumers applies", () => {
    const pem = (body: string) => `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`;
    const contract = (cluster: string, host: string, caCertPem: string): ReachableContract => ({
        version: 1, cluster, host, address: { ip: "192.0.2.9" }, port: 15443, caCertPem, services: [],
    });
    const self = contract("cluster2", HOST, pem("QzJD"));
    let plan: StackPlan;
    // The objects as applied, read while the program runs.
    let objects: NamedKubeObject[];
    let admitted: Record<string, AdmittedConsumer>;
    before(async () => {
        plan = await planProgram(() => {
            const provider = new k8s.Provider("cluster2", { kubeconfig: "stand-in" });
            const component = new ServiceExports("cluster2-exports", {
                provider,
                namespace: NAMESPACE,
                self,
                exports: exportsOf(reviewsV2, reviewsV3, ratings),
                consumers: { cluster1: contract("cluster1", "c1.example.com", pem("QzFD")), cluster3: contract("cluster3", "c3.example.com", pem("QzND")) },
            });
            component.objects.apply((o) => (objects = o));
            component.consumers.apply((c) => (admitted = c));
        });
    });
    const applied = (kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name) as any;

    it("writes a CA bundle per consumer in the ingress namespace, each holding that consumer's CA only", () => {
        const one = objectOf(plan, "Secret", "federation-ingress-cluster1-cacert", NAMESPACE);
        const three = objectOf(plan, "Secret", "federation-ingress-cluster3-cacert", NAMESPACE);

        expect(one.stringData).to.deep.equal({ "ca.crt": pem("QzFD") });
        expect(three.stringData).to.deep.equal({ "ca.crt": pem("QzND") });
    });

    it("points each consumer's server at its own bundle, SNI host and SAN", () => {
        const servers = applied("Gateway", "federation-ingress").spec.servers as any[];

        expect(servers.map((s) => [s.port.name, s.hosts, s.tls.caCertCredentialName, s.tls.subjectAltNames])).to.deep.equal([
            ["https-cluster1", ["cluster1.c2.example.com"], "federation-ingress-cluster1-cacert", ["c1.example.com"]],
            ["https-cluster3", ["cluster3.c2.example.com"], "federation-ingress-cluster3-cacert", ["c3.example.com"]],
        ]);
    });

    it("binds each export's route to the SNI hosts of that export's consumers only", () => {
        expect(applied("VirtualService", "export-bookinfo-reviews-v2").spec.hosts).to.deep.equal(["cluster1.c2.example.com"]);
        expect(applied("VirtualService", "export-bookinfo-reviews-v3").spec.hosts).to.deep.equal(["cluster3.c2.example.com"]);
        expect(applied("VirtualService", "export-bookinfo-ratings").spec.hosts).to.deep.equal(["cluster1.c2.example.com", "cluster3.c2.example.com"]);
    });

    it("publishes how it admitted each consumer", () => {
        expect(admitted.cluster3).to.deep.include({ cluster: "cluster3", sni: "cluster3.c2.example.com", host: "c3.example.com", caBundle: "federation-ingress-cluster3-cacert" });
    });

    it("refuses an export to a consumer whose contract it was not given", async () => {
        expect(
            () =>
                new ServiceExports("x", {
                    provider: undefined as unknown as k8s.Provider,
                    namespace: NAMESPACE,
                    self,
                    exports: exportsOf(reviewsV3),
                    consumers: { cluster1: contract("cluster1", "c1.example.com", pem("QzFD")) },
                }),
        ).to.throw("a service is exported to cluster3: its contract is needed to admit it");
    });
});
