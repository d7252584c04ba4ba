/**
 * The analyzer test grid, as istio's `analyzers_test.go`: each case names a rule, gives minimal YAML
 * fixtures (planned, and optionally already in the cluster) and the expected `(code, "Kind ns/name")`
 * pairs, compared as a set.
 */
import { expect } from "chai";
import { parseAllDocuments } from "yaml";
import type { AnalyzedObject } from "../../analyze";
import type { Rule } from "../../analyze/rule";
import { runRules } from "../../analyze/run";

export interface GridCase {
    name: string;
    rule: Rule;
    /** Objects the plan would apply: the ones analysed. */
    planned: string;
    /** Objects the cluster already has: seen by lookups, never reported on. */
    existing?: string;
    expected: Array<[code: string, object: string]>;
}

export function objectsOf(yaml: string | undefined): AnalyzedObject[] {
    return parseAllDocuments(yaml ?? "").map((doc) => {
        if (doc.errors.length > 0) throw doc.errors[0];
        return doc.toJS() as AnalyzedObject | null;
    }).filter((o): o is AnalyzedObject => o !== null);
}

/** `MF0102 VirtualService default/reviews`, the unit the grid compares. */
const pair = (code: string, object: string) => `${code} ${object}`;

export function runGrid(cases: readonly GridCase[]): void {
    for (const c of cases) {
        it(c.name, () => {
            const got = runRules([c.rule], objectsOf(c.planned), objectsOf(c.existing)).map((m) => pair(m.code, m.object));
            const want = c.expected.map(([code, object]) => pair(code, object));
            expect([...new Set(got)].sort()).to.deep.equal([...new Set(want)].sort());
        });
    }
}
