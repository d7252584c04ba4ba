import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { applyObjects } from "../cluster/apply-objects";
import { requireDnsLabel, requireHostname, requireObject } from "../core/checks";
import { clusterProvider, dependenciesOf } from "../core/cluster-provider";
import { NamedKubeObject } from "../core/kube-object";
import { ArgsPaths, Resolved } from "../core/resolved";
import { GatewayAddress } from "../gateway/gateway-address";
import { IngressSettings, resolveIngress } from "../gateway/gateway-specs";
import { deepMerge } from "../gateway/gateway-values";
import { CrossNetworkGateway, resolveCrossNetworkGatewayArgs, ResolvedCrossNetworkGatewayArgs } from "../multinetwork/cross-network-gateway";
import { NetworkExportedService } from "../multinetwork/network-contract";
import { NetworkExportSpec } from "../multinetwork/network-exports";
import { buildNetworkGatewayValues, NETWORK_GATEWAY_IDENTITY, NETWORK_LABEL } from "../multinetwork/network-gateway-values";
import { buildIstiodExposure, ISTIOD_SERVICE_PORTS } from "./specs/istiod-exposure";
import { childUrns } from "../core/child-urns";

const TYPE = "PrimaryEastWestGateway";

export interface PrimaryEastWestGatewayArgs {
    /**
     * The primary cluster's provider.
     * @deprecated pass it as a resource option: `{ provider }`; still read.
     * @default the Kubernetes provider of the resource options (or of the parent)
     */
    provider?: k8s.Provider;
    /** The primary's name in the mesh. */
    clusterName: string;
    /** The primary's network, as its mesh stack publishes it. */
    network: string;
    /**
     * The services whose endpoints other networks reach through the east-west gateways, by SNI (never
     * `*.local`). With one control plane this Gateway programs every cluster's east-west gateway, the
     * remotes' included: list a service once, wherever its pods run.
     */
    exports: NetworkExportSpec[];
    /** istiod's namespace. @default "istio-system" */
    istioNamespace?: string;
    /** The gateways' namespace; the remotes' gateways run in one of the same name. @default "istio-network-gateway" */
    namespace?: string;
    /** The load balancer and deployment (internal by default: set `cloud`). @default internal LoadBalancer on port 15443 (`cloud` then required) */
    gateway?: IngressSettings;
    /** The cluster's DNS domain. @default "cluster.local" */
    clusterDomain?: string;
    /**
     * Where these args came from, for error messages.
     * @deprecated name it in the resolver: `resolvePrimaryEastWestGatewayArgs(args, { path })` (still read)
     * @default "PrimaryEastWestGatewayArgs"
     */
    source?: string;
}

/**
 * The args as a program holds them, read from stack config: the exports and gateway settings are the
 * resolver's to check whole, so they may be any value until then.
 */
export type UncheckedPrimaryEastWestGatewayArgs = Omit<PrimaryEastWestGatewayArgs, "exports" | "gateway"> & { exports: unknown; gateway?: unknown };

/** What the resolver makes of the args, the cross-network gateway's own resolution included. */
export interface PrimaryEastWestGatewayResolution {
    network: string;
    istioNamespace: string;
    namespace: string;
    clusterDomain: string;
    /** The cross-network gateway's args, resolved once: handed to it as they are. */
    crossNetwork: ResolvedCrossNetworkGatewayArgs;
}

export type ResolvedPrimaryEastWestGatewayArgs = Resolved<UncheckedPrimaryEastWestGatewayArgs, PrimaryEastWestGatewayResolution>;

/**
 * The args checked and resolved as the constructor uses them, the cross-network gateway's included,
 * registering nothing: a program calls it before it creates the cluster's provider, and hands the result to
 * the constructor, which then resolves nothing again.
 */
export function resolvePrimaryEastWestGatewayArgs(args: UncheckedPrimaryEastWestGatewayArgs | ResolvedPrimaryEastWestGatewayArgs, where: ArgsPaths = {}): ResolvedPrimaryEastWestGatewayArgs {
    return Resolved.once(TYPE, args, (a) => resolveValue(a, where.path ?? a.source ?? "PrimaryEastWestGatewayArgs"));
}

