/**
 * A remote stack and a primary's remote-secrets stack against what the stacks they read have published:
 * wired to the primary's gateway, its namespace and port; the remote secrets listed where istiod finds them;
 * every mismatch between the stacks refused naming the key, the stack and both sides, with nothing registered.
 */
import { expect } from "chai";
import { PlanError, StackPlan } from "../../engine/run-stack";
import { isSecretValue, REDACTED, reveal } from "../../engine/secrets";
import { planMeshfed } from "../support/plan";
import { objectOf } from "../support/records";
import { NORTH_PRIMARY, publish, remoteOutputs } from "./published";

const SOUTH_REMOTE = { primaryStack: "north-primary", network: "network2", apiServer: "https://10.20.0.2:443", gateway: { cloud: "gcp" } };

/** Plans one stack against published outputs; its refusal, if any, with what had registered by then. */
async function refusal(config: Record<string, unknown>, stack: string, outDir: string): Promise<{ message: string; registered: string[] }> {
    try {
        await planMeshfed(config, { stack, outDir });
    } catch (error) {
        const registered = error instanceof PlanError ? error.records.filter((r) => r.custom && !r.read).map((r) => `${r.type} ${r.name}`) : ["(not a PlanError)"];
        return { message: (error as Error).message, registered };
    }
    throw new Error(`stack ${stack} planned without complaint`);
}

const record = (plan: StackPlan, type: string, name: string) => plan.records.find((r) => r.type.endsWith(type) && r.name === name)!;

describe("a remote stack, against its primary's published control plane", () => {
    const primary = { ...NORTH_PRIMARY, gatewayNamespace: "ew-gateways", port: 15444 };
    let plan: StackPlan;
    before(async () => {
        const outDir = publish({ "north-primary": { outputs: { primaryControlPlane: primary } } });
        plan = await planMeshfed({ "meshfed:cluster": { name: "south" }, "meshfed:remote": SOUTH_REMOTE }, { stack: "south-remote", outDir });
    });

    it("runs its east-west gateway in the primary's gateway namespace, on the primary's cross-network port, once its injection webhook is there", () => {
        const gateway = record(plan, "Release", "south-east-west-release");
        expect((reveal(gateway.inputs) as any).namespace).to.equal("ew-gateways");
        expect((reveal(gateway.inputs) as any).values.service.ports.map((p: any) => p.port)).to.include(15444);
        const istiod = record(plan, "Release", "south-istio-istiod");
        expect(gateway.dependencies).to.include(istiod.urn);
    });

    it("publishes its gateway's namespace and address", () => {
        const gateway = reveal(plan.outputs.gateway) as { namespace: string; address: { ip: string } };
        expect(gateway.namespace).to.equal("ew-gateways");
        expect(gateway.address.ip).to.be.a("string").and.not.equal(primary.address.ip);
    });

    it("creates no cluster objects of its own when meshfed:objects lists none", () => {
        expect(plan.records.filter((r) => r.type === "meshfed:cluster:ClusterObjects")).to.deep.equal([]);
    });

    it("refuses its own cluster's primary stack: a cluster is a primary or a remote", async () => {
        const outDir = publish({ "north-primary": { outputs: { primaryControlPlane: { ...primary, cluster: "south" } } } });
        const r = await refusal({ "meshfed:cluster": { name: "south" }, "meshfed:remote": SOUTH_REMOTE }, "south-remote", outDir);
        expect(r.message).to.include(`meshfed:remote.primaryStack: "north-primary" is not valid; that is south's own primary stack; a cluster is a primary or a remote`);
        expect(r.registered).to.deep.equal([]);
    });

    it("refuses its gateway's settings by their own key before creating anything, Istio included", async () => {
        const outDir = publish({ "north-primary": { outputs: { primaryControlPlane: primary } } });
        const r = await refusal({ "meshfed:cluster": { name: "south" }, "meshfed:remote": { ...SOUTH_REMOTE, gateway: { cloud: "ibm" } } }, "south-remote", outDir);
        expect(r.message).to.include('meshfed:remote.gateway.cloud: "ibm" is not valid; allowed: aws, gcp, azure');
        expect(r.registered).to.deep.equal([]);
    });
});

describe("a primary stack's gateway and exports, refused before anything registers", () => {
    for (const [what, edit, message] of [
        ["a gateway cloud", { gateway: { cloud: "ibm" } }, 'meshfed:primary.gateway.cloud: "ibm" is not valid; allowed: aws, gcp, azure'],
        ["an export without its service", { exports: [{ consumers: ["south"] }] }, "meshfed:primary.exports[0].service: a missing value is not valid"],
    ] as const) {
        it(`refuses ${what} by its key`, async () => {
            const outDir = publish({ "north-mesh": { outputs: { cluster: "north", meshId: "mesh2", network: "network1" } } });
            const config = Object.assign({ meshStack: "north-mesh", exports: [{ service: { name: "helloworld", namespace: "sample", port: 5000 }, consumers: ["south"] }], gateway: { cloud: "gcp" } }, edit);
            const r = await refusal({ "meshfed:cluster": { name: "north" }, "meshfed:primary": config }, "north-primary", outDir);
            expect(r.message).to.include(message);
            expect(r.registered).to.deep.equal([]);
        });
    }
});

