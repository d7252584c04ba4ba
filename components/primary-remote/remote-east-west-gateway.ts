import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { requireDnsLabel } from "../core/checks";
import { GatewayAddress } from "../gateway/gateway-address";
import { gatewayAddress, installGatewayChart } from "../gateway/gateway-release";
import { IngressSettings, resolveIngress } from "../gateway/gateway-specs";
import { buildNetworkGatewayValues, NETWORK_GATEWAY_IDENTITY } from "../multinetwork/network-gateway-values";

export interface RemoteEastWestGatewayArgs {
    /** The explicit provider of the remote cluster. */
    provider: k8s.Provider;
    /** The remote's network. */
    network: string;
    /** The namespace of the primary's east-west gateway: the subsets it passes through are visible there only. */
    namespace: string;
    /** The load balancer and deployment (internal by default: set `cloud`). */
    gateway?: IngressSettings;
    /** What injects the gateway's pods: the remote's webhook (the `istio/istiod` remote release). */
    dependsOn?: pulumi.Input<pulumi.Resource>[];
    /** Where these args came from, for error messages. @default "RemoteEastWestGatewayArgs" */
    source?: string;
}

/** The args checked and resolved as the constructor uses them, registering nothing (before the cluster's provider). */
export function resolveRemoteEastWestGatewayArgs(args: Omit<RemoteEastWestGatewayArgs, "provider" | "dependsOn">) {
    const path = args.source ?? "RemoteEastWestGatewayArgs";
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
    readonly release: k8s.helm.v3.Release;
    readonly address: pulumi.Output<GatewayAddress>;
    readonly namespace: string;

    constructor(name: string, args: RemoteEastWestGatewayArgs, opts?: pulumi.ComponentResourceOptions) {
        const { path, network, namespace, spec } = resolveRemoteEastWestGatewayArgs(args);
        super("meshfed:primary-remote:RemoteEastWestGateway", name, {}, opts);
        this.namespace = namespace;
        const identity = NETWORK_GATEWAY_IDENTITY.ingress;
        const ns = new k8s.core.v1.Namespace(`${name}-namespace`, { metadata: { name: namespace } }, { parent: this, provider: args.provider });
        this.release = installGatewayChart(
            name,
            {
                provider: args.provider,
                namespace,
                releaseName: identity.releaseName,
                chart: spec.chart,
                values: buildNetworkGatewayValues(spec, network),
                dependsOn: [ns, ...(args.dependsOn ?? [])],
            },
            this,
        );
        this.address = gatewayAddress(name, this.release, { provider: args.provider, pinned: spec.address, service: `${namespace}/${identity.releaseName}`, pinPath: `${path}.gateway.address` }, this);
        this.registerOutputs({ address: this.address, namespace });
    }
}
