/**
 * The two cross-network stacks as `npm run plan` plans them, from the example's shared-root mesh with one
 * change each: the stacks they read must be the ones they name (the right cluster's mesh stack, the named
 * peer's gateway), the component's refusals name the stack's config key, and the stack's own objects are
 * created (and their addresses kept clear of virtual IPs) only when there are some.
 */
import { expect } from "chai";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse, stringify } from "yaml";
import { plan } from "../../cli/plan";
import { PlanError, StackPlan } from "../../engine/run-stack";
import { scratchDir } from "../support/plan";
import { objectOf, outputOf } from "../support/records";

const EXAMPLE_STACKS = path.join(__dirname, "..", "..", "stacks");
const READ_FIRST = ["mesh-root", "east-ca-request", "east-mesh", "west-ca-request", "west-mesh", "east-network"];
type Config = Record<string, any>;

/** The example's config of a stack, as a plain object to edit. */
const exampleConfig = (stack: string): Config => parse(fs.readFileSync(path.join(EXAMPLE_STACKS, `Pulumi.${stack}.yaml`), "utf8")).config;

describe("the cross-network stacks, each reading the stacks it names (planned from the example)", () => {
    let base: { stacksDir: string; outDir: string };

    before(async function () {
        this.timeout(240_000);
        const stacksDir = scratchDir("meshfed-network-settings-");
        for (const s of [...READ_FIRST, "west-network-imports"]) fs.copyFileSync(path.join(EXAMPLE_STACKS, `Pulumi.${s}.yaml`), path.join(stacksDir, `Pulumi.${s}.yaml`));
        const outDir = scratchDir("meshfed-network-settings-out-");
        await plan({ stacks: READ_FIRST, stacksDir, outDir, showSecrets: false, log: () => undefined, topology: false });
        base = { stacksDir, outDir };
    });

    /** Plans one stack, its config changed by `edit`, over the planned base; rejects as `npm run plan` does. */
    async function planEdited(stack: string, edit: (c: Config) => void): Promise<StackPlan> {
        const stacksDir = scratchDir("meshfed-network-edited-");
        fs.cpSync(base.stacksDir, stacksDir, { recursive: true });
        const config = exampleConfig(stack);
        edit(config);
        fs.writeFileSync(path.join(stacksDir, `Pulumi.${stack}.yaml`), stringify({ config }));
        const outDir = scratchDir("meshfed-network-edited-out-");
        fs.cpSync(base.outDir, outDir, { recursive: true });
        const [planned] = await plan({ stacks: [stack], stacksDir, outDir, showSecrets: true, log: () => undefined, topology: false });
        return planned;
    }

    /** How planning the edited stack fails, and what it had registered by then: nothing applied to the cluster. */
    async function refusal(stack: string, edit: (c: Config) => void): Promise<{ message: string; registered: string[] }> {
        try {
            await planEdited(stack, edit);
        } catch (error) {
            // The cluster's provider aside: CrossNetworkGateway and RemoteServices check their arguments once it exists.
            const registered = error instanceof PlanError ? error.records.filter((r) => r.custom && !r.read && !r.type.startsWith("pulumi:providers:")).map((r) => `${r.type} ${r.name}`) : [];
            return { message: (error as Error).message, registered };
        }
        throw new Error(`${stack} planned without complaint`);
    }

    describe("refusals", () => {
        it("refuses another cluster's mesh stack, naming whose it is, before creating anything", async () => {
            const r = await refusal("east-network", (c) => (c["meshfed:networkGateway"].meshStack = "west-mesh"));
            expect(r.message).to.contain('meshfed:networkGateway.meshStack: "west-mesh" is not valid; that stack is the mesh stack of west, not east');
            expect(r.registered).to.deep.equal([]);
            const imports = await refusal("west-network-imports", (c) => (c["meshfed:networkImports"].meshStack = "east-mesh"));
            expect(imports.message).to.contain('meshfed:networkImports.meshStack: "east-mesh" is not valid; that stack is the mesh stack of east, not west');
            expect(imports.registered).to.deep.equal([]);
        });

        it("refuses a mesh stack that is no <cluster>-mesh stack, saying which output it lacks", async () => {
            const r = await refusal("east-network", (c) => (c["meshfed:networkGateway"].meshStack = "mesh-root"));
            expect(r.message).to.match(/stack "mesh-root": output (cluster|meshId|network) is missing; is it a meshfed <cluster>-mesh stack, planned or deployed\?/);
            expect(r.registered).to.deep.equal([]);
        });

        it("refuses a peer whose stack is another cluster's gateway, before creating anything", async () => {
            const r = await refusal("west-network-imports", (c) => {
                const s = c["meshfed:networkImports"];
                s.peers = { north: { stack: "east-network" } };
                for (const i of s.imports) i.peer = "north";
            });
            expect(r.message).to.contain('meshfed:networkImports.peers.north.stack: "east-network" is not valid; that stack is the network gateway of east, not north');
            expect(r.registered).to.deep.equal([]);
        });

        it("names the stack's own config key in the gateway's and the imports' refusals", async () => {
            const gw = await refusal("east-network", (c) => (c["meshfed:networkGateway"].exports[1].consumers = ["east"]));
            expect(gw.message).to.contain('meshfed:networkGateway.exports[1].consumers[0]: "east" is not valid; a cluster does not import its own services');
            expect(gw.registered).to.deep.equal([]);
            const imp = await refusal("west-network-imports", (c) => (c["meshfed:networkImports"].imports[1].service.name = "ratings"));
            expect(imp.message).to.contain("meshfed:networkImports.imports[1]");
            expect(imp.message).to.contain("east passes through only bookinfo/reviews, bar/httpbin");
            expect(imp.registered).to.deep.equal([]);
        });
    });

    describe("the stack's own objects (meshfed:objects)", () => {
        const legacy = (address: string) => ({
            apiVersion: "networking.istio.io/v1",
            kind: "ServiceEntry",
            metadata: { name: "legacy-db", namespace: "bookinfo" },
            spec: { hosts: ["db.legacy.internal"], addresses: [address], ports: [{ number: 5432, name: "tcp", protocol: "TCP" }], resolution: "DNS", location: "MESH_EXTERNAL" },
        });
        const clusterObjects = (p: StackPlan) => p.records.filter((r) => r.type === "meshfed:cluster:ClusterObjects");

        it("publishes where the gateway runs, and creates no objects component when there are none", async () => {
            const p = await planEdited("east-network", () => undefined);
            expect(outputOf(p, "gateway")).to.deep.equal({ namespace: "istio-network-gateway", releaseName: "istio-network-gateway" });
            expect(clusterObjects(p)).to.deep.equal([]);
        });

        it("creates them beside the gateway, in the gateway's namespace if asked", async () => {
            const p = await planEdited("east-network", (c) => {
                c["meshfed:networkGateway"].namespace = "east-gw";
                c["meshfed:objects"] = [legacy("240.9.9.9")];
            });
            expect(outputOf(p, "gateway")).to.deep.equal({ namespace: "east-gw", releaseName: "istio-network-gateway" });
            expect(clusterObjects(p)).to.have.length(1);
            expect(objectOf(p, "ServiceEntry", "legacy-db", "bookinfo").spec).to.deep.include({ addresses: ["240.9.9.9"] });
        });

        it("keeps every imported service's virtual IP off the addresses they declare, refusing a collision by its owner", async () => {
            const before = await planEdited("west-network-imports", () => undefined);
            const taken = outputOf<Record<string, string>>(before, "addresses")["reviews.bookinfo.global"];
            expect(clusterObjects(before)).to.deep.equal([]);
            const r = await refusal("west-network-imports", (c) => (c["meshfed:objects"] = [legacy(taken)]));
            expect(r.message).to.contain(`meshfed:networkImports.addresses: "${taken}" is not valid; reviews.bookinfo.global hashes to ${taken}, which ServiceEntry bookinfo/legacy-db (meshfed:objects) already declares`);
            expect(r.registered).to.deep.equal([]);
        });
    });
});
