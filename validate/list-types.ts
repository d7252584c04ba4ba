import { childPath, isRecord } from "./field-path";
import { Finding, showValue } from "./finding";
import { Schema } from "./schema";
import { walkSchema } from "./schema-walk";

/**
 * `x-kubernetes-list-type: map` lists (ServiceEntry `spec.ports` keyed by `name`, WasmPlugin
 * `vmConfig.env` keyed by `name`, ...) and `set` lists may not hold two entries with the same
 * key; the API server rejects them as `Duplicate value`, and server-side apply could not merge
 * them. JSON Schema has no way to say this, so ajv does not check it.
 */
export function validateListTypes(obj: unknown, schema: Schema, object: string): Finding[] {
    const findings: Finding[] = [];
    walkSchema(obj, schema, "", ({ value, schema: node, path }) => {
        const listType = node["x-kubernetes-list-type"];
        if (!Array.isArray(value) || (listType !== "map" && listType !== "set")) return;
        const keys = listType === "map" ? node["x-kubernetes-list-map-keys"] ?? [] : [];
        const firstSeen = new Map<string, number>();
        value.forEach((item, i) => {
            // An entry missing a key field is reported by ajv as `required`; it has no identity to clash.
            if (listType === "map" && keys.some((k) => !isRecord(item) || item[k] === undefined)) return;
            const identity = listType === "map" ? JSON.stringify(keys.map((k) => (isRecord(item) ? item[k] : undefined))) : JSON.stringify(item);
            const first = firstSeen.get(identity);
            if (first === undefined) {
                firstSeen.set(identity, i);
                return;
            }
            const identityText = listType === "map"
                ? keys.map((k) => `${k} ${showValue(isRecord(item) ? item[k] : undefined)}`).join(", ")
                : showValue(item);
            const listKind = listType === "map" ? `x-kubernetes-list-type map keyed by ${keys.join(", ")}` : "x-kubernetes-list-type set";
            const message = `duplicate entry: ${identityText} is already used by ${childPath(path, first)} (${listKind})`;
            findings.push({ object, path: childPath(path, i), rule: "duplicate key", message });
        });
    });
    return findings;
}
