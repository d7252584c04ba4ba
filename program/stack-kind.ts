/**
 * Which kind of stack a config is, for the stack families whose kinds must never share a stack (a stack
 * holding two kinds would reference stacks both ways): the shared-root, multinetwork and primary-remote
 * families.
 */
import * as pulumi from "@pulumi/pulumi";
import { InputError } from "../components/core/input-error";
import { key, PROJECT } from "./config-key";

/** What a stack of any of these kinds may hold besides its own key. */
export const CLUSTER_STACK_KEYS = ["cluster", "kubeconfig", "objects", "offline"];

/**
 * The one kind of `kinds` the config sets, or undefined if none. Two kinds, or a key of another family,
 * are refused naming the second key, what the stack may hold and `why` (the one-way order of the family).
 */
export function exclusiveStackKind<K extends string>(
    kinds: readonly K[],
    why: string,
    config: Record<string, string> = pulumi.runtime.allConfig(),
    /** The keys a stack of `kind` may hold. @default the kind's own key and the cluster keys */
    keysOf: (kind: K) => string[] = (kind) => [kind, ...CLUSTER_STACK_KEYS],
): K | undefined {
    const present = Object.keys(config).filter((k) => k.startsWith(`${PROJECT}:`)).map((k) => k.slice(PROJECT.length + 1));
    const found = kinds.filter((k) => present.includes(k));
    if (found.length === 0) return undefined;
    const allowed = keysOf(found[0]);
    const extra = present.find((k) => !allowed.includes(k));
    if (found.length > 1 || extra) {
        throw new InputError(key(found[1] ?? extra!), "(set)", `a ${key(found[0])} stack holds only ${allowed.map(key).join(", ")}: ${why}`);
    }
    return found[0];
}
