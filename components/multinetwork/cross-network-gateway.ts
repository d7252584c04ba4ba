import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { applyObjects } from "../cluster/apply-objects";
import { requireDnsLabel, requireHostname } from "../core/checks";
import { clusterProvider, dependenciesOf } from "../core/cluster-provider";
import { NamedKubeObject } from "../core/kube-object";
import { ArgsPaths, Resolved } from "../core/resolved";
import { GatewayAddress } from "../gateway/gateway-address";
import { gatewayAddress, installGatewayChart } from "../gateway/gateway-release";
import { IngressSettings, ResolvedIngress, resolveIngress } from "../gateway/gateway-specs";
import { NetworkExportedService } from "./network-contract";
import { NetworkExportSpec, ResolvedNetworkExport, resolveNetworkExports } from "./network-exports";
import { buildNetworkGatewayValues, NETWORK_GATEWAY_IDENTITY } from "./network-gateway-values";
import { buildExportSubsetRules, buildPassthroughGateway, exportedHost } from "./specs/passthrough-gateway";
import { childUrns } from "../core/child-urns";

const TYPE = "CrossNetworkGateway";

export interface CrossNetworkGatewayArgs {
    /**
     * The exporting cluster's provider.
     * @deprecated pass it as a resource option: `{ provider }`; still read.
     * @default the Kubernetes provider of the resource options (or of the parent)
     */
    provider?: k8s.Provider;
    /** This cluster's name in the mesh: consumers are checked against it. */
    clusterName: string;
    /** The cluster's network (`topology.istio.io/network`), as its mesh stack publishes it. */
    network: string;
    /** The services passed through, and to whom. */
    exports: NetworkExportSpec[];
    /** The gateway's namespace, created by this component. @default "istio-network-gateway" */
    namespace?: string;
    /** The load balancer and deployment, with the private gateways' rules (internal by default: set `cloud`). @default internal LoadBalancer on port 15443 (`cloud` then required) */
    gateway?: IngressSettings;
    /** The cluster's DNS domain, the suffix of every exported host. @default "cluster.local" */
    clusterDomain?: string;
    /**
     * Where these args came from, for error messages.
     * @deprecated name it in the resolver: `resolveCrossNetworkGatewayArgs(args, { path })` (still read)
     * @default "CrossNetworkGatewayArgs"
     */
    source?: string;
}

/**
 * The args as a program holds them, read from stack config: the exports and gateway settings are the
 * resolver's to check whole, so they may be any value until then (no cast pretends they were checked).
 */
export type UncheckedCrossNetworkGatewayArgs = Omit<CrossNetworkGatewayArgs, "exports" | "gateway"> & { exports: unknown; gateway?: unknown };

/** What the resolver makes of the args: every value the constructor uses, checked. */
export interface CrossNetworkGatewayResolution {
    /** Where the args came from, the prefix of every error message. */
    path: string;
    namespace: string;
    clusterDomain: string;
    network: string;
    exported: ResolvedNetworkExport[];
    spec: ResolvedIngress;
}

export type ResolvedCrossNetworkGatewayArgs = Resolved<UncheckedCrossNetworkGatewayArgs, CrossNetworkGatewayResolution>;

/**
 * The args checked and resolved as the constructor uses them, registering nothing: a program calls it before
 * it creates the cluster's provider, so that a bad export or gateway setting stops the stack half-applied
 * never, and hands the result to the constructor, which then resolves nothing again.
 */
export function resolveCrossNetworkGatewayArgs(args: UncheckedCrossNetworkGatewayArgs | ResolvedCrossNetworkGatewayArgs, where: ArgsPaths = {}): ResolvedCrossNetworkGatewayArgs {
    return Resolved.once(TYPE, args, (a) => resolveValue(a, where.path ?? a.source ?? "CrossNetworkGatewayArgs"));
}

function resolveValue(args: UncheckedCrossNetworkGatewayArgs, path: string): CrossNetworkGatewayResolution {
    return {
        path,
        namespace: requireDnsLabel(`${path}.namespace`, args.namespace ?? "istio-network-gateway"),
        clusterDomain: requireHostname(`${path}.clusterDomain`, args.clusterDomain ?? "cluster.local"),
        network: requireDnsLabel(`${path}.network`, args.network),
        exported: resolveNetworkExports(`${path}.exports`, args.exports, args.clusterName),
        spec: resolveIngress(`${path}.gateway`, args.gateway ?? {}),
    };
}

/**
 * A cluster's cross-network gateway (replicated control planes): an istio/gateway release on the
 * cluster's network, whose Gateway passes mutual TLS through by SNI for the exported services only.
 */
export class CrossNetworkGateway extends pulumi.ComponentResource {
    readonly namespace: string;
    readonly releaseName: string;
    readonly address: pulumi.Output<GatewayAddress>;
    /** The load balancer's port peers dial. */
    readonly port: number;
    /** The exported services as the contract publishes them. */
    readonly services: NetworkExportedService[];
    /** The passthrough Gateway and the exported subsets' DestinationRules, as plain data. */
    readonly objects: NamedKubeObject[];
    /** The gateway's namespace, created here. */
    readonly namespaceResource: k8s.core.v1.Namespace;
    readonly release: k8s.helm.v3.Release;
    /** `objects` as applied. */
    readonly applied: pulumi.CustomResource[];

    constructor(name: string, args: CrossNetworkGatewayArgs | ResolvedCrossNetworkGatewayArgs, opts?: pulumi.ComponentResourceOptions) {
        const resolved = resolveCrossNetworkGatewayArgs(args);
        const provider = clusterProvider(TYPE, resolved.args.provider, opts);
        super("meshfed:multinetwork:CrossNetworkGateway", name, {}, opts);
        const { path, namespace, clusterDomain, network, exported, spec } = resolved.value;
        const identity = NETWORK_GATEWAY_IDENTITY.ingress;
        const selector = { istio: identity.labels.istio };
        this.namespace = namespace;
        this.releaseName = identity.releaseName;
        this.port = spec.port;
        this.services = exported.map((e) => ({
            name: e.name,
            namespace: e.namespace,
            host: exportedHost(e, clusterDomain),
            port: e.port,
            protocol: e.protocol,
            subsets: e.subsets.map((s) => s.name),
            consumers: e.consumers,
        }));
        // Everything here waits for the namespace, which waits for the component's dependsOn (Pulumi applies it to the component alone).
        const ns = new k8s.core.v1.Namespace(`${name}-namespace`, { metadata: { name: namespace } }, { parent: this, provider, dependsOn: dependenciesOf(opts) });
        this.namespaceResource = ns;
        this.release = installGatewayChart(
            name,
            { provider, namespace, releaseName: identity.releaseName, chart: spec.chart, values: buildNetworkGatewayValues(spec, network), dependsOn: [ns] },
            this,
        );
        this.objects = [buildPassthroughGateway(exported, namespace, selector, clusterDomain), ...buildExportSubsetRules(exported, namespace, clusterDomain)];
        this.applied = applyObjects(name, this.objects, { parent: this, provider, dependsOn: [ns] });
        this.address = gatewayAddress(name, this.release, { provider, pinned: spec.address, service: `${namespace}/${identity.releaseName}`, pinPath: `${path}.gateway.address` }, this);
        this.registerOutputs({ address: this.address, port: this.port, namespace, services: this.services, children: childUrns({ namespace: ns, release: this.release }) });
    }
}