function resolveValue(args: UncheckedPrimaryEastWestGatewayArgs, path: string): PrimaryEastWestGatewayResolution {
    const network = requireDnsLabel(`${path}.network`, args.network);
    const istioNamespace = requireDnsLabel(`${path}.istioNamespace`, args.istioNamespace ?? "istio-system");
    const namespace = requireDnsLabel(`${path}.namespace`, args.namespace ?? "istio-network-gateway");
    const clusterDomain = requireHostname(`${path}.clusterDomain`, args.clusterDomain ?? "cluster.local");
    const gateway = withIstiodPorts(`${path}.gateway`, args.gateway, network);
    const crossNetwork = resolveCrossNetworkGatewayArgs({ clusterName: args.clusterName, network, exports: args.exports, namespace, gateway, clusterDomain }, { path });
    return { network, istioNamespace, namespace, clusterDomain, crossNetwork };
}

/**
 * A primary's east-west gateway: the replicated-control-planes cross-network gateway (15443,
 * AUTO_PASSTHROUGH for the exported services only), whose load balancer also carries istiod's ports, and
 * the Gateway and VirtualService that pass them through to istiod, so remotes' proxies and API servers
 * reach the one control plane over the same private address.
 */
export class PrimaryEastWestGateway extends pulumi.ComponentResource {
    readonly crossNetwork: CrossNetworkGateway;
    readonly address: pulumi.Output<GatewayAddress>;
    readonly namespace: string;
    readonly port: number;
    readonly services: NetworkExportedService[];
    /** The istiod Gateway and VirtualService, as plain data. */
    readonly objects: NamedKubeObject[];
    /** `objects` as applied. */
    readonly applied: pulumi.CustomResource[];

    constructor(name: string, args: PrimaryEastWestGatewayArgs | ResolvedPrimaryEastWestGatewayArgs, opts?: pulumi.ComponentResourceOptions) {
        const resolved = resolvePrimaryEastWestGatewayArgs(args);
        const provider = clusterProvider(TYPE, resolved.args.provider, opts);
        super("meshfed:primary-remote:PrimaryEastWestGateway", name, {}, opts);
        const { network, istioNamespace, namespace, clusterDomain, crossNetwork } = resolved.value;
        this.crossNetwork = new CrossNetworkGateway(`${name}-cross-network`, crossNetwork, { parent: this, provider, dependsOn: dependenciesOf(opts) });
        this.address = this.crossNetwork.address;
        this.namespace = this.crossNetwork.namespace;
        this.port = this.crossNetwork.port;
        this.services = this.crossNetwork.services;
        const selector = { istio: NETWORK_GATEWAY_IDENTITY.ingress.labels.istio, [NETWORK_LABEL]: network };
        this.objects = buildIstiodExposure(namespace, selector, istioNamespace, clusterDomain);
        this.applied = applyObjects(name, this.objects, { parent: this, provider, dependsOn: [this.crossNetwork] });
        this.registerOutputs({ address: this.address, port: this.port, namespace, children: childUrns({ crossNetwork: this.crossNetwork }) });
    }
}

/**
 * The gateway settings with istiod's ports added to its Service, after the cross-network gateway's own:
 * the chart replaces a list of values whole, so the list is the cross-network gateway's, extended, and a
 * user's own `values.service.ports` still wins. The settings are checked first, as the gateway's.
 */
export function withIstiodPorts(path: string, gateway: unknown, network: string): Record<string, unknown> {
    const spec = resolveIngress(path, gateway);
    const own = buildNetworkGatewayValues(spec, network) as { service: { ports: unknown[] } };
    const ports = { service: { ports: [...own.service.ports, ...ISTIOD_SERVICE_PORTS] } };
    return { ...requireObject(path, gateway ?? {}), values: deepMerge(ports, spec.values ?? {}) };
}
