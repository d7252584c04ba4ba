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
 * Renders a value for a plan file: secrets become `[secret]` unless `showSecrets`, and the path of every
 * secret is collected so a reader (or a test) can tell which values were secret even when shown.
 */
export function render(v: unknown, showSecrets: boolean, path = "", secretPaths: string[] = []): unknown {
    if (isSecretValue(v)) {
        secretPaths.push(path);
        return showSecrets ? reveal(v.value) : REDACTED;
    }
    if (Array.isArray(v)) return v.map((x, i) => render(x, showSecrets, `${path}[${i}]`, secretPaths));
    if (v && typeof v === "object") {
        return Object.fromEntries(
            Object.entries(v).map(([k, x]) => [k, render(x, showSecrets, path ? `${path}.${k}` : k, secretPaths)]),
        );
    }
    return v;
}
