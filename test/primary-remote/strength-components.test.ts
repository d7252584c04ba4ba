/**
 * The primary-remote components as a package user composes them: what lands in which namespace of which
 * cluster, in which order, with the defaults left out or every setting given; args refused by name before
 * anything registers.
 */
import { expect } from "chai";
import * as k8s from "@pulumi/kubernetes";
import { PrimaryEastWestGateway, ReaderToken, RemoteControlPlane, RemoteEastWestGateway, RemoteSecret } from "../../components";
import { DEFAULT_CHART_REPOSITORY, DEFAULT_CHART_VERSION } from "../../components/gateway/gateway-specs";
import { ResourceRecord } from "../../engine/records";
import { StackPlan } from "../../engine/run-stack";
import { isSecretValue, reveal } from "../../engine/secrets";
import { planProgram, rejectionOf } from "../support/plan";
import { API_SERVER_HELP, DNS_LABEL } from "./messages";

const EXPORTS = [{ service: { name: "helloworld", namespace: "sample", port: 5000 }, consumers: ["south"] }];
const PRIMARY = { cluster: "north", address: { ip: "192.0.2.7" } };
const PLACEMENT = { meshId: "mesh2", clusterName: "south", network: "network2" };

/** The one record of that type and logical name. */
function record(plan: StackPlan, type: string, name: string): ResourceRecord {
    const found = plan.records.filter((r) => r.type.endsWith(type) && r.name === name);
    expect(found, `${type} ${name} in ${plan.stack}`).to.have.length(1);
    return found[0];
}
const inputs = (plan: StackPlan, type: string, name: string) => reveal(record(plan, type, name).inputs) as Record<string, any>;
const short = (urns: string[]) => urns.map((u) => u.split("::").pop());

/** Each record's cluster (its explicit provider's name) and its parent component. */
function placement(plan: StackPlan, type: string, name: string) {
    const r = record(plan, type, name);
    return { cluster: r.provider?.split("::").at(-2), parent: r.parent?.split("::").pop() };
}

interface RemoteOptions {
    namespace?: string;
    chart?: { version: string; repository: string };
    secretNamespace?: string;
    gateway?: Record<string, unknown>;
    source?: string;
}

/** A remote's side as a -remote stack composes it, and the remote secret its primary would hold, on one provider. */
function remoteProgram(o: RemoteOptions) {
    return () => {
        const provider = new k8s.Provider("south", { kubeconfig: "stand-in" });
        const istio = new RemoteControlPlane("south-istio", { provider, ...PLACEMENT, primary: PRIMARY, namespace: o.namespace, chart: o.chart });
        const reader = new ReaderToken("south-reader", { provider, clusterName: "south", server: "https://10.20.0.2:443", namespace: o.namespace, dependsOn: [istio.base] });
        const gateway = new RemoteEastWestGateway("south-east-west", {
            provider,
            network: "network2",
            namespace: "istio-network-gateway",
            gateway: { cloud: "gcp", ...o.gateway },
            dependsOn: [istio.istiod],
            source: o.source,
        });
        new RemoteSecret("north-remote-south", { provider, clusterName: "south", access: reader.access, namespace: o.secretNamespace });
        return { address: gateway.address };
    };
}

