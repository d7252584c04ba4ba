/**
 * Cross-object checks of what a plan would apply in one cluster, in the spirit of `istioctl analyze`:
 * references between objects (gateways, subsets, credential Secrets, hosts) that schema validation
 * of each object alone cannot see. Every message is an error.
 */
import { ALL_RULES } from "./all";
import type { AnalysisMessage } from "./analysis-message";
import type { AnalyzedObject } from "./object";
import { runRules } from "./run";

export type { AnalysisMessage } from "./analysis-message";
export { formatMessage } from "./analysis-message";
export type { MessageLevel } from "./messages";
export type { AnalyzedObject } from "./object";

/**
 * Messages about `objects`, the objects the plan would apply in one cluster. `existing` are objects
 * the cluster already has (the application's Services, say): they satisfy references but are not
 * themselves analysed.
 */
export function analyze(objects: AnalyzedObject[], existing: AnalyzedObject[] = []): AnalysisMessage[] {
    return runRules(ALL_RULES, objects, existing);
}
