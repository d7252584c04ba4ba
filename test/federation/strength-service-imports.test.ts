/**
 * ServiceImports as resources: which objects wait for which peer's CA bundle, what keeps the state of
 * meshfed 0.1 (one pooled bundle, gateways in istio-private-gateways), the defaults a consumer relies on
 * (the egress gateway's selector, outlier detection), and the refusals naming the ServiceImports argument.
 */
import { expect } from "chai";
import * as k8s from "@pulumi/kubernetes";
import { ReachableContract } from "../../components/federation/contract";
import { resolveImports } from "../../components/federation/import-specs";
import { ServiceImports, ServiceImportsArgs } from "../../components/federation/service-imports";
import { Origin } from "../../components/federation/specs/import-objects";
import { ResourceRecord } from "../../engine/records";
import { StackPlan } from "../../engine/run-stack";
import { reveal } from "../../engine/secrets";
import { planProgram, rejectionOf } from "../support/plan";
import { objectOf } from "../support/records";
import { formerNames, recordNamed, renamed } from "./strength-records";

const EGRESS_NS = "istio-federation-egress";
const LEGACY_NS = "istio-private-gateways";
const pem = (body: string) => `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`;
const cluster2: ReachableContract = {
    version: 1, cluster: "cluster2", host: "c2.example.com", address: { ip: "192.0.2.7" }, port: 15443, caCertPem: pem("QzJD"),
    services: [
        { name: "reviews-v2", namespace: "bookinfo", pathPrefix: "/bookinfo/reviews-v2/", consumers: ["cluster1"] },
        { name: "ratings", namespace: "bookinfo", pathPrefix: "/bookinfo/ratings/", consumers: ["cluster1", "cluster4"] },
    ],
};
const cluster3: ReachableContract = {
    version: 1, cluster: "cluster3", host: "c3.example.com", address: { hostname: "lb.c3.example.com" }, port: 8443, caCertPem: pem("QzND"),
    services: [{ name: "cart", namespace: "shop", pathPrefix: "/shop/cart/", consumers: ["cluster1"] }],
};
const reviews = { peer: "cluster2", service: { name: "reviews-v2", namespace: "bookinfo" }, as: { name: "reviews", namespace: "default", port: 9080 } };
const cart = { peer: "cluster3", service: { name: "cart", namespace: "shop" }, as: { name: "cart", namespace: "shop", port: 8080 } };
const ratingsFromWeb = {
    peer: "cluster2", service: { name: "ratings", namespace: "bookinfo" }, as: { name: "ratings", namespace: "web", port: 9080 },
    via: "sidecar", remoteWeight: 100, callers: { labels: { app: "web" }, serviceAccounts: ["web"] },
};
const importsOf = (...raw: unknown[]) => resolveImports("meshfed:federation.imports", raw);
const CREDENTIALS = { cluster2: "federation-egress-cluster2", cluster3: "federation-egress-cluster3" };

/** cluster1 through its egress gateway (and sidecars in web), with cluster3's outlier detection off. */
const cluster1Args = (provider: k8s.Provider, more: Partial<ServiceImportsArgs> = {}): ServiceImportsArgs => ({
    provider,
    clusterName: "cluster1",
    imports: importsOf(reviews, cart, ratingsFromWeb),
    peers: { cluster2, cluster3 },
    egress: { namespace: EGRESS_NS, credentials: CREDENTIALS },
    sidecarCredentials: { web: { cluster2: "federation-egress-cluster2" } },
    outlierDetection: { cluster3: false },
    ...more,
});

const record = recordNamed;
const bundleOf = (plan: StackPlan, prefix: string, namespace: string, peer: string) => record(plan, `${prefix}-bundle-${namespace}/${peer}`);
const bundleSecretOf = (plan: StackPlan, prefix: string, namespace: string, peer: string) => record(plan, `${prefix}-bundle-${namespace}/${peer}-secret`);

