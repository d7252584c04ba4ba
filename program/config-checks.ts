/**
 * Checks on the stack config as a whole, before any value is read: every `meshfed:` key is one the program
 * knows and belongs to this kind of stack, and the kubeconfig is a non-empty secret. A typo in a key name
 * would otherwise plan a stack with nothing in it, and an empty kubeconfig would let the Kubernetes
 * provider fall back to the ambient one, deploying to whatever cluster kubectl points at.
 */
import * as pulumi from "@pulumi/pulumi";
import { InputError } from "../components/core/input-error";
import { CONFIG_KEYS, key, PROJECT, StackKind } from "./config-key";

export function checkConfigKeys(config: Record<string, string> = pulumi.runtime.allConfig()): void {
    const present = Object.keys(config)
        .filter((k) => k.startsWith(`${PROJECT}:`))
        .map((k) => k.slice(PROJECT.length + 1));
    for (const k of present.sort()) {
        if (!(k in CONFIG_KEYS)) {
            const near = Object.keys(CONFIG_KEYS).find((known) => editDistance(known, k) <= 2);
            throw new InputError(
                key(k),
                "(set)",
                `unknown setting${near ? `; did you mean ${key(near)}?` : ""} meshfed reads: ${Object.keys(CONFIG_KEYS).map(key).join(", ")}`,
            );
        }
    }
    const kind: StackKind | undefined = present.includes("federation") ? "federation" : present.includes("trust") ? "identity" : undefined;
    for (const k of present) {
        const belongs = CONFIG_KEYS[k];
        if (kind && belongs !== "any" && belongs !== kind) {
            const where = belongs === "identity" ? `the cluster's identity stack (the one with ${key("trust")})` : `the cluster's federation stack (the one with ${key("federation")})`;
            throw new InputError(key(k), "(set)", `this is a ${kind} stack; ${key(k)} belongs in ${where}`);
        }
    }
}

export function checkKubeconfig(config: pulumi.Config): void {
    const raw = config.get("kubeconfig");
    const how = `set it with: pulumi config set --secret ${key("kubeconfig")} "$(cat kubeconfig)"`;
    if (raw === undefined) throw new InputError(key("kubeconfig"), undefined, `meshfed never uses the ambient kubeconfig; ${how}`);
    if (raw.trim() === "") {
        throw new InputError(key("kubeconfig"), raw, `an empty kubeconfig would make the provider fall back to the ambient one (whatever kubectl points at); ${how}`);
    }
    if (!isConfigSecret(key("kubeconfig"))) {
        throw new InputError(key("kubeconfig"), "(plain text)", `a kubeconfig holds credentials and must not sit in plain text in the stack file; ${how}`);
    }
}

/**
 * The SDK's own test for "set with --secret" (the CLI hands the program the secret keys with the config).
 * Marked internal, so absent from the type declarations, but stable since Pulumi 3.x.
 */
function isConfigSecret(fullKey: string): boolean {
    const runtimeConfig = require("@pulumi/pulumi/runtime/config") as { isConfigSecret(k: string): boolean };
    return runtimeConfig.isConfigSecret(fullKey);
}

function editDistance(a: string, b: string): number {
    const row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        let diagonal = row[0];
        row[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const above = row[j];
            row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
            diagonal = above;
        }
    }
    return row[b.length];
}
