/**
 * StackReferences resolve from stacks planned earlier in the same output directory, as they resolve from
 * the backend's state for the real engine. The referenced stack is the reference name's last segment
 * (`org/meshfed/cluster2` → `cluster2`).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { STACK_TYPE } from "./records";
import { isSecretValue, REDACTED, reveal, secretValue } from "./secrets";

export interface PlannedOutputs {
    outputs: Record<string, unknown>;
    secretOutputNames: string[];
}

/** A StackReference to a stack with no plan yet: the planner plans that stack first. */
export class UnplannedStackError extends Error {
    constructor(
        readonly stack: string,
        message: string,
    ) {
        super(message);
    }
}

export function referencedStack(referenceName: string): string {
    return referenceName.split("/").pop() ?? referenceName;
}

export function outputsFile(outDir: string, stack: string): string {
    return path.join(outDir, stack, "outputs.json");
}

/**
 * The secret outputs of stacks planned in this process, by their outputs file: what a reader with access
 * to a stack decrypts from the backend (Pulumi hands StackReference secrets over, still secret). The plan
 * files keep them redacted; only a run that planned the referenced stack itself, or `--show-secrets`,
 * can read them. Never written anywhere.
 */
const decryptable = new Map<string, Record<string, unknown>>();

export function rememberSecretOutputs(outDir: string, stack: string, outputs: Record<string, unknown>): void {
    const secret = Object.fromEntries(Object.entries(outputs).filter(([, v]) => isSecretValue(v)).map(([k, v]) => [k, reveal(v)]));
    decryptable.set(path.resolve(outputsFile(outDir, stack)), secret);
}

/** Reads a planned stack's outputs, or fails naming the stack to plan first. */
export function readPlannedOutputs(outDir: string, referenceName: string, planningStack: string): PlannedOutputs {
    const stack = referencedStack(referenceName);
    const file = outputsFile(outDir, stack);
    if (!fs.existsSync(file)) {
        throw new UnplannedStackError(
            stack,
            `stack "${planningStack}" references stack "${referenceName}", which has not been planned: ` +
                `plan "${stack}" first (npm run plan -- --stack ${stack}), or plan all stacks (npm run plan); ` +
                `expected ${file}`,
        );
    }
    const outputs = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
    // A redacted value was a secret output: it stays secret, and unreadable unless this run planned that
    // stack (see `decryptable`), as it would be to a program without access to the peer's stack.
    // With --show-secrets the value is in the file, and the stack's record says which outputs were secret.
    const recorded = recordedSecretOutputs(path.join(path.dirname(file), "resources.json"));
    const secretOutputNames = Object.keys(outputs).filter((k) => outputs[k] === REDACTED || recorded.has(k));
    const known = decryptable.get(path.resolve(file)) ?? {};
    for (const k of secretOutputNames) if (k in known) outputs[k] = known[k];
    return { outputs, secretOutputNames };
}

/** The stack outputs that held a secret, from the secret paths the plan recorded for its Stack resource. */
function recordedSecretOutputs(resourcesFile: string): Set<string> {
    if (!fs.existsSync(resourcesFile)) return new Set();
    const records = JSON.parse(fs.readFileSync(resourcesFile, "utf8")) as { type: string; secrets?: string[] }[];
    const stack = records.find((r) => r.type === STACK_TYPE);
    return new Set((stack?.secrets ?? []).filter((p) => p.startsWith("outputs.")).map((p) => p.slice("outputs.".length).split(/[.[]/)[0]));
}

/** The output state of a `pulumi:pulumi:StackReference` read. */
export function stackReferenceState(outDir: string, referenceName: string, planningStack: string) {
    const { outputs, secretOutputNames } = readPlannedOutputs(outDir, referenceName, planningStack);
    const marked = Object.fromEntries(
        Object.entries(outputs).map(([k, v]) => [k, secretOutputNames.includes(k) ? secretValue(v) : v]),
    );
    return { name: referenceName, outputs: marked, secretOutputNames };
}
