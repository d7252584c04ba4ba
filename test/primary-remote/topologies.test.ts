import { expect } from "chai";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { plan } from "../../cli/plan";
import { StackPlan } from "../../engine/run-stack";
import { isSecretValue } from "../../engine/secrets";
import { rejectionOf, scratchDir, writeStacks } from "../support/plan";
import { objectOf } from "../support/records";
import { SEED_001_STACKS } from "./stacks";

const EXAMPLE_STACKS = path.join(__dirname, "..", "..", "stacks");
const example = (s: string) => (parse(fs.readFileSync(path.join(EXAMPLE_STACKS, `Pulumi.${s}.yaml`), "utf8")) as { config: Record<string, any> }).config;
const quiet = () => undefined;

async function planAll(stacks: Record<string, Record<string, unknown>>): Promise<Record<string, StackPlan>> {
    const planned = await plan({ outDir: scratchDir(), showSecrets: false, stacksDir: writeStacks(stacks), log: quiet });
    return Object.fromEntries(planned.map((p) => [p.stack, p]));
}

function seed001(): Record<string, Record<string, any>> {
    return Object.fromEntries(SEED_001_STACKS.map((s) => [s, structuredClone(example(s))]));
}

describe("primary-remote topologies beyond the example", () => {
    it("adds a second remote with its own -remote stack and one more entry in the primary's remote secrets", async () => {
        // GIVEN seed 001, and a cluster delta on network3 joining north's control plane
        const stacks = seed001();
        stacks["delta-remote"] = { ...structuredClone(example("south-remote")), "meshfed:cluster": { name: "delta" } };
        stacks["delta-remote"]["meshfed:remote"] = { ...stacks["delta-remote"]["meshfed:remote"], network: "network3", apiServer: "https://10.30.0.2:443" };
        stacks["north-remotes"]["meshfed:primaryRemotes"].clusters.delta = { stack: "delta-remote" };
        // WHEN everything is planned
        const plans = await planAll(stacks);
        // THEN north holds one remote secret per remote, each for its own API server
        for (const [c, server] of [["south", "https://10.20.0.2:443"], ["delta", "https://10.30.0.2:443"]]) {
            const secret = objectOf(plans["north-remotes"], "Secret", `istio-remote-secret-${c}`, "istio-system");
            expect(parse((secret.stringData as Record<string, string>)[c]).clusters[0].cluster.server, c).to.equal(server);
        }
    });

    it("makes multi-primary out of the same stacks: each primary publishes its reader token and holds the other's remote secret, no cycle", async () => {
        // GIVEN a second primary, sun, in mesh2, each primary publishing its API access
        const stacks = seed001();
        delete stacks["south-remote"];
        stacks["sun-ca-request"] = { ...structuredClone(example("north-ca-request")), "meshfed:cluster": { name: "sun" } };
        stacks["sun-ca-request"]["meshfed:caRequest"].network = "network3";
        stacks["mesh2-root"]["meshfed:meshRoot"].clusters.sun = { stack: "sun-ca-request" };
        stacks["sun-mesh"] = { ...structuredClone(example("north-mesh")), "meshfed:cluster": { name: "sun" } };
        stacks["sun-mesh"]["meshfed:mesh"] = { ...stacks["sun-mesh"]["meshfed:mesh"], caRequestStack: "sun-ca-request" };
        stacks["sun-primary"] = { "meshfed:cluster": { name: "sun" }, "meshfed:primary": { ...structuredClone(example("north-primary")["meshfed:primary"]), meshStack: "sun-mesh", apiServer: "https://10.40.0.2:443" } };
        stacks["sun-primary"]["meshfed:primary"].exports[0].consumers = ["north"];
        stacks["sun-primary"]["meshfed:offline"] = example("north-primary")["meshfed:offline"];
        stacks["north-primary"]["meshfed:primary"].apiServer = "https://10.10.0.2:443";
        stacks["north-remotes"]["meshfed:primaryRemotes"].clusters = { sun: { stack: "sun-primary" } };
        stacks["sun-remotes"] = { "meshfed:cluster": { name: "sun" }, "meshfed:primaryRemotes": { primaryStack: "sun-primary", clusters: { north: { stack: "north-primary" } } } };
        // WHEN everything is planned (a cycle would fail, naming its members)
        const plans = await planAll(stacks);
        // THEN each primary's access is a secret output, and each holds the other's remote secret
        for (const [self, other, server] of [["north", "sun", "https://10.40.0.2:443"], ["sun", "north", "https://10.10.0.2:443"]]) {
            expect(isSecretValue(plans[`${other}-primary`].outputs.remoteAccess), other).to.equal(true);
            const secret = objectOf(plans[`${self}-remotes`], "Secret", `istio-remote-secret-${other}`, "istio-system");
            expect(parse((secret.stringData as Record<string, string>)[other]).clusters[0].cluster.server, self).to.equal(server);
        }
    });

    it("refuses a remote stack listed under another cluster's name, naming the key, the stack and both names", async () => {
        const stacks = seed001();
        stacks["west-remotes"] = { "meshfed:cluster": { name: "north" }, "meshfed:primaryRemotes": { primaryStack: "north-primary", clusters: { delta: { stack: "south-remote" } } } };
        const message = await rejectionOf(planAll(stacks));
        expect(message).to.include('meshfed:primaryRemotes.clusters.delta.stack: "south-remote" is not valid; that stack publishes cluster south, not delta');
    });
});
