/**
 * The CrossNetworkGateway component planned on its own, as a program using the package would: what it
 * creates in its namespace and in what order, what it publishes, and its refusals by argument.
 */
import { expect } from "chai";
import * as k8s from "@pulumi/kubernetes";
import { CrossNetworkGateway, CrossNetworkGatewayArgs } from "../../components/multinetwork/cross-network-gateway";
import { loadBalancerIngress } from "../../engine/addresses";
import { ResourceRecord } from "../../engine/records";
import { reveal } from "../../engine/secrets";
import { StackPlan } from "../../engine/run-stack";
import { planProgram, rejectionOf } from "../support/plan";
import { objectOf } from "../support/records";

const NS = "east-gw";
const EXPORTS = [
    { service: { name: "reviews", namespace: "bookinfo", port: 9080 }, subsets: [{ name: "v2", labels: { version: "v2" } }], consumers: ["west"] },
    { service: { name: "httpbin", namespace: "bar", port: 8000, protocol: "TCP" as const }, consumers: ["west", "north"] },
];
const ARGS: Omit<CrossNetworkGatewayArgs, "provider"> = { clusterName: "east", network: "network2", namespace: NS, clusterDomain: "east.internal", exports: EXPORTS, gateway: { cloud: "gcp", port: 8443 } };

/** Plans one gateway of cluster east; `args` change the defaults above. */
const planGateway = (args: Partial<CrossNetworkGatewayArgs> = {}) =>
    planProgram(() => {
        new CrossNetworkGateway("east-network", { provider: new k8s.Provider("east", { kubeconfig: "stand-in" }), ...ARGS, ...args });
    });
const recordOf = (p: StackPlan, type: string) => {
    const found = p.records.filter((r) => r.type === type);
    expect(found, type).to.have.length(1);
    return found[0];
};

describe("a CrossNetworkGateway planned on its own", () => {
    let plan: StackPlan;
    let component: ResourceRecord;
    let namespace: ResourceRecord;
    before(async () => {
        plan = await planGateway();
        component = recordOf(plan, "meshfed:multinetwork:CrossNetworkGateway");
        namespace = recordOf(plan, "kubernetes:core/v1:Namespace");
    });

    it("creates its namespace in the exporting cluster, and its release and Istio objects only after it", () => {
        const provider = recordOf(plan, "pulumi:providers:kubernetes");
        expect(objectOf(plan, "Namespace", NS)).to.exist;
        expect(namespace).to.deep.include({ parent: component.urn, provider: `${provider.urn}::${provider.id}` });
        const dependents = plan.records.filter((r) => ["kubernetes:helm.sh/v3:Release", "kubernetes:networking.istio.io/v1:Gateway", "kubernetes:networking.istio.io/v1:DestinationRule"].includes(r.type));
        expect(dependents).to.have.length(3);
        for (const r of dependents) expect(r.dependencies, r.name).to.include(namespace.urn);
    });

    it("installs the gateway chart in its namespace on the cluster's network", () => {
        const release = reveal(recordOf(plan, "kubernetes:helm.sh/v3:Release").inputs) as { name: string; namespace: string; values: Record<string, any> };
        expect(release).to.deep.include({ name: "istio-network-gateway", namespace: NS });
        expect(release.values.labels["topology.istio.io/network"]).to.equal("network2");
        expect(release.values.service.ports[1]).to.deep.include({ port: 8443, targetPort: 15443 });
    });

    it("binds its passthrough Gateway to its own pods, for the exported hosts under the cluster's domain", () => {
        const gw = objectOf(plan, "Gateway", "cross-network", NS).spec as Record<string, any>;
        expect(gw.selector).to.deep.equal({ istio: "network-gateway" });
        expect(gw.servers[0].hosts).to.deep.equal(["bookinfo/reviews.bookinfo.svc.east.internal", "bar/httpbin.bar.svc.east.internal"]);
        expect((objectOf(plan, "DestinationRule", "export-bookinfo-reviews", NS).spec as Record<string, any>).host).to.equal("reviews.bookinfo.svc.east.internal");
    });

    it("publishes the address its own load balancer got, the peers' port and the services as consumers see them", () => {
        expect(reveal(component.outputs)).to.deep.equal({
            // The simulated cluster is named after the stack planned ("test").
            address: loadBalancerIngress("test", NS, "istio-network-gateway", "ip"),
            port: 8443,
            namespace: NS,
            services: [
                { name: "reviews", namespace: "bookinfo", host: "reviews.bookinfo.svc.east.internal", port: 9080, protocol: "HTTP", subsets: ["v2"], consumers: ["west"] },
                { name: "httpbin", namespace: "bar", host: "httpbin.bar.svc.east.internal", port: 8000, protocol: "TCP", subsets: [], consumers: ["west", "north"] },
            ],
            // Its children, by URN: the namespace and the release.
            children: { namespace: namespace.urn, release: recordOf(plan, "kubernetes:helm.sh/v3:Release").urn },
        });
    });

    it("publishes a pinned address as it is, and defaults the namespace and the cluster domain", async () => {
        const p = await planGateway({ namespace: undefined, clusterDomain: undefined, gateway: { cloud: "gcp", address: { hostname: "east-gw.example.com" } } });
        const outputs = reveal(recordOf(p, "meshfed:multinetwork:CrossNetworkGateway").outputs) as Record<string, any>;
        expect(outputs).to.deep.include({ address: { hostname: "east-gw.example.com" }, port: 15443, namespace: "istio-network-gateway" });
        expect(outputs.services[0].host).to.equal("reviews.bookinfo.svc.cluster.local");
        expect(objectOf(p, "Gateway", "cross-network", "istio-network-gateway")).to.exist;
    });

    it("refuses bad arguments by their path, CrossNetworkGatewayArgs unless a source is given, before registering anything", async () => {
        const cases: [Partial<CrossNetworkGatewayArgs>, string][] = [
            [{ namespace: "East_GW" }, 'CrossNetworkGatewayArgs.namespace: "East_GW" is not valid; expected a DNS-1123 label'],
            [{ clusterDomain: "internal" }, 'CrossNetworkGatewayArgs.clusterDomain: "internal" is not valid; expected a lowercase DNS name'],
            [{ network: "Network 2" }, 'CrossNetworkGatewayArgs.network: "Network 2" is not valid; expected a DNS-1123 label'],
            [{ exports: [{ ...EXPORTS[0], consumers: ["east"] }] }, 'CrossNetworkGatewayArgs.exports[0].consumers[0]: "east" is not valid; a cluster does not import its own services'],
            [{ gateway: { cloud: "ibm" } as never }, 'CrossNetworkGatewayArgs.gateway.cloud: "ibm" is not valid; allowed:'],
            [{ source: "meshfed:networkGateway", network: "Network 2" }, 'meshfed:networkGateway.network: "Network 2" is not valid'],
        ];
        for (const [args, message] of cases) expect(await rejectionOf(planGateway(args))).to.contain(message);
    });

    it("says which Service has no load-balancer address, and which key pins one, when the values make it no LoadBalancer", async () => {
        const message = await rejectionOf(planGateway({ gateway: { cloud: "gcp", values: { service: { type: "ClusterIP" } } } }));
        expect(message).to.contain("Service east-gw/istio-network-gateway has no load-balancer address yet; wait for the cloud to assign one and run again, or pin it with CrossNetworkGatewayArgs.gateway.address");
    });
});
