/**
 * The shared-root components the Pulumi way: the cluster's provider given as a resource option (or by a
 * parent) puts every Kubernetes object on that cluster, a component without one is refused before it
 * registers anything, and args resolved once by the component's resolver are taken as they are.
 */
import { expect } from "chai";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { IntermediateCaRequest, IntermediateCaRequestArgs, resolveIntermediateCaRequestArgs } from "../../components/mesh/intermediate-ca-request";
import { IstioControlPlane, IstioControlPlaneArgs, resolveIstioControlPlaneArgs } from "../../components/mesh/istio-control-plane";
import { MeshRootContract } from "../../components/mesh/mesh-contracts";
import { PluggedCaCerts, PluggedCaCertsArgs } from "../../components/mesh/plugged-ca";
import { resolveSharedRootArgs, SharedRoot, SharedRootArgs } from "../../components/mesh/shared-root";
import { MeshCa, resolveMeshCaArgs } from "../../components/trust/mesh-ca";
import { PlanError, StackPlan } from "../../engine/run-stack";
import { ResourceRecord } from "../../engine/records";
import { resolveMeshMember } from "../../program/mesh-stack";
import { planProgram } from "../support/plan";

const stand = (cluster: string) => new k8s.Provider(cluster, { kubeconfig: "stand-in" });
const requestArgs: IntermediateCaRequestArgs = { clusterName: "east", namespace: "istio-system", rotation: "k1" };
const cacertsArgs: PluggedCaCertsArgs = { namespace: "istio-system", intermediate: { certPem: "cert", certChainPem: "chain" }, rootCertPem: "roots" };
const istioArgs: IstioControlPlaneArgs = { meshId: "mesh1", clusterName: "east", network: "network1", chart: { version: "1.29.0" }, values: { istiod: { pilot: { autoscaleEnabled: false } } } };
const rootArgs: SharedRootArgs = { meshId: "mesh1", ca: { rotation: "r1" }, requests: {}, rollover: { phase: "reissue", next: { rotation: "r2" } } };

/** Each Kubernetes-creating component, made with the args and options given. */
const KUBERNETES_COMPONENTS: [string, (opts: pulumi.ComponentResourceOptions) => pulumi.ComponentResource][] = [
    ["IntermediateCaRequest", (opts) => new IntermediateCaRequest("east-ca", requestArgs, opts)],
    ["PluggedCaCerts", (opts) => new PluggedCaCerts("east-cacerts", cacertsArgs, opts)],
    ["IstioControlPlane", (opts) => new IstioControlPlane("east-istio", istioArgs, opts)],
];

const kubeObjects = (plan: StackPlan) => plan.records.filter((r) => r.custom && r.type.startsWith("kubernetes:") && !r.type.startsWith("pulumi:providers:"));
/** What a plan compares by: every resource as registered, keys and certificates aside (they differ plan to plan). */
const shape = (plan: StackPlan) =>
    plan.records
        .filter((r) => r.type !== "pulumi:pulumi:Stack")
        .map((r: ResourceRecord) => ({
            urn: r.urn,
            parent: r.parent,
            provider: r.provider,
            protect: r.protect,
            dependencies: [...r.dependencies].sort(),
            inputs: r.type.startsWith("tls:") || r.type === "kubernetes:core/v1:Secret" ? undefined : r.inputs,
        }))
        .sort((a, b) => a.urn.localeCompare(b.urn));

/** Plans `build`, expecting a refusal; returns its message and everything registered but the stack. */
async function refusal(build: () => void): Promise<{ message: string; registered: string[] }> {
    try {
        await planProgram(build);
    } catch (error) {
        expect(error).to.be.instanceOf(PlanError);
        const records = (error as PlanError).records.filter((r) => r.type !== "pulumi:pulumi:Stack" && !r.type.startsWith("pulumi:providers:"));
        return { message: (error as PlanError).message, registered: records.map((r) => `${r.type} ${r.name}`) };
    }
    throw new Error("expected the plan to be refused");
}