describe("ServiceImports as resources: cluster1 through its egress gateway, cluster4 by sidecars alone", () => {
    let plan: StackPlan;
    // What the cluster4 component reports while the program runs.
    let origins: Origin[];
    let applied: number;
    before(async () => {
        plan = await planProgram(() => {
            new ServiceImports("cluster1-imports", cluster1Args(new k8s.Provider("cluster1", { kubeconfig: "stand-in" })));
            const cluster4 = new ServiceImports("cluster4-imports", {
                provider: new k8s.Provider("cluster4", { kubeconfig: "stand-in" }),
                clusterName: "cluster4",
                imports: importsOf(ratingsFromWeb),
                peers: { cluster2 },
                sidecarCredentials: { web: { cluster2: "federation-egress-cluster2" } },
            });
            cluster4.origins.apply((o) => (origins = o));
            cluster4.applied.apply((n) => (applied = n));
        });
    });
    const dr = (namespace: string, peer: string) => objectOf(plan, "DestinationRule", `peer-${peer}`, namespace) as any;
    const componentOf = (name: string) => plan.records.find((r) => r.type === "meshfed:federation:ServiceImports" && r.name === name)!;
    const objectsOf = (prefix: string) =>
        plan.records.filter((r) => r.parent === componentOf(prefix).urn && r.type.startsWith("kubernetes:") && !r.name.startsWith(`${prefix}-bundle`));

    it("originates mutual TLS to each peer from the egress gateway's pods, selected by its default label", () => {
        expect(dr(EGRESS_NS, "cluster2").spec.workloadSelector).to.deep.equal({ matchLabels: { istio: "private-egressgateway" } });
        expect(dr(EGRESS_NS, "cluster3").spec.workloadSelector).to.deep.equal({ matchLabels: { istio: "private-egressgateway" } });
        expect(objectOf(plan, "Gateway", "federation-egress", EGRESS_NS).spec).to.deep.include({ selector: { istio: "private-egressgateway" } });
    });

    it("ejects a failing peer endpoint by default, but not for a peer where outlier detection is off", () => {
        expect(dr(EGRESS_NS, "cluster2").spec.trafficPolicy.outlierDetection).to.deep.include({ consecutiveGatewayErrors: 5, baseEjectionTime: "30s" });
        expect(dr(EGRESS_NS, "cluster3").spec.trafficPolicy).to.not.have.property("outlierDetection");
    });

    it("writes each peer's CA beside each credential that calls it, cluster4's by sidecars in web", () => {
        expect(objectOf(plan, "Secret", "federation-egress-cluster2-cacert", EGRESS_NS).stringData).to.deep.equal({ "ca.crt": pem("QzJD") });
        expect(objectOf(plan, "Secret", "federation-egress-cluster3-cacert", EGRESS_NS).stringData).to.deep.equal({ "ca.crt": pem("QzND") });
        expect(reveal(bundleSecretOf(plan, "cluster4-imports", "web", "cluster2").inputs.stringData)).to.deep.equal({ "ca.crt": pem("QzJD") });
    });

    it("makes each peer's DestinationRule, and nothing else, wait for that peer's CA bundle Secret", () => {
        const waitsFor = (r: ResourceRecord, namespace: string, peer: string) => r.dependencies.includes(bundleSecretOf(plan, "cluster1-imports", namespace, peer).urn);
        const drRecord = (namespace: string, peer: string) => record(plan, `cluster1-imports-destinationrule-${namespace}-peer-${peer}`);

        expect(waitsFor(drRecord(EGRESS_NS, "cluster2"), EGRESS_NS, "cluster2")).to.equal(true);
        expect(waitsFor(drRecord(EGRESS_NS, "cluster3"), EGRESS_NS, "cluster3")).to.equal(true);
        expect(waitsFor(drRecord("web", "cluster2"), "web", "cluster2")).to.equal(true);
        expect(waitsFor(drRecord(EGRESS_NS, "cluster2"), EGRESS_NS, "cluster3")).to.equal(false);
        expect(waitsFor(drRecord(EGRESS_NS, "cluster3"), EGRESS_NS, "cluster2")).to.equal(false);
        const others = objectsOf("cluster1-imports").filter((r) => !/-destinationrule-.*-peer-cluster[23]$/.test(r.name));
        expect(others.map((r) => r.type)).to.include.members(["kubernetes:networking.istio.io/v1:ServiceEntry", "kubernetes:networking.istio.io/v1:VirtualService", "kubernetes:core/v1:Service"]);
        for (const r of others) expect(r.dependencies.filter((d) => d.includes("TrustBundle")), r.name).to.deep.equal([]);
    });

    it("registers every object under the component with the consumer's provider", () => {
        for (const [prefix, provider] of [["cluster1-imports", "cluster1"], ["cluster4-imports", "cluster4"]]) {
            const objects = objectsOf(prefix);
            expect(objects.length, prefix).to.be.greaterThan(3);
            for (const r of objects) expect(r.provider, r.name).to.match(new RegExp(`::${provider}::`));
        }
        expect(record(plan, `cluster1-imports-destinationrule-${EGRESS_NS}-peer-cluster2`).parent).to.equal(componentOf("cluster1-imports").urn);
    });

    it("keeps the state of meshfed 0.1: the pooled bundle passes to the first peer's, objects of the egress namespace come from istio-private-gateways", () => {
        const first = bundleOf(plan, "cluster1-imports", EGRESS_NS, "cluster2");
        const firstSecret = bundleSecretOf(plan, "cluster1-imports", EGRESS_NS, "cluster2");
        expect(formerNames(first)).to.deep.equal([renamed(first, "cluster1-imports-bundle")]);
        expect(formerNames(firstSecret)).to.deep.equal([renamed(firstSecret, "cluster1-imports-bundle-secret")]);
        for (const r of [bundleOf(plan, "cluster1-imports", EGRESS_NS, "cluster3"), bundleOf(plan, "cluster1-imports", "web", "cluster2"), bundleOf(plan, "cluster4-imports", "web", "cluster2")]) {
            expect(formerNames(r), r.name).to.deep.equal([]);
        }

        const gw = record(plan, `cluster1-imports-gateway-${EGRESS_NS}-federation-egress`);
        expect(formerNames(gw)).to.deep.equal([renamed(gw, `cluster1-imports-gateway-${LEGACY_NS}-federation-egress`)]);
        const peerDr = record(plan, `cluster1-imports-destinationrule-${EGRESS_NS}-peer-cluster2`);
        expect(formerNames(peerDr)).to.deep.equal([renamed(peerDr, `cluster1-imports-destinationrule-${LEGACY_NS}-peer-cluster2`)]);
        for (const r of [...objectsOf("cluster1-imports"), ...objectsOf("cluster4-imports")].filter((o) => !o.name.includes(EGRESS_NS))) {
            expect(formerNames(r), r.name).to.deep.equal([]);
        }
    });

    it("publishes where mutual TLS to each peer is originated, and with which credential and bundle", () => {
        expect(componentOf("cluster1-imports").outputs.origins).to.deep.equal([
            { namespace: EGRESS_NS, peer: "cluster2", credentialName: "federation-egress-cluster2", caBundle: "federation-egress-cluster2-cacert" },
            { namespace: EGRESS_NS, peer: "cluster3", credentialName: "federation-egress-cluster3", caBundle: "federation-egress-cluster3-cacert" },
            { namespace: "web", peer: "cluster2", credentialName: "federation-egress-cluster2", caBundle: "federation-egress-cluster2-cacert" },
        ]);
        expect(componentOf("cluster4-imports").outputs.origins).to.deep.equal([
            { namespace: "web", peer: "cluster2", credentialName: "federation-egress-cluster2", caBundle: "federation-egress-cluster2-cacert" },
        ]);
        expect(origins.map((o) => [o.namespace, o.peer.cluster, o.peer.host, o.credentialName, o.caBundle])).to.deep.equal([
            ["web", "cluster2", "c2.example.com", "federation-egress-cluster2", "federation-egress-cluster2-cacert"],
        ]);
    });

    it("counts as applied every object but the peer's DestinationRule, which waits for its bundle", () => {
        const objects = objectsOf("cluster4-imports");
        expect(objects.map((r) => r.name)).to.include("cluster4-imports-destinationrule-web-peer-cluster2");
        expect(applied).to.equal(objects.length - 1);
    });
});

describe("ServiceImports refuses, naming its argument, before anything registers", () => {
    const refusal = (more: Partial<ServiceImportsArgs>) =>
        rejectionOf(planProgram(() => void new ServiceImports("cluster1-imports", cluster1Args(new k8s.Provider("cluster1", { kubeconfig: "stand-in" }), more))));

    it("an import the peer does not export to this cluster", async () => {
        expect(await refusal({ clusterName: "cluster9" })).to.include('ServiceImportsArgs.imports[0].service: "bookinfo/reviews-v2" is not valid; cluster2 exports it only to cluster1, not to cluster9');
    });

    it("an egress namespace that is not a DNS label", async () => {
        expect(await refusal({ egress: { namespace: "Istio_Egress", credentials: CREDENTIALS } })).to.include('ServiceImportsArgs.egress.namespace: "Istio_Egress" is not valid');
    });

    it("an outlier setting that would count the application's own errors", async () => {
        expect(await refusal({ outlierDetection: { cluster2: { consecutive5xxErrors: 5 } as never } })).to.include(
            "ServiceImportsArgs.outlierDetection.cluster2.consecutive5xxErrors: 5 is not valid; unknown setting",
        );
    });
});
