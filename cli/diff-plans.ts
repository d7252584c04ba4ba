/**
 * What changed between two plan directories, per stack: output values, and objects added, removed or
 * changed field by field. Objects are matched by kind, namespace and name, as the API server keys them.
 */
import { leaves } from "./impact-trace";
import { PlannedStack } from "./topology/planned-stacks";

export interface ValueChange {
    path: string;
    before?: unknown;
    after?: unknown;
}

export interface ObjectChange {
    ref: string;
    fields: ValueChange[];
}

export interface StackDiff {
    stack: string;
    status: "added" | "removed" | "changed" | "unchanged";
    outputs: ValueChange[];
    added: string[];
    removed: string[];
    changed: ObjectChange[];
}

export function diffPlans(before: PlannedStack[], after: PlannedStack[]): StackDiff[] {
    const names = [...new Set([...before, ...after].map((s) => s.stack))].sort();
    return names.map((stack) => {
        const a = before.find((s) => s.stack === stack);
        const b = after.find((s) => s.stack === stack);
        const outputs = diffValues(a?.outputs ?? {}, b?.outputs ?? {});
        const objectsBefore = new Map((a?.objects ?? []).map((o) => [o.ref, o.object]));
        const objectsAfter = new Map((b?.objects ?? []).map((o) => [o.ref, o.object]));
        const added = [...objectsAfter.keys()].filter((r) => !objectsBefore.has(r));
        const removed = [...objectsBefore.keys()].filter((r) => !objectsAfter.has(r));
        const changed = [...objectsAfter.keys()]
            .filter((r) => objectsBefore.has(r))
            .map((ref) => ({ ref, fields: diffValues(objectsBefore.get(ref), objectsAfter.get(ref)) }))
            .filter((c) => c.fields.length > 0);
        const status = !a ? "added" : !b ? "removed" : outputs.length + added.length + removed.length + changed.length > 0 ? "changed" : "unchanged";
        return { stack, status, outputs, added, removed, changed };
    });
}

/** Leaf-by-leaf differences of two JSON values (a leaf present on one side only counts too). */
export function diffValues(before: unknown, after: unknown): ValueChange[] {
    const a = new Map(leaves(before).map((l) => [l.path, l.value]));
    const b = new Map(leaves(after).map((l) => [l.path, l.value]));
    return [...new Set([...a.keys(), ...b.keys()])]
        .filter((path) => a.get(path) !== b.get(path))
        .sort()
        .map((path) => ({ path, ...(a.has(path) ? { before: a.get(path) } : {}), ...(b.has(path) ? { after: b.get(path) } : {}) }));
}