describe("a remote cluster's components, defaults left out", () => {
    let plan: StackPlan;
    before(async () => {
        plan = await planProgram(remoteProgram({}), { stack: "south" });
    });

    it("creates istio-system on the remote, labelled with its network and annotated with its control plane's cluster", () => {
        expect(placement(plan, "Namespace", "south-istio-namespace")).to.deep.equal({ cluster: "south", parent: "south-istio" });
        expect(inputs(plan, "Namespace", "south-istio-namespace").metadata).to.deep.equal({
            name: "istio-system",
            labels: { "app.kubernetes.io/managed-by": "meshfed", "topology.istio.io/network": "network2" },
            annotations: { "topology.istio.io/controlPlaneClusters": "north" },
        });
    });

    it("installs istio-base, then istiod (remote profile), into that namespace from the vendored chart line, never creating the namespace itself", () => {
        for (const [release, chart, after] of [
            ["istio-base", "base", ["south-istio-namespace"]],
            ["istiod", "istiod", ["south-istio-namespace", "south-istio-base"]],
        ] as const) {
            const name = `south-istio-${chart}`;
            expect(placement(plan, "Release", name), release).to.deep.equal({ cluster: "south", parent: "south-istio" });
            expect(inputs(plan, "Release", name), release).to.deep.include({
                name: release,
                namespace: "istio-system",
                chart,
                version: DEFAULT_CHART_VERSION,
                repositoryOpts: { repo: DEFAULT_CHART_REPOSITORY },
                createNamespace: false,
            });
            expect(short(record(plan, "Release", name).dependencies), release).to.have.members(after);
        }
        expect(inputs(plan, "Release", "south-istio-istiod").values.profile).to.equal("remote");
    });

    it("asks for the reader token in istio-system once istio/base has created the reader account, and publishes the access only as a secret", () => {
        expect(placement(plan, "Secret", "south-reader-secret")).to.deep.equal({ cluster: "south", parent: "south-reader" });
        expect(inputs(plan, "Secret", "south-reader-secret").metadata).to.deep.include({
            namespace: "istio-system",
            labels: { "app.kubernetes.io/managed-by": "meshfed" },
        });
        expect(short(record(plan, "Secret", "south-reader-secret").dependencies)).to.deep.equal(["south-istio-base"]);
        const component = record(plan, "ReaderToken", "south-reader");
        expect(isSecretValue(component.outputs.access), "the component's registered access").to.equal(true);
        expect(reveal(component.outputs.access)).to.deep.include({ cluster: "south", server: "https://10.20.0.2:443" });
    });

    it("runs the remote's east-west gateway in its own namespace, after that namespace and the remote's injection webhook", () => {
        expect(placement(plan, "Namespace", "south-east-west-namespace")).to.deep.equal({ cluster: "south", parent: "south-east-west" });
        expect(inputs(plan, "Namespace", "south-east-west-namespace").metadata).to.deep.equal({ name: "istio-network-gateway" });
        expect(placement(plan, "Release", "south-east-west-release")).to.deep.equal({ cluster: "south", parent: "south-east-west" });
        expect(short(record(plan, "Release", "south-east-west-release").dependencies)).to.have.members(["south-east-west-namespace", "south-istio-istiod"]);
    });

    it("reads the gateway's address from its Service on the remote, and publishes it with the namespace", () => {
        expect(placement(plan, "Service", "south-east-west-service")).to.deep.equal({ cluster: "south", parent: "south-east-west" });
        const address = reveal(plan.outputs.address);
        expect(address).to.have.property("ip").that.is.a("string");
        expect(record(plan, "RemoteEastWestGateway", "south-east-west").outputs).to.deep.equal({
            address,
            namespace: "istio-network-gateway",
            children: { namespace: record(plan, "Namespace", "south-east-west-namespace").urn, release: record(plan, "Release", "south-east-west-release").urn },
        });
    });

    it("holds the remote secret in istio-system as an Opaque Secret, on the cluster whose provider it was given", () => {
        expect(placement(plan, "Secret", "north-remote-south-secret")).to.deep.equal({ cluster: "south", parent: "north-remote-south" });
        const secret = inputs(plan, "Secret", "north-remote-south-secret");
        expect(secret.type).to.equal("Opaque");
        expect(secret.metadata.namespace).to.equal("istio-system");
        expect(Object.keys(secret.stringData)).to.deep.equal(["south"]);
    });
});

describe("a remote cluster's components, every setting given", () => {
    let plan: StackPlan;
    const chart = { version: "1.29.0", repository: "https://charts.example.com/istio" };
    before(async () => {
        plan = await planProgram(remoteProgram({ namespace: "istio-remote", chart, secretNamespace: "istio-cp", gateway: { serviceType: "NodePort", address: { ip: "10.9.9.9" } } }), { stack: "south" });
    });

    it("puts Istio, both releases and the reader token into the namespace given", () => {
        expect(inputs(plan, "Namespace", "south-istio-namespace").metadata.name).to.equal("istio-remote");
        for (const chartName of ["base", "istiod"]) {
            const release = inputs(plan, "Release", `south-istio-${chartName}`);
            expect(release.namespace, chartName).to.equal("istio-remote");
            // The charts put the reader account and its bindings into global.istioNamespace, not the release's.
            expect(release.values.global.istioNamespace, chartName).to.equal("istio-remote");
        }
        expect(inputs(plan, "Secret", "south-reader-secret").metadata.namespace).to.equal("istio-remote");
    });

    it("installs both charts from the version and repository given", () => {
        for (const chartName of ["base", "istiod"]) {
            expect(inputs(plan, "Release", `south-istio-${chartName}`), chartName).to.deep.include({ version: "1.29.0", repositoryOpts: { repo: "https://charts.example.com/istio" } });
        }
    });

    it("holds the remote secret in istiod's namespace as given", () => {
        expect(inputs(plan, "Secret", "north-remote-south-secret").metadata.namespace).to.equal("istio-cp");
    });

    it("publishes the pinned gateway address, not the load balancer's", () => {
        expect(reveal(plan.outputs.address)).to.deep.equal({ ip: "10.9.9.9" });
    });
});

