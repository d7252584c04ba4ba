/**
 * `npm run plan -- --impact <stack> [--diff PREV_OUT]`: the blast radius of a change to one stack's outputs.
 * Lists every stack that reads it through a StackReference and, per contract part (address, CA, exports,
 * other settings), the objects of that stack whose fields hold the value, so what would change if it changed.
 * With `--diff`, the change is the real one between PREV_OUT and this plan, and each stack's actual changes
 * (outputs, objects added, removed, fields changed) are listed.
 */
import { PlannedStack, readPlannedStacks } from "./topology/planned-stacks";
import { CONTRACT_PARTS, ContractPart, ContractValue, contractValues, hiddenObjects, ObjectUses, partOf, traceReader, ValueUse } from "./impact-trace";
import { diffPlans, StackDiff, ValueChange } from "./diff-plans";

export interface ImpactReport {
    stack: string;
    readers: { stack: string; parts: Partial<Record<ContractPart, ObjectUses[]>>; hidden: string[] }[];
    /** With a previous plan: the change of the stack's outputs, and every stack's actual changes. */
    change?: { outputs: ValueChange[]; stacks: StackDiff[] };
}

/** The blast radius of `stack` among `plans`; with `previous`, only of what actually changed since. */
export function impactOf(stack: string, plans: PlannedStack[], previous?: PlannedStack[]): ImpactReport {
    const target = plans.find((p) => p.stack === stack);
    if (!target) throw new Error(`--impact "${stack}": not planned (planned: ${plans.map((p) => p.stack).join(", ") || "none"})`);
    const stacks = previous ? diffPlans(previous, plans) : undefined;
    const outputs = stacks?.find((d) => d.stack === stack)?.outputs;
    const before = previous?.find((p) => p.stack === stack);
    const changed = (values: ContractValue[]) => (outputs ? values.filter((v) => outputs.some((c) => c.path === v.path)) : values);
    const readers = plans
        .filter((p) => p.references.includes(stack))
        .map((reader) => {
            // With a previous plan, old values are traced in the old reader too: a removed value is found only there.
            const uses = traceReader(reader, changed(contractValues(target.outputs)));
            const old = before && previous?.find((p) => p.stack === reader.stack);
            if (old) for (const u of traceReader(old, changed(contractValues(before.outputs)))) mergeUses(uses, u);
            const parts: ImpactReport["readers"][number]["parts"] = {};
            for (const part of CONTRACT_PARTS) {
                const objects = uses.map((o) => ({ object: o.object, uses: o.uses.filter((u) => u.source.part === part) })).filter((o) => o.uses.length > 0);
                if (objects.length > 0) parts[part] = objects;
            }
            return { stack: reader.stack, parts, hidden: hiddenObjects(reader).map((o) => o.ref) };
        });
    return { stack, readers, ...(stacks && outputs ? { change: { outputs, stacks } } : {}) };
}

function mergeUses(into: ObjectUses[], more: ObjectUses): void {
    const same = into.find((o) => o.object.ref === more.object.ref);
    if (!same) return void into.push(more);
    for (const u of more.uses) if (!same.uses.some((x) => x.field === u.field && x.source.path === u.source.path)) same.uses.push(u);
}

const IF_CHANGED: Record<ContractPart, string> = {
    address: "if its address (host, address, port) changed",
    CA: "if its CA changed",
    exports: "if its exports changed",
    settings: "if its other outputs changed",
};

/** The report as printed. */
export function formatImpact(report: ImpactReport): string {
    const lines: string[] = [];
    if (report.change) {
        lines.push(`What changed in ${report.stack}'s outputs:`);
        lines.push(...(report.change.outputs.length ? report.change.outputs.map((c) => `  ${partOf(c.path)}: ${c.path}: ${show(c.before)} → ${show(c.after)}`) : ["  nothing"]));
    }
    const n = report.readers.length;
    lines.push(`${n} stack${n === 1 ? "" : "s"} read${n === 1 ? "s" : ""} ${report.stack} through a StackReference${n ? ":" : "."}`);
    for (const reader of report.readers) {
        lines.push(`  ${reader.stack}`);
        const parts = Object.entries(reader.parts) as [ContractPart, ObjectUses[]][];
        if (parts.length === 0) lines.push(report.change ? "    no object holds a changed value" : "    no object holds one of its values");
        for (const [part, objects] of parts) {
            lines.push(`    ${report.change ? IF_CHANGED[part].replace("if", "as").replace("changed", "changes") : IF_CHANGED[part]}:`);
            for (const { object, uses } of objects) {
                lines.push(`      ${object.ref}`);
                for (const [field, same] of byField(uses)) {
                    lines.push(`        ${field} = ${show(same[0].source.value)} ← ${same.map((u) => u.source.path).join(", ")}`);
                }
            }
        }
        if (reader.hidden.length) lines.push(`    hidden in this plan ([secret]; --show-secrets traces into them): ${reader.hidden.join(", ")}`);
    }
    if (report.change) {
        lines.push("What changed in each stack's plan:");
        // Without a previous deployment's state, each offline plan makes new keys: a real `pulumi up` keeps them.
        if (report.change.stacks.some((d) => d.outputs.some((c) => /Pem$/.test(c.path))))
            lines.push("  (note: every offline plan generates new keys and certificates; a changed PEM here is real only if its config changed)");
        for (const d of report.change.stacks.filter((s) => s.status !== "unchanged")) {
            lines.push(`  ${d.stack} (${d.status})`);
            for (const c of d.outputs) lines.push(`    output ${c.path}: ${show(c.before)} → ${show(c.after)}`);
            for (const r of d.added) lines.push(`    + ${r}`);
            for (const r of d.removed) lines.push(`    - ${r}`);
            for (const c of d.changed) lines.push(`    ~ ${c.ref}: ${c.fields.map((f) => `${f.path} ${show(f.before)} → ${show(f.after)}`).join("; ")}`);
        }
    }
    return lines.join("\n");
}

/** Reads the plans and prints the report. */
export function runImpact(outDir: string, stack: string, previousDir: string | undefined, log: (line: string) => void): ImpactReport {
    const report = impactOf(stack, readPlannedStacks(outDir), previousDir ? readPlannedStacks(previousDir) : undefined);
    log(formatImpact(report));
    return report;
}

/** One line per field, however many outputs hold its value. */
function byField(uses: ValueUse[]): [string, ValueUse[]][] {
    const fields = new Map<string, ValueUse[]>();
    for (const u of uses) fields.set(u.field, [...(fields.get(u.field) ?? []), u]);
    return [...fields];
}

/** A value short enough for one line: certificates by their first characters. */
function show(value: unknown): string {
    if (value === undefined) return "(none)";
    const text = typeof value === "string" ? value : JSON.stringify(value);
    if (text.includes("-----BEGIN")) return `certificate …${text.replace(/-----[^-]+-----|\s/g, "").slice(40, 56)}…`;
    return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}
