/** Test helpers: plan a program or a set of stack configs on the offline engine, in a scratch directory. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { stringify } from "yaml";
import { planMeshfedStack } from "../../cli/offline";
import { Program, StackPlan } from "../../engine/run-stack";
import { ResourceRecord } from "../../engine/records";
import { inlineStackConfig } from "../../engine/stack-config";
import meshfed from "../../index";

export function scratchDir(prefix = "meshfed-test-"): string {
    return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A stack config as the CLI hands it over: structured values JSON-encoded. */
export const stackConfig = inlineStackConfig;

export function planProgram(
    program: Program,
    options: PlanOptions = {},
): Promise<StackPlan> {
    return planMeshfedStack({
        program,
        config: stackConfig(options.stack ?? "test", options.config, options.secretKeys),
        outDir: options.outDir ?? scratchDir(),
        now: options.now,
        previous: options.previous,
    });
}

export interface PlanOptions {
    stack?: string;
    config?: Record<string, unknown>;
    outDir?: string;
    now?: Date;
    previous?: ResourceRecord[];
    /** Config keys set with `--secret`. */
    secretKeys?: string[];
}

/** Plans the meshfed program itself with a stack config (the kubeconfig stood in for, as offline). */
export function planMeshfed(config: Record<string, unknown>, options: PlanOptions = {}): Promise<StackPlan> {
    // The kubeconfig is set with --secret, as meshfed requires.
    return planProgram(meshfed, { ...options, config: { "meshfed:kubeconfig": "stand-in", ...config }, secretKeys: ["meshfed:kubeconfig", ...(options.secretKeys ?? [])] });
}

/** Writes `Pulumi.<stack>.yaml` files into a fresh stacks directory. */
export function writeStacks(stacks: Record<string, Record<string, unknown>>): string {
    const dir = scratchDir("meshfed-stacks-");
    for (const [stack, config] of Object.entries(stacks)) {
        fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), stringify({ config }));
    }
    return dir;
}

/** Resolves to the rejection's message; fails the test if the promise resolves. */
export async function rejectionOf(p: Promise<unknown>): Promise<string> {
    try {
        await p;
    } catch (err) {
        return (err as Error).message;
    }
    throw new Error("expected a rejection, but the promise resolved");
}
