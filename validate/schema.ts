/**
 * The slice of a Kubernetes structural schema (OpenAPI v3 plus `x-kubernetes-*` extensions) that
 * the validators read. Istio's CRDs are structural: every field lives in `properties`, `items` or
 * `additionalProperties`; `oneOf`/`anyOf`/`not` only carry `required` and `type` constraints.
 */
export interface Schema {
    type?: string | string[];
    properties?: Record<string, Schema>;
    additionalProperties?: boolean | Schema;
    items?: Schema;
    required?: string[];
    enum?: unknown[];
    nullable?: boolean;
    oneOf?: Schema[];
    anyOf?: Schema[];
    allOf?: Schema[];
    not?: Schema;
    "x-kubernetes-validations"?: CelRule[];
    "x-kubernetes-preserve-unknown-fields"?: boolean;
    "x-kubernetes-int-or-string"?: boolean;
    "x-kubernetes-list-type"?: "atomic" | "set" | "map";
    "x-kubernetes-list-map-keys"?: string[];
    [keyword: string]: unknown;
}

/** One `x-kubernetes-validations` entry. */
export interface CelRule {
    rule: string;
    message?: string;
    messageExpression?: string;
    fieldPath?: string;
    reason?: string;
}

/**
 * Whether `value` has the structural type the schema declares. Validators that walk data and
 * schema together stop where this fails: ajv already reports the type error, and evaluating a CEL
 * rule on a value of the wrong type would only add a confusing second finding (the API server
 * likewise skips CEL rules when the object has type errors).
 */
export function hasSchemaType(value: unknown, schema: Schema): boolean {
    if (schema["x-kubernetes-int-or-string"]) {
        return typeof value === "string" || Number.isInteger(value);
    }
    const types = schema.type === undefined ? [] : ([] as string[]).concat(schema.type);
    if (types.length === 0) return true;
    return types.some((t) => {
        switch (t) {
            case "object":
                return typeof value === "object" && value !== null && !Array.isArray(value);
            case "array":
                return Array.isArray(value);
            case "integer":
                return Number.isInteger(value);
            case "number":
                return typeof value === "number" && Number.isFinite(value);
            case "string":
                return typeof value === "string";
            case "boolean":
                return typeof value === "boolean";
            case "null":
                return value === null;
            default:
                return false;
        }
    });
}
