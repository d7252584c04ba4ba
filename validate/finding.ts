/**
 * One problem found in a generated object, phrased so that a platform engineer can fix the
 * input without reading the schema: which object, which field, which rule, what was there and
 * what is allowed.
 */
export interface Finding {
    /** `Kind namespace/name`, or `Kind name` for an object without a namespace. */
    object: string;
    /** Field path such as `spec.http[0].route[0].destination.host`; empty string = the object root. */
    path: string;
    /** Short rule name: `unknown field`, `enum`, `type`, `CEL`, `DNS-1123 subdomain`, ... */
    rule: string;
    /** States the offending value and what is allowed. */
    message: string;
}

/** `VirtualService bookinfo/reviews: spec.http[0].foo: unknown field "foo" (allowed: ...)` */
export function formatFinding(f: Finding): string {
    const where = f.path === "" ? f.object : `${f.object}: ${f.path}`;
    return `${where}: ${f.message}`;
}

/** The `object` of a finding: `Kind namespace/name`, or `Kind name` when there is no namespace. */
export function objectRef(kind: string, name: string | undefined, namespace?: string): string {
    const shownName = name === undefined || name === "" ? "<unnamed>" : name;
    return namespace ? `${kind} ${namespace}/${shownName}` : `${kind} ${shownName}`;
}

const MAX_SHOWN = 80;

/**
 * A value as it appears in a message: JSON, cut short so that a whole `spec` never floods the
 * output. Strings keep their quotes so that `""` and `" "` are told apart.
 */
export function showValue(value: unknown): string {
    if (value === undefined) return "nothing";
    const json = typeof value === "bigint" ? value.toString() : JSON.stringify(value);
    if (json === undefined) return String(value);
    return json.length > MAX_SHOWN ? `${json.slice(0, MAX_SHOWN - 1)}…` : json;
}

/** JSON type name of a value, as JSON Schema names them (`integer` for whole numbers). */
export function jsonType(value: unknown): string {
    if (value === null) return "null";
    if (Array.isArray(value)) return "array";
    if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
    return typeof value;
}
