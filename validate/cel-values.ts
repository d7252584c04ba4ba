import { isRecord } from "./field-path";
import { Schema } from "./schema";

/**
 * Converts JSON data into the values CEL rules see, following the schema as the API server does:
 * `integer` fields (and the integer side of int-or-string) become CEL `int` (a BigInt in cel-js),
 * `number` fields stay `double`; in schemaless regions (`x-kubernetes-preserve-unknown-fields`)
 * whole numbers are ints, as JSON decoding gives them. Without this, `self.number == 80` would
 * compare a double with an int.
 *
 * Null fields are left out of objects, so that `has(self.field)` is false for them, as for an
 * unset field.
 */
export function toCelValue(value: unknown, schema: Schema | undefined): unknown {
    if (typeof value === "number") return isIntegerField(value, schema) ? BigInt(value) : value;
    if (Array.isArray(value)) return value.map((item) => toCelValue(item, schema?.items));
    if (!isRecord(value)) return value;
    const properties = schema?.properties ?? {};
    const mapValues = typeof schema?.additionalProperties === "object" ? schema.additionalProperties : undefined;
    const result: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
        if (child === null || child === undefined) continue;
        const childSchema = Object.prototype.hasOwnProperty.call(properties, key) ? properties[key] : mapValues;
        result[key] = toCelValue(child, childSchema);
    }
    return result;
}

function isIntegerField(value: number, schema: Schema | undefined): boolean {
    if (!Number.isInteger(value)) return false;
    if (schema === undefined || schema.type === undefined) return true;
    return schema.type === "integer" || (Array.isArray(schema.type) && schema.type.includes("integer"));
}
