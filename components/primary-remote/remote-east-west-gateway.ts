import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { requireDnsLabel } from "../core/checks";
import { clusterProvider, dependenciesOf } from "../core/cluster-provider";
import { ArgsPaths, Resolved } from "../core/resolved";
import { GatewayAddress } from "../gateway/gateway-address";
import { gatewayAddress, installGatewayChart } from "../gateway/gateway-release";
import { IngressSettings, ResolvedIngress, resolveIngress } from "../gateway/gateway-specs";
import { buildNetworkGatewayValues, NETWORK_GATEWAY_IDENTITY } from "../multinetwork/network-gateway-values";
import { childUrns } from "../core/child-urns";

const TYPE = "RemoteEastWestGateway";

export interface RemoteEastWestGatewayArgs {
    /**
     * The remote cluster's provider.
     * @deprecated pass it as a resource option: `{ provider }`; still read.
     * @default the Kubernetes provider of the resource options (or of the parent)
     */
    provider?: k8s.Provider;
    /** The remote's network. */
    network: string;
    /** The namespace of the primary's east-west gateway: the subsets it passes through are visible there only. */
    namespace: string;
    /** The load balancer and deployment (internal by default: set `cloud`). @default internal LoadBalancer on port 15443 (`cloud` then required) */
    gateway?: IngressSettings;
    /**
     * What injects the gateway's pods: the remote's webhook (the `istio/istiod` remote release).
     * @deprecated pass it as a resource option: `{ dependsOn }`; still read.
     * @default none
     */
    dependsOn?: pulumi.Input<pulumi.Resource>[];
    /**
     * Where these args came from, for error messages.
     * @deprecated name it in the resolver: `resolveRemoteEastWestGatewayArgs(args, { path })` (still read)
     * @default "RemoteEastWestGatewayArgs"
     */
    source?: string;
}

/** The args as a program holds them, read from stack config: the gateway settings are the resolver's to check. */
export type UncheckedRemoteEastWestGatewayArgs = Omit<RemoteEastWestGatewayArgs, "gateway"> & { gateway?: unknown };

/** What the resolver makes of the args. */
export interface RemoteEastWestGatewayResolution {
    /** Where the args came from, the prefix of every error message. */
    path: string;
    network: string;
    namespace: string;
    spec: ResolvedIngress;
}

export type ResolvedRemoteEastWestGatewayArgs = Resolved<UncheckedRemoteEastWestGatewayArgs, RemoteEastWestGatewayResolution>;

/**
 * The args checked and resolved as the constructor uses them, registering nothing: a program calls it before
 * the cluster's provider, and hands the result to the constructor, which then resolves nothing again.
 */
export function resolveRemoteEastWestGatewayArgs(args: UncheckedRemoteEastWestGatewayArgs | ResolvedRemoteEastWestGatewayArgs, where: ArgsPaths = {}): ResolvedRemoteEastWestGatewayArgs {
    return Resolved.once(TYPE, args, (a) => resolveValue(a, where.path ?? a.source ?? "RemoteEastWestGatewayArgs"));
}

function resolveValue(args: UncheckedRemoteEastWestGatewayArgs, path: string): RemoteEastWestGatewayResolution {
    return {
        path,
        network: requireDnsLabel(`${path}.network`, args.network),
        namespace: requireDnsLabel(`${path}.namespace`, args.namespace),
        spec: resolveIngress(`${path}.gateway`, args.gateway ?? {}),
    };
}

/**
 * A remote's east-west gateway: the same istio/gateway release as the primary's cross-network gateway (same
 * values, labels and namespace), on the remote's network. It holds no Istio config of its own: a remote's
 * Istio config lives on the primary, whose cross-network Gateway selects this one too. istiod finds it by
 * the network label on its Service and tells other networks' proxies to reach this network's pods through it.
 */
export class RemoteEastWestGateway extends pulumi.ComponentResource {
    /** The gateway's namespace, created here. */
    readonly namespaceResource: k8s.core.v1.Namespace;
    readonly release: k8s.helm.v3.Release;
    readonly address: pulumi.Output<GatewayAddress>;
    readonly namespace: string;

    constructor(name: string, args: RemoteEastWestGatewayArgs | ResolvedRemoteEastWestGatewayArgs, opts?: pulumi.ComponentResourceOptions) {
        const resolved = resolveRemoteEastWestGatewayArgs(args);
        const provider = clusterProvider(TYPE, resolved.args.provider, opts);
        super("meshfed:primary-remote:RemoteEastWestGateway", name, {}, opts);
        const { path, network, namespace, spec } = resolved.value;
        this.namespace = namespace;
        const identity = NETWORK_GATEWAY_IDENTITY.ingress;
        // Pulumi applies the `dependsOn` option to the component alone: its namespace and release wait for it.
        this.namespaceResource = new k8s.core.v1.Namespace(`${name}-namespace`, { metadata: { name: namespace } }, { parent: this, provider, dependsOn: dependenciesOf(opts) });
        this.release = installGatewayChart(
            name,
            {
                provider,
                namespace,
                releaseName: identity.releaseName,
                chart: spec.chart,
                values: buildNetworkGatewayValues(spec, network),
                dependsOn: dependenciesOf(opts, [this.namespaceResource], resolved.args.dependsOn),
            },
            this,
        );
        this.address = gatewayAddress(name, this.release, { provider, pinned: spec.address, service: `${namespace}/${identity.releaseName}`, pinPath: `${path}.gateway.address` }, this);
        this.registerOutputs({ address: this.address, namespace, children: childUrns({ namespace: this.namespaceResource, release: this.release }) });
    }
}
