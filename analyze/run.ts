import type { AnalysisMessage } from "./analysis-message";
import { createContext, Store } from "./context";
import type { AnalyzedObject } from "./object";
import type { Rule } from "./rule";

/**
 * Runs `rules` over the planned objects, with `existing` objects available to lookups only.
 * The same problem reached twice (a gateway named in spec.gateways and again in a match) is one
 * message; messages come sorted by object, then code, then text, so a plan's output is stable.
 */
export function runRules(rules: readonly Rule[], planned: readonly AnalyzedObject[], existing: readonly AnalyzedObject[] = []): AnalysisMessage[] {
    const store = new Store(planned, existing);
    const messages = new Map<string, AnalysisMessage>();
    for (const rule of rules) {
        rule.analyze(createContext(store, rule, (m) => messages.set(`${m.object}\u0000${m.code}\u0000${m.text}`, m)));
    }
    return [...messages.values()].sort((a, b) => compare(a.object, b.object) || compare(a.code, b.code) || compare(a.text, b.text));
}

function compare(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}
