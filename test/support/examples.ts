/**
 * Every example stack of `stacks/` planned once per test run, with secrets redacted and once with them
 * shown: several test files read these plans, and planning every example is the slow part of the suite.
 */
import * as path from "node:path";
import { plan } from "../../cli/plan";
import { StackPlan } from "../../engine/run-stack";
import { scratchDir } from "./plan";

export const EXAMPLE_STACKS_DIR = path.join(__dirname, "..", "..", "stacks");

export interface PlannedExamples {
    out: string;
    plans: StackPlan[];
}

const planned = new Map<boolean, Promise<PlannedExamples>>();

export function plannedExamples(showSecrets: boolean): Promise<PlannedExamples> {
    if (!planned.has(showSecrets)) {
        const out = scratchDir(showSecrets ? "meshfed-examples-shown-" : "meshfed-examples-");
        planned.set(showSecrets, plan({ outDir: out, showSecrets, stacksDir: EXAMPLE_STACKS_DIR, log: () => undefined }).then((plans) => ({ out, plans })));
    }
    return planned.get(showSecrets)!;
}
