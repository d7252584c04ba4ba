/**
 * ServiceExports as resources: the Gateway alone waits for the consumers' CA bundles, meshfed 0.1's state
 * (one pooled bundle, the gateway in istio-private-gateways) is kept, the defaults an exporter relies on
 * (the ingress gateway's selector and credential), and the refusals naming the ServiceExports argument.
 */
import { expect } from "chai";
import * as k8s from "@pulumi/kubernetes";
import { ReachableContract } from "../../components/federation/contract";
import { resolveExports } from "../../components/federation/export-specs";
import { ServiceExports, ServiceExportsArgs } from "../../components/federation/service-exports";
import { StackPlan } from "../../engine/run-stack";
import { planProgram, rejectionOf } from "../support/plan";
import { objectOf } from "../support/records";
import { formerNames, recordNamed, renamed } from "./strength-records";

const INGRESS_NS = "istio-federation-ingress";
const LEGACY_NS = "istio-private-gateways";
const pem = (body: string) => `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`;
const contract = (cluster: string, n: number): ReachableContract => ({
    version: 1, cluster, host: `c${n}.example.com`, address: { ip: `192.0.2.${n}` }, port: 15443, caCertPem: pem(`Qz${n}D`), services: [],
});
// cluster3 is named first: consumers are admitted in name order all the same.
const EXPORTS = resolveExports(
    "meshfed:exports",
    [
        { service: { name: "reviews", namespace: "bookinfo", port: 9080 }, exportAs: { name: "reviews-v2" }, consumers: ["cluster3", "cluster1"] },
        { service: { name: "ratings", namespace: "bookinfo", port: 9080 }, consumers: ["cluster3"] },
    ],
    "cluster2",
);
const exportsArgs = (provider: k8s.Provider, more: Partial<ServiceExportsArgs> = {}): ServiceExportsArgs => ({
    provider, namespace: INGRESS_NS, self: contract("cluster2", 2), exports: EXPORTS, consumers: { cluster1: contract("cluster1", 1), cluster3: contract("cluster3", 3) }, ...more,
});

describe("ServiceExports as resources: cluster2 exporting to cluster1 and cluster3", () => {
    let plan: StackPlan;
    before(async () => {
        plan = await planProgram(() => void new ServiceExports("cluster2-exports", exportsArgs(new k8s.Provider("cluster2", { kubeconfig: "stand-in" }))));
    });
    const record = (name: string) => recordNamed(plan, name);
    const component = () => plan.records.find((r) => r.type === "meshfed:federation:ServiceExports")!;
    const objects = () => plan.records.filter((r) => r.parent === component().urn && r.type.startsWith("kubernetes:"));

    it("serves on the ingress gateway's pods by their default label, with the default credential", () => {
        const gateway = objectOf(plan, "Gateway", "federation-ingress", INGRESS_NS) as any;
        expect(gateway.spec.selector).to.deep.equal({ istio: "private-ingressgateway" });
        expect(gateway.spec.servers.map((s: any) => [s.hosts, s.tls.credentialName, s.tls.caCertCredentialName])).to.deep.equal([
            [["cluster1.c2.example.com"], "federation-ingress", "federation-ingress-cluster1-cacert"],
            [["cluster3.c2.example.com"], "federation-ingress", "federation-ingress-cluster3-cacert"],
        ]);
        expect(objectOf(plan, "AuthorizationPolicy", "federation-ingress", INGRESS_NS).spec).to.deep.include({ selector: { matchLabels: { istio: "private-ingressgateway" } } });
    });

    it("makes the Gateway, and nothing else, wait for every consumer's CA bundle", () => {
        const bundleSecrets = ["cluster1", "cluster3"].map((c) => record(`cluster2-exports-bundle-${c}-secret`).urn);
        const gateway = record(`cluster2-exports-gateway-${INGRESS_NS}-federation-ingress`);

        expect(gateway.dependencies).to.include.members(bundleSecrets);
        const others = objects().filter((r) => r !== gateway);
        expect(others.map((r) => r.type)).to.include.members(["kubernetes:networking.istio.io/v1:VirtualService", "kubernetes:security.istio.io/v1:AuthorizationPolicy"]);
        for (const r of others) expect(r.dependencies.filter((d) => bundleSecrets.includes(d)), r.name).to.deep.equal([]);
    });

    it("registers every object under the component with the exporter's provider", () => {
        expect(objects().length).to.be.greaterThan(3);
        for (const r of objects()) expect(r.provider, r.name).to.match(/::cluster2::/);
    });

    it("keeps the state of meshfed 0.1: the pooled bundle passes to the first consumer's, every object comes from istio-private-gateways", () => {
        const first = record("cluster2-exports-bundle-cluster1");
        const firstSecret = record("cluster2-exports-bundle-cluster1-secret");
        expect(formerNames(first)).to.deep.equal([renamed(first, "cluster2-exports-bundle")]);
        expect(formerNames(firstSecret)).to.deep.equal([renamed(firstSecret, "cluster2-exports-bundle-secret")]);
        expect(formerNames(record("cluster2-exports-bundle-cluster3"))).to.deep.equal([]);
        for (const r of objects().filter((o) => !o.name.includes("-bundle-"))) {
            expect(formerNames(r), r.name).to.deep.equal([renamed(r, r.name.replace(INGRESS_NS, LEGACY_NS))]);
        }
    });

    it("publishes each consumer as admitted", () => {
        expect(component().outputs.consumers).to.deep.equal({
            cluster1: { cluster: "cluster1", sni: "cluster1.c2.example.com", snis: ["cluster1.c2.example.com"], host: "c1.example.com", caBundle: "federation-ingress-cluster1-cacert", caCertPem: pem("Qz1D") },
            cluster3: { cluster: "cluster3", sni: "cluster3.c2.example.com", snis: ["cluster3.c2.example.com"], host: "c3.example.com", caBundle: "federation-ingress-cluster3-cacert", caCertPem: pem("Qz3D") },
        });
    });
});

describe("ServiceExports refuses, naming its argument", () => {
    const refusal = (more: Partial<ServiceExportsArgs>) =>
        rejectionOf(planProgram(() => void new ServiceExports("cluster2-exports", exportsArgs(new k8s.Provider("cluster2", { kubeconfig: "stand-in" }), more))));

    it("a namespace that is not a DNS label", async () => {
        expect(await refusal({ namespace: "Istio_Ingress" })).to.include('ServiceExportsArgs.namespace: "Istio_Ingress" is not valid');
    });

    it("an export to clusters whose contracts were not given, naming the first of them", async () => {
        expect(await refusal({ consumers: { cluster2: contract("cluster2", 2) } })).to.include(
            'ServiceExportsArgs.consumers: ["cluster2"] is not valid; a service is exported to cluster1: its contract is needed to admit it',
        );
    });
});
