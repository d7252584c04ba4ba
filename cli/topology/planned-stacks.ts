/**
 * The plans `npm run plan` wrote, read back: each stack's outputs, its resource records and the Kubernetes
 * objects it would apply. The topology and the impact report read only these files, so they describe exactly
 * what was planned (and can describe an older plan directory just as well).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { ResourceRecord, STACK_REFERENCE_TYPE } from "../../engine/records";
import { manifestsOf } from "../../engine/manifests";
import { referencedStack } from "../../engine/stack-refs";
import { KubeObject } from "../../engine/kubernetes";

export interface PlannedObject {
    /** `Kind namespace/name` (or `Kind name`), as findings name objects. */
    ref: string;
    urn: string;
    object: KubeObject;
}

export interface PlannedStack {
    stack: string;
    outputs: Record<string, unknown>;
    records: ResourceRecord[];
    objects: PlannedObject[];
    /** The stacks this one reads through StackReferences (their last name segment). */
    references: string[];
}

/** Every stack planned in `outDir` (a folder holding both outputs.json and resources.json), by name. */
export function readPlannedStacks(outDir: string): PlannedStack[] {
    if (!fs.existsSync(outDir)) throw new Error(`no plan directory ${outDir}: run npm run plan first`);
    return fs
        .readdirSync(outDir)
        .filter((s) => ["outputs.json", "resources.json"].every((f) => fs.existsSync(path.join(outDir, s, f))))
        .sort()
        .map((stack) => plannedStack(stack, readJson(path.join(outDir, stack, "outputs.json")), readJson(path.join(outDir, stack, "resources.json"))));
}

/** A stack's plan from its outputs and records (pure: tests hand in records they made). */
export function plannedStack(stack: string, outputs: Record<string, unknown>, records: ResourceRecord[]): PlannedStack {
    return {
        stack,
        outputs,
        records,
        objects: manifestsOf(records).map(({ record, object }) => ({ ref: objectRef(object), urn: record.urn, object })),
        references: records.filter((r) => r.type === STACK_REFERENCE_TYPE).map((r) => referencedStack(String(r.inputs.name ?? r.name))),
    };
}

export function objectRef(object: KubeObject): string {
    const { namespace, name } = object.metadata ?? {};
    return `${object.kind} ${namespace ? `${namespace}/` : ""}${name}`;
}

function readJson<T>(file: string): T {
    return JSON.parse(fs.readFileSync(file, "utf8")) as T;
}
