import type { ErrorObject } from "ajv";
import { childPath, pointerToPath } from "./field-path";
import { Finding, jsonType, showValue } from "./finding";
import { Schema } from "./schema";

/** Keywords whose branches may fail without the object being invalid. */
const BRANCHING = new Set(["oneOf", "anyOf", "not"]);
/** Keywords followed by a property name in a schema path. */
const NAMED = new Set(["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"]);

/**
 * Turns ajv errors (compiled with `allErrors` and `verbose`) into findings on `object`.
 * `data` is the validated value, `base` the path at which it sits (`''` for a Kubernetes
 * object, `values` for Helm values).
 */
export function ajvFindings(errors: ErrorObject[], data: unknown, object: string, base = ""): Finding[] {
    const relevant = errors.filter((e) => !insideBranch(e.schemaPath));
    const typeErrorAt = new Set(relevant.filter(isTypeError).map((e) => e.instancePath));
    return relevant
        // A value of the wrong type also fails its enum, pattern...: the type error says it all.
        .filter((e) => isTypeError(e) || !typeErrorAt.has(e.instancePath))
        .map((e) => toFinding(e, data, object, base));
}

/**
 * Errors from a branch of `oneOf`/`anyOf`/`not` only explain why that branch did not match;
 * the junctor's own error is what counts.
 */
function insideBranch(schemaPath: string): boolean {
    const segments = schemaPath.replace(/^#\/?/, "").split("/");
    const keywords: string[] = [];
    for (let i = 0; i < segments.length; i++) {
        keywords.push(segments[i]);
        if (NAMED.has(segments[i]) || /^\d+$/.test(segments[i + 1] ?? "")) i++;
    }
    return keywords.slice(0, -1).some((k) => BRANCHING.has(k));
}

function isTypeError(e: ErrorObject): boolean {
    return e.keyword === "type" || (e.keyword === "anyOf" && typeAlternatives(e.schema) !== undefined);
}

function toFinding(e: ErrorObject, data: unknown, object: string, base: string): Finding {
    const at = pointerToPath(e.instancePath, data, base);
    const { field, rule, message } = explain(e);
    return { object, path: field === undefined ? at : childPath(at, field), rule, message };
}

/** Rule name and message for one ajv error; `field` when the error is about a child field. */
function explain(e: ErrorObject): { field?: string; rule: string; message: string } {
    const p = e.params as Record<string, unknown>;
    const value = showValue(e.data);
    const got = `got ${jsonType(e.data)} ${value}`;
    switch (e.keyword) {
        case "additionalProperties": {
            const field = String(p.additionalProperty);
            const allowed = Object.keys((e.parentSchema as Schema | undefined)?.properties ?? {}).join(", ");
            return { field, rule: "unknown field", message: `unknown field ${JSON.stringify(field)} (allowed: ${allowed})` };
        }
        case "required": {
            const field = String(p.missingProperty);
            return { field, rule: "required", message: `required field ${JSON.stringify(field)} is missing` };
        }
        case "enum": {
            const allowed = (p.allowedValues as unknown[]).map((v) => showValue(v)).join(", ");
            return { rule: "enum", message: `unsupported value ${value} (allowed: ${allowed})` };
        }
        case "type":
            return { rule: "type", message: `must be ${([] as unknown[]).concat(p.type).join(" or ")}, ${got}` };
        case "pattern":
            return { rule: "pattern", message: `${value} does not match the pattern ${p.pattern}` };
        case "format":
            return { rule: "format", message: `${value} is not a valid ${p.format}` };
        case "oneOf":
            return { rule: "oneOf", message: oneOfMessage(e.schema, e.data) };
        case "anyOf": {
            const types = typeAlternatives(e.schema);
            if (types) return { rule: "type", message: `must be ${types.join(" or ")}, ${got}` };
            break;
        }
    }
    return { rule: e.keyword, message: `${e.message ?? "is invalid"}, got ${value}` };
}

/** `anyOf: [{type: integer}, {type: string}]` (x-kubernetes-int-or-string) is a type choice. */
function typeAlternatives(branches: unknown): string[] | undefined {
    if (!Array.isArray(branches)) return undefined;
    const types = branches.map((b: Schema) => (Object.keys(b).length === 1 && typeof b.type === "string" ? b.type : undefined));
    return types.every((t): t is string => t !== undefined) ? types : undefined;
}

/**
 * Istio's CRDs encode protobuf `oneof`s as `oneOf: [not(anyOf(required a, required b)),
 * required a, required b]`: at most one of the fields may be set. Name them and the ones found.
 */
function oneOfMessage(branches: unknown, value: unknown): string {
    const fields = Array.isArray(branches)
        ? branches.flatMap((b: Schema) => (Object.keys(b).length === 1 && b.required?.length === 1 ? b.required : []))
        : [];
    if (fields.length === 0) return `must match exactly one alternative of oneOf, got ${showValue(value)}`;
    const present = typeof value === "object" && value !== null ? fields.filter((f) => f in value) : [];
    return `at most one of ${fields.join(", ")} may be set, found ${present.join(" and ")}`;
}