describe("a remote's east-west gateway on its own", () => {
    const gatewayProgram = (gateway: Record<string, unknown>) => () => {
        const provider = new k8s.Provider("south", { kubeconfig: "stand-in" });
        new RemoteEastWestGateway("south-east-west", { provider, network: "network2", namespace: "istio-network-gateway", gateway: { cloud: "gcp", ...gateway }, source: "meshfed:remote" });
    };

    it("needs nothing else to be created first", async () => {
        const plan = await planProgram(gatewayProgram({}), { stack: "south" });
        expect(short(record(plan, "Release", "south-east-west-release").dependencies)).to.deep.equal(["south-east-west-namespace"]);
    });

    it("says which Service has no load-balancer address, and which key pins one, when its values make it no load balancer", async () => {
        const message = await rejectionOf(planProgram(gatewayProgram({ values: { service: { type: "ClusterIP" } } }), { stack: "south" }));
        expect(message).to.include("Service istio-network-gateway/istio-network-gateway has no load-balancer address yet; wait for the cloud to assign one and run again, or pin it with meshfed:remote.gateway.address");
    });
});

describe("a primary's east-west gateway, every setting given", () => {
    let plan: StackPlan;
    before(async () => {
        plan = await planProgram(() => {
            const provider = new k8s.Provider("north", { kubeconfig: "stand-in" });
            new PrimaryEastWestGateway("north-east-west", {
                provider,
                clusterName: "north",
                network: "network1",
                exports: EXPORTS,
                istioNamespace: "istio-cp",
                namespace: "east-west",
                clusterDomain: "north.example.com",
                gateway: { cloud: "gcp" },
            });
        }, { stack: "north" });
    });

    it("passes istiod's ports through to istiod in the namespace and domain given", () => {
        const vs = inputs(plan, "VirtualService", "north-east-west-virtualservice-east-west-istiod");
        expect(vs.spec.tls.map((t: any) => t.route[0].destination)).to.deep.equal([
            { host: "istiod.istio-cp.svc.north.example.com", port: { number: 15012 } },
            { host: "istiod.istio-cp.svc.north.example.com", port: { number: 443 } },
        ]);
    });

    it("creates the istiod Gateway and VirtualService on the primary, after the cross-network gateway they ride on", () => {
        for (const [type, name] of [["Gateway", "north-east-west-gateway-east-west-istiod"], ["VirtualService", "north-east-west-virtualservice-east-west-istiod"]]) {
            expect(placement(plan, type, name), type).to.deep.equal({ cluster: "north", parent: "north-east-west" });
            expect(inputs(plan, type, name).metadata, type).to.deep.equal({ name: "istiod", namespace: "east-west" });
            expect(short(record(plan, type, name).dependencies), type).to.include.members(["north-east-west-cross-network-release", "north-east-west-cross-network-service"]);
        }
        expect(placement(plan, "CrossNetworkGateway", "north-east-west-cross-network").parent).to.equal("north-east-west");
    });

    it("publishes its address, cross-network port and namespace", () => {
        const outputs = reveal(record(plan, "PrimaryEastWestGateway", "north-east-west").outputs) as Record<string, any>;
        expect(outputs).to.deep.include({ port: 15443, namespace: "east-west" });
        expect(outputs.address).to.have.property("ip").that.is.a("string");
    });
});

