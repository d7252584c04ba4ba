/**
 * Renames that keep state: Pulumi moves a resource's state to its new name when `aliases` names the old
 * one. A child's URN carries only its parent's type chain, not the parent's name, so a child renamed with
 * its parent needs its own alias: its old name, under the same parent type.
 */
import * as pulumi from "@pulumi/pulumi";

/** meshfed 0.1 ran both private gateways in this one namespace; objects there carry aliases from it. */
export const LEGACY_GATEWAY_NAMESPACE = "istio-private-gateways";

/**
 * The aliases of a child named `${parentName}${suffix}`, derived from the parent's own aliases by name:
 * the child was `${oldParentName}${suffix}`.
 */
export function childAliases(opts: pulumi.ComponentResourceOptions | undefined, parentName: string, childName: string): pulumi.Input<pulumi.Alias>[] {
    const suffix = childName.slice(parentName.length);
    // Only an alias that names the parent plainly says what the child was called (a URN string has no name).
    return (opts?.aliases ?? [])
        .map((a) => (a as pulumi.Alias | null)?.name)
        .filter((n): n is string => typeof n === "string")
        .map((old) => ({ name: `${old}${suffix}` }));
}

/**
 * The alias of a component the program used to create at the top level and `IdentityStack` or
 * `FederationStack` now owns: its own children inherit it, so the whole subtree keeps its state. A function:
 * the root stack resource exists only once the program runs.
 */
export const formerlyTopLevel = (): pulumi.Alias => ({ parent: pulumi.rootStackResource });
