/** Small predicates every resolver shares, each throwing an InputError that names the path. */
import { isIP } from "node:net";
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
    if (isIP(s) !== 0) {
        throw new InputError(path, value, "expected a DNS name, not an IP address: it is sent as TLS SNI and written as a DNS SAN, and SNI cannot carry an IP");
    }
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

/**
 * Pod labels as a selector: keys are an optional DNS-subdomain prefix and '/', then a qualified name;
 * values at most 63 alphanumerics, '-', '_' or '.', starting and ending alphanumeric (or empty).
 */
export function requireLabels(path: string, value: unknown, what = "select pods by at least one label"): Record<string, string> {
    const labels = requireObject(path, value);
    if (Object.keys(labels).length === 0) throw new InputError(path, labels, what);
    requireAnnotations(path, Object.fromEntries(Object.keys(labels).map((k) => [k, ""])));
    for (const [k, v] of Object.entries(labels)) {
        if (typeof v !== "string" || v.length > 63 || !(v === "" || QUALIFIED_NAME.test(v))) {
            throw new InputError(`${path}.${k}`, v, "a label value is at most 63 alphanumerics, '-', '_' or '.', starting and ending alphanumeric (quote numbers and booleans)");
        }
    }
    return labels as Record<string, string>;
}

/** An IPv4 or IPv6 CIDR block, as a load balancer's source ranges take it. */
export function requireCidr(path: string, value: unknown): string {
    const s = typeof value === "string" ? value : "";
    const [address, prefix, extra] = s.split("/");
    const family = isIP(address ?? "");
    const bits = family === 4 ? 32 : 128;
    if (family === 0 || extra !== undefined || !/^\d{1,3}$/.test(prefix ?? "") || Number(prefix) > bits) {
        throw new InputError(path, value, "expected a CIDR block such as 203.0.113.0/24 or 2001:db8::/32");
    }
    return s;
}

/** A Kubernetes resource quantity: `250m`, `0.5`, `128Mi`, `1G`, `1e3`. */
const QUANTITY = /^[+]?(\d+(\.\d*)?|\.\d+)([KMGTPE]i|[numkMGTPE]|[eE][+-]?\d+)?$/;

export function requireQuantity(path: string, value: unknown): string {
    const s = typeof value === "number" ? String(value) : value;
    if (typeof s !== "string" || !QUANTITY.test(s)) {
        throw new InputError(path, value, "expected a Kubernetes quantity such as 250m, 0.5, 128Mi or 1Gi");
    }
    return s;
}

/** An HTTP header name as Istio's route validation takes it: RFC 9110 token characters only. */
export function requireHeaderName(path: string, value: string): string {
    if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(value)) {
        throw new InputError(path, value, "a header name is made of letters, digits and !#$%&'*+-.^_`|~ only (no spaces or colons)");
    }
    return value;
}

/**
 * Ports Istio's proxies listen on themselves (admin, outbound/inbound capture, HBONE, health, metrics, DNS):
 * a gateway port among them would collide with the proxy in its own pod.
 */
export const ISTIO_RESERVED_PORTS = [15000, 15001, 15004, 15006, 15008, 15009, 15020, 15021, 15053, 15090];

export function requireServicePort(path: string, value: unknown): number {
    const port = requireInteger(path, value, 1, 65535);
    if (ISTIO_RESERVED_PORTS.includes(port)) {
        throw new InputError(path, value, `Istio's proxy uses that port itself (reserved: ${ISTIO_RESERVED_PORTS.join(", ")}); 15443 is the federation convention`);
    }
    return port;
}

/** Two label sets select the same pods: the same keys and values, in any order. */
export function sameLabels(a: Record<string, string>, b: Record<string, string>): boolean {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}
