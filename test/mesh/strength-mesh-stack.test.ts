/**
 * A cluster's `<cluster>-mesh` stack: it refuses a CA-request stack of another cluster or a root of another
 * mesh before creating anything, and publishes what the cluster runs (rollover phase, Istio's releases).
 */
import { expect } from "chai";
import * as k8s from "@pulumi/kubernetes";
import { writeStackPlan } from "../../cli/plan-files";
import { CaRequestContract, MeshRootContract } from "../../components/mesh/mesh-contracts";
import { meshStack, MeshMemberInputs, resolveMeshMember } from "../../program/mesh-stack";
import { planMeshfed, planProgram, scratchDir } from "../support/plan";
import { planRefusal } from "./strength-plan-refusal";

const request = (cluster: string): CaRequestContract => ({
    version: 1,
    cluster,
    meshId: "mesh1",
    network: `net-${cluster}`,
    certRequestPem: "-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n",
    publicKeyPem: "-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----\n",
    keySecret: { namespace: "istio-system", name: "meshfed-ca-key" },
});
const root = (meshId: string, phase?: MeshRootContract["phase"]): MeshRootContract => ({
    version: 1,
    meshId,
    ...(phase ? { phase } : {}),
    rootCertPem: "roots",
    intermediates: { east: { certPem: "east cert", certChainPem: "east chain" } },
});

describe("a mesh stack reading stacks that do not fit it", () => {
    let out: string;
    before(async () => {
        out = scratchDir();
        const publish = async (stack: string, outputs: Record<string, unknown>) => writeStackPlan(out, await planProgram(() => outputs, { stack, outDir: out }), false);
        await publish("east-ca-request", { meshCaRequest: request("east") });
        await publish("west-ca-request", { meshCaRequest: request("west") });
        await publish("mesh2-root", { meshRoot: root("mesh2") });
    });

    /** Plans east-mesh and returns its refusal, asserting it created nothing in the cluster. */
    const refusal = async (mesh: Record<string, unknown>) => {
        const { message, registered } = await planRefusal(planMeshfed({ "meshfed:cluster": { name: "east" }, "meshfed:mesh": { ...mesh, istio: false } }, { stack: "east-mesh", outDir: out }));
        expect(registered).to.deep.equal([]);
        return message;
    };

    it("refuses another cluster's CA-request stack, naming the key, the stack and whose request it holds", async () => {
        expect(await refusal({ caRequestStack: "west-ca-request", rootStack: "mesh2-root" })).to.include('meshfed:mesh.caRequestStack: "west-ca-request" is not valid; that stack holds the CA request of west, not east');
    });

    it("refuses the root of another mesh, naming the key, the stack and both meshes", async () => {
        expect(await refusal({ caRequestStack: "east-ca-request", rootStack: "mesh2-root" })).to.include('meshfed:mesh.rootStack: "mesh2-root" is not valid; that stack is the root of mesh mesh2; east joins mesh1');
    });
});

describe("what a mesh stack publishes", () => {
    const outputsWith = async (inputs: MeshMemberInputs, istio: boolean) =>
        (await planProgram(() => meshStack("east", resolveMeshMember("east", { caRequestStack: "east-ca-request", rootStack: "mesh-root", istio: istio ? {} : undefined }, inputs), new k8s.Provider("east", { kubeconfig: "stand-in" })))).outputs;
    const inputs = (phase?: MeshRootContract["phase"]): MeshMemberInputs => ({ request: request("east"), root: root("mesh1", phase), intermediate: root("mesh1").intermediates.east });

    it("the rollover phase of its root during a rollover, and Istio's namespace and both releases when it installs Istio", async () => {
        const outputs = await outputsWith(inputs("add-new"), true);
        expect(outputs).to.deep.include({ cluster: "east", meshId: "mesh1", network: "net-east", rootCertPem: "roots", intermediateCertPem: "east cert", rolloverPhase: "add-new" });
        expect(outputs.istio).to.deep.equal({ namespace: "istio-system", releases: ["istio-base", "istiod"] });
    });

    it("neither outside a rollover nor with Istio installed some other way", async () => {
        const outputs = await outputsWith(inputs(), false);
        expect(outputs).to.not.have.any.keys("rolloverPhase", "istio");
    });
});

describe("a root stack whose certificate settings SharedRoot refuses", () => {
    let out: string;
    before(async () => {
        out = scratchDir();
        writeStackPlan(out, await planProgram(() => ({ meshCaRequest: request("east") }), { stack: "east-ca-request", outDir: out }), false);
    });

    const refusal = async (extra: Record<string, unknown>) => {
        const meshRoot = { meshId: "mesh1", clusters: { east: { stack: "east-ca-request" } }, ...extra };
        const { message, registered } = await planRefusal(planMeshfed({ "meshfed:meshRoot": meshRoot }, { stack: "mesh-root", outDir: out }));
        expect(registered).to.deep.equal([]);
        return message;
    };

    it("is refused before anything registers, SharedRoot's resolver naming the config key", async () => {
        expect(await refusal({ ca: { rotation: "R1" } })).to.include('meshfed:meshRoot.ca.rotation: "R1" is not valid; expected a DNS-1123 label');
        expect(await refusal({ intermediates: { validityHours: 100_000 } })).to.include("meshfed:meshRoot.intermediates.validityHours: 100000 is not valid; an intermediate must expire before its root");
        expect(await refusal({ ca: { rotation: "r1" }, rollover: { phase: "add-new", next: { rotation: "r1" } } })).to.include("meshfed:meshRoot.rollover.next.rotation");
    });
});
