import { childPath, isRecord } from "./field-path";
import { hasSchemaType, Schema } from "./schema";

/** A value in the object together with the schema node that describes it. */
export interface SchemaNode {
    value: unknown;
    schema: Schema;
    path: string;
}

/**
 * Visits every present value with its schema node, parents before children: object fields
 * through `properties`, map values through `additionalProperties`, list items through `items`.
 *
 * Absent and null fields are not visited (the API server does not run rules on unset optional
 * fields), and neither is anything below a value of the wrong type (ajv reports that). Unknown
 * fields are not visited either: they have no schema, and ajv reports them.
 */
export function walkSchema(value: unknown, schema: Schema, path: string, visit: (node: SchemaNode) => void): void {
    if (value === undefined || value === null || !hasSchemaType(value, schema)) return;
    visit({ value, schema, path });
    if (Array.isArray(value)) {
        const items = schema.items;
        if (items) value.forEach((item, i) => walkSchema(item, items, childPath(path, i), visit));
        return;
    }
    if (!isRecord(value)) return;
    const properties = schema.properties ?? {};
    const mapValues = typeof schema.additionalProperties === "object" ? schema.additionalProperties : undefined;
    for (const [key, child] of Object.entries(value)) {
        const childSchema = Object.prototype.hasOwnProperty.call(properties, key) ? properties[key] : mapValues;
        if (childSchema) walkSchema(child, childSchema, childPath(path, key), visit);
    }
}
