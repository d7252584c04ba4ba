/**
 * The example stacks planned once per test run into a scratch directory (each test file reads the same
 * plan; planning is the slow part). Only the listed stacks of `stacks/`, so tests do not depend on every
 * example there.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { plan } from "../../cli/plan";
import { scratchDir } from "../support/plan";

export const EXAMPLES = path.join(__dirname, "..", "..", "stacks");
/** Gateway federation (cluster1 ← cluster2), the shared root of mesh1 and replicated control planes (west ← east). */
export const EXAMPLE_STACKS = [
    "cluster1", "cluster2", "cluster1-federation", "cluster2-federation",
    "east-ca-request", "west-ca-request", "mesh-root", "east-mesh", "west-mesh", "east-network", "west-network-imports",
];

const planned = new Map<string, Promise<string>>();

/** A plan directory of the given example stacks (planned in dependency order by `plan`). */
export function plannedExamples(stacks: string[] = EXAMPLE_STACKS): Promise<string> {
    const key = stacks.join(",");
    if (!planned.has(key)) planned.set(key, planSome(stacks));
    return planned.get(key)!;
}

async function planSome(stacks: string[]): Promise<string> {
    const stacksDir = scratchDir("meshfed-example-stacks-");
    for (const s of stacks) fs.copyFileSync(path.join(EXAMPLES, `Pulumi.${s}.yaml`), path.join(stacksDir, `Pulumi.${s}.yaml`));
    const outDir = scratchDir("meshfed-example-plan-");
    await plan({ outDir, showSecrets: false, stacksDir, log: () => undefined });
    return outDir;
}
