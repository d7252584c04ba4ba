/**
 * Field paths in findings read like Kubernetes field paths: `spec.http[0].route` for fields and
 * list items. Map keys that are not plain identifiers (label keys, port numbers) are quoted,
 * `metadata.labels["app.kubernetes.io/name"]`, so that a path can always be read back unambiguously.
 */

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Path of a field, map entry (string key) or list item (number key) below `parent`. */
export function childPath(parent: string, key: string | number): string {
    if (typeof key === "number") return `${parent}[${key}]`;
    if (!IDENTIFIER.test(key)) return `${parent}[${JSON.stringify(key)}]`;
    return parent === "" ? key : `${parent}.${key}`;
}

/**
 * Turns a JSON pointer (`/spec/http/0`, as ajv reports `instancePath`) into a field path. The data
 * decides whether a segment is a list index or a map key named like a number (`portLevelMtls/8080`).
 * `base` names where `data` sits (`values` for Helm values).
 */
export function pointerToPath(pointer: string, data: unknown, base = ""): string {
    if (pointer === "") return base;
    let path = base;
    let node: unknown = data;
    for (const raw of pointer.slice(1).split("/")) {
        const segment = raw.replace(/~1/g, "/").replace(/~0/g, "~");
        if (Array.isArray(node) && /^\d+$/.test(segment)) {
            const index = Number(segment);
            path = childPath(path, index);
            node = node[index];
        } else {
            path = childPath(path, segment);
            node = isRecord(node) ? node[segment] : undefined;
        }
    }
    return path;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}
