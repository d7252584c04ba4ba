import { Schema } from "./schema";

/**
 * ObjectMeta as the API server accepts it in a create/apply request. CRD schemas leave
 * `metadata` implicit; spelling it out lets strict validation catch `metadata.lables`.
 * Name, namespace, labels and annotations are left open here: names.ts checks them for every
 * kind, and checking them twice would report each mistake twice.
 */
const OBJECT_META: Schema = {
    type: "object",
    additionalProperties: false,
    properties: {
        name: {},
        generateName: { type: "string" },
        namespace: {},
        labels: {},
        annotations: {},
        finalizers: { type: "array", items: { type: "string" } },
        ownerReferences: { type: "array", items: { type: "object" } },
        uid: { type: "string" },
        resourceVersion: { type: "string" },
        generation: { type: "integer" },
        creationTimestamp: { type: "string", nullable: true },
        deletionTimestamp: { type: "string", nullable: true },
        deletionGracePeriodSeconds: { type: "integer" },
        selfLink: { type: "string" },
        managedFields: { type: "array", items: { type: "object" } },
    },
};

/** Keywords whose value is one schema. */
const SCHEMA_KEYWORDS = ["items", "additionalProperties", "not"] as const;
/** Keywords whose value is a list of schemas. */
const SCHEMA_LIST_KEYWORDS = ["oneOf", "anyOf", "allOf"] as const;

/**
 * A copy of a CRD's `openAPIV3Schema` that rejects unknown fields, as the API server does under
 * strict field validation (`kubectl apply --validate=strict`; without it, it silently prunes
 * them, so a misspelt field would simply vanish). Every object schema with `properties` but
 * neither `additionalProperties` nor `x-kubernetes-preserve-unknown-fields` gets
 * `additionalProperties: false`. The root also accepts `apiVersion`, `kind` and `metadata`.
 */
export function toStrictRootSchema(schema: Schema): Schema {
    const strict = toStrictSchema(schema);
    strict.properties = {
        apiVersion: { type: "string" },
        kind: { type: "string" },
        metadata: OBJECT_META,
        ...strict.properties,
    };
    return strict;
}

function toStrictSchema(schema: Schema): Schema {
    const copy: Schema = { ...schema };
    if (schema.properties) {
        copy.properties = Object.fromEntries(
            Object.entries(schema.properties).map(([name, child]) => [name, toStrictSchema(child)]),
        );
    }
    for (const keyword of SCHEMA_KEYWORDS) {
        const child = schema[keyword];
        if (typeof child === "object" && child !== null) copy[keyword] = toStrictSchema(child as Schema);
    }
    for (const keyword of SCHEMA_LIST_KEYWORDS) {
        const list = schema[keyword];
        if (list) copy[keyword] = list.map(toStrictSchema);
    }
    if (copy.properties && copy.additionalProperties === undefined && !copy["x-kubernetes-preserve-unknown-fields"]) {
        copy.additionalProperties = false;
    }
    return copy;
}
