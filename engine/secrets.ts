/**
 * Secret-ness as the Pulumi wire format carries it. The mock monitor sees deserialized properties in
 * which a secret is `{ [specialSigKey]: specialSecretSig, value }`; the engine keeps that marker all the
 * way to the plan files so a secret can be redacted, or shown, but never silently lost.
 */
import { specialSigKey, specialSecretSig } from "@pulumi/pulumi/runtime/rpc";

export interface SecretValue {
    [specialSigKey]: typeof specialSecretSig;
    value: unknown;
}

export function isSecretValue(v: unknown): v is SecretValue {
    return typeof v === "object" && v !== null && (v as Record<string, unknown>)[specialSigKey] === specialSecretSig;
}

export function secretValue(value: unknown): SecretValue {
    return { [specialSigKey]: specialSecretSig, value } as SecretValue;
}

/** Removes every secret marker, keeping the values: what a provider would receive. */
export function reveal(v: unknown): unknown {
    if (isSecretValue(v)) return reveal(v.value);
    if (Array.isArray(v)) return v.map(reveal);
    if (v && typeof v === "object") {
        return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, reveal(x)]));
    }
    return v;
}

export function containsSecret(v: unknown): boolean {
    if (isSecretValue(v)) return true;
    if (Array.isArray(v)) return v.some(containsSecret);
    if (v && typeof v === "object") return Object.values(v).some(containsSecret);
    return false;
}

export const REDACTED = "[secret]";

/**
 * PEM text anyone may read: only certificates, certificate requests, CRLs and public keys. Providers mark
 * whole maps secret (every Kubernetes Secret's data, a CA bundle included), which would hide who trusts whom.
 */
const PUBLIC_PEM = /^(?:\s*-----BEGIN (CERTIFICATE|CERTIFICATE REQUEST|X509 CRL|PUBLIC KEY)-----\r?\n[A-Za-z0-9+/=\r\n]+-----END \1-----)+\s*$/;

export function isPublicPem(v: unknown): v is string {
    return typeof v === "string" && PUBLIC_PEM.test(v);
}

/**
 * A secret's content as a plan file shows it: `[secret]`, unless it holds public PEM text; then that text is
 * shown and every other value redacted (map keys stay: they name, not hold).
 */
function redactPrivate(v: unknown): unknown {
    const leaves = (x: unknown): unknown[] => (x && typeof x === "object" ? Object.values(isSecretValue(x) ? { v: x.value } : x).flatMap(leaves) : [x]);
    if (!leaves(v).some(isPublicPem)) return REDACTED;
    const redact = (x: unknown): unknown => {
        if (isSecretValue(x)) return redact(x.value);
        if (Array.isArray(x)) return x.map(redact);
        if (x && typeof x === "object") return Object.fromEntries(Object.entries(x).map(([k, y]) => [k, redact(y)]));
        return isPublicPem(x) ? x : REDACTED;
    };
    return redact(v);
}

/**
 * Renders a value for a plan file: secrets become `[secret]` unless `showSecrets`, except public
 * certificates (and CSRs and public keys) inside them, which are shown; the path of every secret is
 * collected so a reader (or a test) can tell which values were secret even when shown.
 */
export function render(v: unknown, showSecrets: boolean, path = "", secretPaths: string[] = []): unknown {
    if (isSecretValue(v)) {
        secretPaths.push(path);
        return showSecrets ? reveal(v.value) : redactPrivate(v.value);
    }
    if (Array.isArray(v)) return v.map((x, i) => render(x, showSecrets, `${path}[${i}]`, secretPaths));
    if (v && typeof v === "object") {
        return Object.fromEntries(
            Object.entries(v).map(([k, x]) => [k, render(x, showSecrets, path ? `${path}.${k}` : k, secretPaths)]),
        );
    }
    return v;
}