describe("primary-remote component args refused by name, before anything registers", () => {
    const provider = undefined as unknown as k8s.Provider;
    const remote = { provider, ...PLACEMENT, primary: PRIMARY };
    for (const [what, make, message] of [
        ["RemoteControlPlane: a namespace", () => new RemoteControlPlane("x", { ...remote, namespace: "Istio" }), `RemoteControlPlaneArgs.namespace: "Istio" is not valid; ${DNS_LABEL}`],
        ["RemoteControlPlane: a mesh ID", () => new RemoteControlPlane("x", { ...remote, meshId: "Mesh2" }), `RemoteControlPlaneArgs.meshId: "Mesh2" is not valid; ${DNS_LABEL}`],
        ["RemoteControlPlane: a cluster name", () => new RemoteControlPlane("x", { ...remote, clusterName: "South" }), `RemoteControlPlaneArgs.clusterName: "South" is not valid; ${DNS_LABEL}`],
        ["RemoteControlPlane: a network", () => new RemoteControlPlane("x", { ...remote, network: "net_2" }), `RemoteControlPlaneArgs.network: "net_2" is not valid; ${DNS_LABEL}`],
        ["RemoteControlPlane: the primary's cluster", () => new RemoteControlPlane("x", { ...remote, primary: { ...PRIMARY, cluster: "North" } }), `RemoteControlPlaneArgs.primary.cluster: "North" is not valid; ${DNS_LABEL}`],
        ["RemoteControlPlane: the primary's address", () => new RemoteControlPlane("x", { ...remote, primary: { cluster: "north", address: {} as { ip: string } } }), "RemoteControlPlaneArgs.primary.address: {} is not valid"],
        ["ReaderToken: a cluster name", () => new ReaderToken("x", { provider, clusterName: "South", server: "https://10.20.0.2" }), `ReaderTokenArgs.clusterName: "South" is not valid; ${DNS_LABEL}`],
        ["ReaderToken: a namespace", () => new ReaderToken("x", { provider, clusterName: "south", server: "https://10.20.0.2", namespace: "Istio" }), `ReaderTokenArgs.namespace: "Istio" is not valid; ${DNS_LABEL}`],
        ["ReaderToken: a server", () => new ReaderToken("x", { provider, clusterName: "south", server: "http://10.20.0.2" }), `ReaderTokenArgs.server: "http://10.20.0.2" is not valid; ${API_SERVER_HELP}`],
        ["RemoteSecret: a cluster name", () => new RemoteSecret("x", { provider, clusterName: "South", access: {} as any }), `RemoteSecretArgs.clusterName: "South" is not valid; ${DNS_LABEL}`],
        ["RemoteSecret: a namespace", () => new RemoteSecret("x", { provider, clusterName: "south", access: {} as any, namespace: "Istio" }), `RemoteSecretArgs.namespace: "Istio" is not valid; ${DNS_LABEL}`],
        ["RemoteEastWestGateway: a network", () => new RemoteEastWestGateway("x", { provider, network: "Net2", namespace: "ew" }), `RemoteEastWestGatewayArgs.network: "Net2" is not valid; ${DNS_LABEL}`],
        ["RemoteEastWestGateway: a namespace", () => new RemoteEastWestGateway("x", { provider, network: "network2", namespace: "EW" }), `RemoteEastWestGatewayArgs.namespace: "EW" is not valid; ${DNS_LABEL}`],
        ["RemoteEastWestGateway: a gateway, by its source", () => new RemoteEastWestGateway("x", { provider, network: "network2", namespace: "ew", gateway: { cloud: "ibm" } as any, source: "meshfed:remote" }), 'meshfed:remote.gateway.cloud: "ibm" is not valid'],
        ["PrimaryEastWestGateway: a network", () => new PrimaryEastWestGateway("x", { provider, clusterName: "north", network: "Net1", exports: EXPORTS }), `PrimaryEastWestGatewayArgs.network: "Net1" is not valid; ${DNS_LABEL}`],
        ["PrimaryEastWestGateway: an istio namespace", () => new PrimaryEastWestGateway("x", { provider, clusterName: "north", network: "network1", exports: EXPORTS, istioNamespace: "Istio" }), `PrimaryEastWestGatewayArgs.istioNamespace: "Istio" is not valid; ${DNS_LABEL}`],
        ["PrimaryEastWestGateway: a namespace", () => new PrimaryEastWestGateway("x", { provider, clusterName: "north", network: "network1", exports: EXPORTS, namespace: "EW" }), `PrimaryEastWestGatewayArgs.namespace: "EW" is not valid; ${DNS_LABEL}`],
        ["PrimaryEastWestGateway: a cluster domain", () => new PrimaryEastWestGateway("x", { provider, clusterName: "north", network: "network1", exports: EXPORTS, clusterDomain: "local" }), 'PrimaryEastWestGatewayArgs.clusterDomain: "local" is not valid'],
        ["PrimaryEastWestGateway: a gateway, by its source", () => new PrimaryEastWestGateway("x", { provider, clusterName: "north", network: "network1", exports: EXPORTS, gateway: { cloud: "ibm" } as any, source: "meshfed:primary" }), 'meshfed:primary.gateway.cloud: "ibm" is not valid'],
    ] as const) {
        it(`${what}`, () => {
            expect(make).to.throw(message);
        });
    }

    it("RemoteSecret: access for another cluster than the one it is named after", async () => {
        const message = await rejectionOf(
            planProgram(() => {
                const p = new k8s.Provider("north", { kubeconfig: "stand-in" });
                new RemoteSecret("north-remote-south", { provider: p, clusterName: "south", access: { version: 1, cluster: "delta", server: "https://10.30.0.2", certificateAuthorityData: "Q0E=", token: "t" } });
            }),
        );
        expect(message).to.include("RemoteSecretArgs.access is for cluster delta, not south");
    });
});