describe("shared-root components take the cluster's provider the Pulumi way", () => {
    for (const [type, make] of KUBERNETES_COMPONENTS) {
        describe(type, () => {
            it("puts every Kubernetes object on the provider given as { provider } in its resource options", async () => {
                const plan = await planProgram(() => void make({ provider: stand("east") }));
                const objects = kubeObjects(plan);
                expect(objects, "objects").to.not.be.empty;
                for (const o of objects) expect(o.provider, `${o.type} ${o.name}`).to.match(/::east::/);
            });

            it("takes it from { providers } or from a parent that has it", async () => {
                const listed = await planProgram(() => void make({ providers: [stand("east")] }));
                for (const o of kubeObjects(listed)) expect(o.provider, `${o.type} ${o.name}`).to.match(/::east::/);
                const inherited = await planProgram(() => {
                    const parent = new pulumi.ComponentResource("test:index:Cluster", "east", {}, { providers: [stand("east")] });
                    make({ parent });
                });
                for (const o of kubeObjects(inherited)) expect(o.provider, `${o.type} ${o.name}`).to.match(/::east::/);
            });

            it("is refused without a provider before it registers anything, naming its type", async () => {
                const { message, registered } = await refusal(() => void make({}));
                expect(message).to.include(`${type} resource options`);
                expect(message).to.include(`new ${type}(name, args, { provider: cluster.provider })`);
                expect(registered).to.deep.equal([]);
            });

            it("is refused when its deprecated provider arg and its resource options name two clusters", async () => {
                const { message, registered } = await refusal(() => {
                    const east = stand("east");
                    const west = stand("west");
                    if (type === "IntermediateCaRequest") new IntermediateCaRequest("east-ca", { ...requestArgs, provider: east }, { provider: west });
                    if (type === "PluggedCaCerts") new PluggedCaCerts("east-cacerts", { ...cacertsArgs, provider: east }, { provider: west });
                    if (type === "IstioControlPlane") new IstioControlPlane("east-istio", { ...istioArgs, provider: east }, { provider: west });
                });
                expect(message).to.include(`${type}Args.provider`);
                expect(registered).to.deep.equal([]);
            });
        });
    }

    it("the deprecated provider arg and the resource option make the same objects", async () => {
        const byOption = await planProgram(() => {
            const provider = stand("east");
            for (const [, make] of KUBERNETES_COMPONENTS) make({ provider });
        });
        const byArg = await planProgram(() => {
            const east = stand("east");
            new IntermediateCaRequest("east-ca", { ...requestArgs, provider: east });
            new PluggedCaCerts("east-cacerts", { ...cacertsArgs, provider: east });
            new IstioControlPlane("east-istio", { ...istioArgs, provider: east });
        });
        expect(shape(byOption)).to.deep.equal(shape(byArg));
    });

    it("IstioControlPlane: both releases wait for its dependsOn resource option, as for the deprecated arg, istiod also for istio/base", async () => {
        const plan = await planProgram(() => {
            const provider = stand("east");
            const namespace = new k8s.core.v1.Namespace("istio-namespace", { metadata: { name: "istio-system" } }, { provider });
            const cacerts = new PluggedCaCerts("east-cacerts", cacertsArgs, { provider });
            new IstioControlPlane("east-istio", { ...istioArgs, dependsOn: [namespace] }, { provider, dependsOn: [cacerts.secret] });
        });
        const urn = (name: string) => plan.records.find((r) => r.name === name)!.urn;
        const [base, istiod] = ["east-istio-base", "east-istio-istiod"].map((n) => plan.records.find((r) => r.name === n)!);
        expect(base.dependencies).to.include.members([urn("istio-namespace"), urn("east-cacerts-secret")]);
        expect(istiod.dependencies).to.include.members([urn("istio-namespace"), urn("east-cacerts-secret"), base.urn]);
    });

    it("IntermediateCaRequest: the key Secret waits for the component's dependsOn resource option (Istio's namespace)", async () => {
        const plan = await planProgram(() => {
            const provider = stand("east");
            const namespace = new k8s.core.v1.Namespace("istio-namespace", { metadata: { name: "istio-system" } }, { provider });
            new IntermediateCaRequest("east-ca", requestArgs, { provider, dependsOn: [namespace] });
        });
        const secret = plan.records.find((r) => r.name === "east-ca-key-secret")!;
        expect(secret.dependencies).to.include(plan.records.find((r) => r.name === "istio-namespace")!.urn);
    });
});

