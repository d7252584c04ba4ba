/**
 * StackReferences resolve from stacks planned earlier in the same output directory, as they resolve from
 * the backend's state for the real engine. The referenced stack is the reference name's last segment
 * (`org/meshfed/cluster2` → `cluster2`).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { REDACTED, secretValue } from "./secrets";

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
    // A redacted value was a secret output: it stays secret and stays unreadable, as it would be to a
    // program that reads a peer's secret through a StackReference without access to the peer's key.
    const secretOutputNames = Object.keys(outputs).filter((k) => outputs[k] === REDACTED);
    return { outputs, secretOutputNames };
}

/** The output state of a `pulumi:pulumi:StackReference` read. */
export function stackReferenceState(outDir: string, referenceName: string, planningStack: string) {
    const { outputs, secretOutputNames } = readPlannedOutputs(outDir, referenceName, planningStack);
    const marked = Object.fromEntries(
        Object.entries(outputs).map(([k, v]) => [k, secretOutputNames.includes(k) ? secretValue(v) : v]),
    );
    return { name: referenceName, outputs: marked, secretOutputNames };
}