describe("a primary's remote secrets, against what its remotes published", () => {
    const remotesConfig = (clusters: Record<string, { stack: string }>) => ({
        "meshfed:cluster": { name: "north" },
        "meshfed:primaryRemotes": { primaryStack: "north-primary", clusters },
    });

    describe("a remote and another primary, istiod in its own namespace", () => {
        let plan: StackPlan;
        before(async () => {
            const outDir = publish({
                "north-primary": { outputs: { primaryControlPlane: { ...NORTH_PRIMARY, istioNamespace: "istio-cp" } } },
                "south-remote": { outputs: remoteOutputs("south"), secret: ["remoteAccess"] },
                // Multi-primary: another primary names itself as its primary.
                "sun-primary": { outputs: remoteOutputs("sun", { network: "network3", primary: "sun" }), secret: ["remoteAccess"] },
            });
            plan = await planMeshfed(
                { ...remotesConfig({ south: { stack: "south-remote" }, sun: { stack: "sun-primary" } }), "meshfed:objects": [{ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "remotes-note", namespace: "istio-cp" }, data: { owner: "platform" } }] },
                { stack: "north-remotes", outDir },
            );
        });

        it("holds one remote secret per cluster in istiod's namespace, each with its own cluster's token", () => {
            for (const c of ["south", "sun"]) {
                const secret = objectOf(plan, "Secret", `istio-remote-secret-${c}`, "istio-cp");
                expect((secret.stringData as Record<string, string>)[c], c).to.include(`token-of-${c}`);
            }
        });

        it("lists each cluster's network and remote secret (namespace/name) in its outputs", () => {
            expect(reveal(plan.outputs.cluster)).to.equal("north");
            expect(reveal(plan.outputs.remotes)).to.deep.equal({
                south: { network: "network2", secret: "istio-cp/istio-remote-secret-south" },
                sun: { network: "network3", secret: "istio-cp/istio-remote-secret-sun" },
            });
            expect(JSON.stringify(reveal(plan.outputs))).not.to.include("token-of-");
        });

        it("creates the objects meshfed:objects lists, on the primary", () => {
            expect(objectOf(plan, "ConfigMap", "remotes-note", "istio-cp").data).to.deep.equal({ owner: "platform" });
            expect(plan.records.filter((r) => r.type === "meshfed:cluster:ClusterObjects")).to.have.length(1);
        });

        it("keeps every remote's access a secret in state", () => {
            for (const c of ["south", "sun"]) expect(isSecretValue(record(plan, "Secret", `north-remote-${c}-secret`).inputs.stringData), c).to.equal(true);
        });
    });

    for (const [what, stacks, message] of [
        [
            "another cluster's primary stack",
            { "north-primary": { outputs: { primaryControlPlane: { ...NORTH_PRIMARY, cluster: "west" } } }, "south-remote": { outputs: remoteOutputs("south"), secret: ["remoteAccess"] } },
            'meshfed:primaryRemotes.primaryStack: "north-primary" is not valid; that is the primary stack of west, not north',
        ],
        [
            "a remote in another mesh",
            { "north-primary": { outputs: { primaryControlPlane: NORTH_PRIMARY } }, "south-remote": { outputs: remoteOutputs("south", { meshId: "mesh9" }), secret: ["remoteAccess"] } },
            'meshfed:primaryRemotes.clusters.south.stack: "south-remote" is not valid; south is in mesh mesh9; north runs mesh mesh2',
        ],
        [
            "a remote of another primary",
            { "north-primary": { outputs: { primaryControlPlane: NORTH_PRIMARY } }, "south-remote": { outputs: remoteOutputs("south", { primary: "west" }), secret: ["remoteAccess"] } },
            'meshfed:primaryRemotes.clusters.south.stack: "south-remote" is not valid; south is a remote of west, not of north',
        ],
        [
            "a remote whose access is for another cluster",
            { "north-primary": { outputs: { primaryControlPlane: NORTH_PRIMARY } }, "south-remote": { outputs: remoteOutputs("south", { accessCluster: "delta" }), secret: ["remoteAccess"] } },
            'meshfed:primaryRemotes.clusters.south.stack: "south-remote" is not valid; its remoteAccess is for cluster delta, not south',
        ],
        [
            "a remote that published its token in the open",
            { "north-primary": { outputs: { primaryControlPlane: NORTH_PRIMARY } }, "south-remote": { outputs: remoteOutputs("south") } },
            'stack "south-remote": remoteAccess is not a secret output; it holds an API token and must be published with pulumi.secret',
        ],
        [
            "a remote whose access this run cannot decrypt",
            { "north-primary": { outputs: { primaryControlPlane: NORTH_PRIMARY } }, "south-remote": { outputs: { ...remoteOutputs("south"), remoteAccess: REDACTED } } },
            'stack "south-remote": remoteAccess is unreadable here (a secret of another stack, redacted): plan it in the same run, or with --show-secrets',
        ],
    ] as const) {
        it(`refuses ${what}, naming both sides, before registering anything`, async () => {
            const r = await refusal(remotesConfig({ south: { stack: "south-remote" } }), "north-remotes", publish(stacks));
            expect(r.message).to.include(message);
            expect(r.registered).to.deep.equal([]);
        });
    }
});
