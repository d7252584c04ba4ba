/**
 * The Kubernetes provider a component creates its objects with, taken the Pulumi way: `{ provider }` or
 * `{ providers }` in its resource options, or inherited from its parent, as Pulumi gives a provider to any
 * child. The `provider` arg of meshfed 0.2 is still read. A component that finds none is refused: Pulumi's
 * default provider would apply its objects to whatever cluster the ambient kubeconfig points at.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { InputError } from "./input-error";

const KUBERNETES = "kubernetes";

/**
 * The provider of a component of type `type` (e.g. `ServiceExports`), checked before the component
 * registers. `explicit` is its deprecated `provider` arg; when both are given they must be the same.
 */
export function clusterProvider(type: string, explicit: unknown, opts: pulumi.ComponentResourceOptions | undefined): k8s.Provider {
    if (explicit !== undefined && !k8s.Provider.isInstance(explicit)) {
        throw new InputError(`${type}Args.provider`, "(not a provider)", "expected a Kubernetes provider (new k8s.Provider or Cluster.provider), better given as { provider } in the resource options");
    }
    const given = providerInOptions(opts);
    if (explicit && given && explicit !== given) {
        throw new InputError(
            `${type}Args.provider`,
            "(a provider)",
            "the resource options name another Kubernetes provider: a component's objects go to one cluster; pass the provider once, as { provider } in the resource options",
        );
    }
    // As in Pulumi, a provider given to the component itself wins over its parent's.
    const provider = explicit ?? given ?? inheritedProvider(opts);
    if (!provider) {
        throw new InputError(
            `${type} resource options`,
            undefined,
            `pass the cluster's Kubernetes provider: new ${type}(name, args, { provider: cluster.provider }) (or a parent that has it); meshfed never falls back to the ambient kubeconfig`,
        );
    }
    return provider;
}

/** The provider the resource options give the component itself. */
function providerInOptions(opts: pulumi.ComponentResourceOptions | undefined): k8s.Provider | undefined {
    if (!opts) return undefined;
    // For a component, `provider` is shorthand for `providers: [provider]`: any package's provider may come this way.
    if (k8s.Provider.isInstance(opts.provider)) return opts.provider;
    const providers = opts.providers;
    const listed = Array.isArray(providers) ? providers.find((p) => k8s.Provider.isInstance(p)) : providers?.[KUBERNETES];
    return k8s.Provider.isInstance(listed) ? listed : undefined;
}

/** The provider the component's parent has, as Pulumi hands it down to children. */
function inheritedProvider(opts: pulumi.ComponentResourceOptions | undefined): k8s.Provider | undefined {
    const inherited = opts?.parent?.getProvider(`${KUBERNETES}::`);
    return k8s.Provider.isInstance(inherited) ? inherited : undefined;
}

/**
 * What a component's children wait for: its `dependsOn` resource option, which Pulumi applies to the
 * component alone, joined to the dependencies the component adds itself.
 */
export function dependenciesOf(opts: pulumi.ComponentResourceOptions | undefined, ...own: (pulumi.Input<pulumi.Resource>[] | undefined)[]): pulumi.ResourceOptions["dependsOn"] {
    const fromOptions = opts?.dependsOn;
    const extra = own.flatMap((d) => d ?? []);
    if (fromOptions === undefined) return extra;
    if (Array.isArray(fromOptions)) return [...fromOptions, ...extra];
    if (pulumi.Resource.isInstance(fromOptions)) return [fromOptions, ...extra];
    // An Output (or Promise) of a resource or a list of them: waited for once known.
    return pulumi.output(fromOptions as pulumi.Input<pulumi.Resource | pulumi.Input<pulumi.Resource>[]>).apply((d) => [...(Array.isArray(d) ? d : [d]), ...extra] as pulumi.Resource[]);
}