describe("shared-root components take args resolved once", () => {
    it("each resolver is idempotent: a resolution given again is returned as it is", () => {
        const request = resolveIntermediateCaRequestArgs(requestArgs);
        expect(resolveIntermediateCaRequestArgs(request)).to.equal(request);
        const istio = resolveIstioControlPlaneArgs(istioArgs);
        expect(resolveIstioControlPlaneArgs(istio)).to.equal(istio);
        const root = resolveSharedRootArgs(rootArgs);
        expect(resolveSharedRootArgs(root)).to.equal(root);
        const ca = resolveMeshCaArgs({ clusterName: "east" });
        expect(resolveMeshCaArgs(ca)).to.equal(ca);
    });

    it("a resolution passed to the constructor yields the same objects as the plain args", async () => {
        const build = (resolved: boolean) => () => {
            const provider = stand("east");
            const request = new IntermediateCaRequest("east-ca", resolved ? resolveIntermediateCaRequestArgs(requestArgs) : requestArgs, { provider });
            const root = { ...rootArgs, requests: { east: request.certRequestPem } };
            new SharedRoot("mesh1-root", resolved ? resolveSharedRootArgs(root) : root);
            new IstioControlPlane("east-istio", resolved ? resolveIstioControlPlaneArgs(istioArgs) : istioArgs, { provider });
            new MeshCa("east-federation-ca", resolved ? resolveMeshCaArgs({ clusterName: "east", maxPathLength: 1 }) : { clusterName: "east", maxPathLength: 1 });
        };
        const [plain, resolved] = [await planProgram(build(false)), await planProgram(build(true))];
        expect(shape(resolved)).to.deep.equal(shape(plain));
        const pathLength = (p: StackPlan) => p.records.find((r) => r.name === "east-federation-ca-cert")!.inputs.maxPathLength;
        expect(pathLength(resolved)).to.equal(1);
    });

    it("SharedRoot makes each root from the MeshCa args it resolved, with the path-length constraint of a shared root", () => {
        const { value } = resolveSharedRootArgs(rootArgs);
        expect(Object.keys(value.roots)).to.deep.equal(["current", "next"]);
        expect(value.roots.current!.args).to.deep.include({ clusterName: "mesh1", rotation: "r1", maxPathLength: 1 });
        expect(value.roots.next!.value.subject.commonName).to.equal("mesh1 root CA r2");
    });

    it("refuses the resolution of another component type before registering anything", async () => {
        const request = resolveIntermediateCaRequestArgs(requestArgs);
        const { message, registered } = await refusal(() => void new IstioControlPlane("east-istio", request as never, { provider: stand("east") }));
        expect(message).to.include("IstioControlPlane: given the resolved args of IntermediateCaRequest");
        expect(registered).to.deep.equal([]);
        expect(() => new SharedRoot("mesh1-root", resolveIstioControlPlaneArgs(istioArgs) as never)).to.throw(TypeError, "SharedRoot: given the resolved args of IstioControlPlane");
    });

    it("bad args are refused before the component registers, not after", async () => {
        const { message, registered } = await refusal(() => void new SharedRoot("mesh1-root", { ...rootArgs, ca: { rotation: "R1" } }));
        expect(message).to.include('SharedRootArgs.ca.rotation: "R1" is not valid');
        expect(registered).to.deep.equal([]);
        const istio = await refusal(() => void new IstioControlPlane("east-istio", { ...istioArgs, network: "Net" }, { provider: stand("east") }));
        expect(istio.message).to.include('IstioControlPlaneArgs.network: "Net" is not valid');
        expect(istio.registered).to.deep.equal([]);
    });

    it("a mesh stack resolves Istio's args from its CA request and root before anything is created", () => {
        const root: MeshRootContract = { version: 1, meshId: "mesh1", rootCertPem: "roots", intermediates: { east: { certPem: "c", certChainPem: "cc" } } };
        const inputs = (namespace: string) => ({
            request: { version: 1 as const, cluster: "east", meshId: "mesh1", network: "net-east", certRequestPem: "csr", publicKeyPem: "pk", keySecret: { namespace, name: "meshfed-ca-key" } },
            root,
            intermediate: root.intermediates.east,
        });
        const settings = { caRequestStack: "east-ca-request", rootStack: "mesh-root", istio: { chart: { version: "1.29.0" } } };
        const plan = resolveMeshMember("east", settings, inputs("mesh-ca"));
        expect(plan.istio!.value).to.deep.include({ namespace: "mesh-ca", placement: { meshId: "mesh1", clusterName: "east", network: "net-east" } });
        expect(plan.istio!.value.chart.version).to.equal("1.29.0");
        expect(resolveMeshMember("east", { ...settings, istio: undefined }, inputs("mesh-ca")).istio).to.equal(undefined);
        expect(() => resolveMeshMember("east", settings, inputs("Mesh_CA"))).to.throw('IstioControlPlaneArgs.namespace: "Mesh_CA" is not valid');
    });
});
