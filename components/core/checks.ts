/** Small predicates every resolver shares, each throwing an InputError that names the path. */
import { InputError } from "./input-error";
import { DNS1123_LABEL, DNS1123_SUBDOMAIN, QUALIFIED_NAME } from "./kube-names";


export function requireObject(path: string, value: unknown): Record<string, unknown> {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
        throw new InputError(path, value, "expected an object (a YAML map)");
    }
    return value as Record<string, unknown>;
}

export function requireString(path: string, value: unknown): string {
    if (typeof value !== "string" || value === "") throw new InputError(path, value, "expected a non-empty string");
    return value;
}

/** Kubernetes namespace and Service names: DNS-1123 labels. */
export function requireDnsLabel(path: string, value: unknown): string {
    const s = requireString(path, value);
    if (s.length > 63 || !DNS1123_LABEL.test(s)) {
        throw new InputError(path, value, "expected a DNS-1123 label: lowercase letters, digits and '-', at most 63 characters, starting and ending alphanumeric");
    }
    return s;
}

/** A fully qualified host name such as `c2.example.com`. */
export function requireHostname(path: string, value: unknown): string {
    const s = requireString(path, value);
    if (s.length > 253 || !DNS1123_SUBDOMAIN.test(s) || !s.includes(".")) {
        throw new InputError(path, value, "expected a lowercase DNS name with at least two labels, e.g. c2.example.com");
    }
    return s;
}

export function requireInteger(path: string, value: unknown, min: number, max: number): number {
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
        throw new InputError(path, value, `expected a whole number from ${min} to ${max}`);
    }
    return value;
}

export function requireOneOf<T extends string>(path: string, value: unknown, allowed: readonly T[]): T {
    if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
        throw new InputError(path, value, `allowed: ${allowed.join(", ")}`);
    }
    return value as T;
}

export function requireBoolean(path: string, value: unknown): boolean {
    if (typeof value !== "boolean") throw new InputError(path, value, "expected true or false");
    return value;
}

/** Rejects keys a resolver does not know, so a typo in a stack config is not silently ignored. */
export function rejectUnknownKeys(path: string, value: Record<string, unknown>, known: readonly string[]): void {
    for (const key of Object.keys(value)) {
        if (!known.includes(key)) {
            throw new InputError(`${path}.${key}`, value[key], `unknown setting; known settings at ${path}: ${known.join(", ")}`);
        }
    }
}

/**
 * Annotation (and label) keys: an optional DNS-subdomain prefix and `/`, then a name of at most 63
 * alphanumerics, '-', '_' or '.'. The API server refuses anything else, after Helm has half-installed.
 */
export function requireAnnotations(path: string, value: unknown): Record<string, string> {
    const map = requireObject(path, value);
    for (const [key, v] of Object.entries(map)) {
        const slash = key.lastIndexOf("/");
        const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
        const name = key.slice(slash + 1);
        const prefixOk = prefix === undefined || (prefix.length <= 253 && DNS1123_SUBDOMAIN.test(prefix));
        if (!prefixOk || name.length > 63 || !QUALIFIED_NAME.test(name)) {
            throw new InputError(
                `${path}["${key}"]`,
                key,
                "an annotation key is an optional DNS-subdomain prefix and '/', then at most 63 alphanumerics, '-', '_' or '.', starting and ending alphanumeric",
            );
        }
        if (typeof v !== "string") throw new InputError(`${path}["${key}"]`, v, "annotation values are strings (quote numbers and booleans)");
    }
    return map as Record<string, string>;
}
