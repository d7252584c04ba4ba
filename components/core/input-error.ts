/**
 * Bad input fails before anything is registered, with the config key or argument path, the value and
 * what is allowed: the three things a platform engineer needs to fix a stack config without reading code.
 */
export class InputError extends Error {
    constructor(
        /** Where the value came from: `meshfed:trust.ca.algorithm`, or an Args path such as `MeshCaArgs.algorithm`. */
        readonly path: string,
        readonly value: unknown,
        /** What would have been accepted, in words. */
        readonly allowed: string,
    ) {
        super(`${path}: ${describe(value)} is not valid; ${allowed}`);
        this.name = "InputError";
    }
}

function describe(value: unknown): string {
    if (value === undefined) return "a missing value";
    const text = JSON.stringify(value);
    return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** Joins an argument path and a field: `at("meshfed:trust", "ca")` → `meshfed:trust.ca`. */
export function at(path: string, field: string | number): string {
    return typeof field === "number" ? `${path}[${field}]` : `${path}.${field}`;
}
