import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { applyObjects } from "../cluster/apply-objects";
import { requireDnsLabel, requireHostname } from "../core/checks";
import { NamedKubeObject } from "../core/kube-object";
import { GatewayAddress } from "../gateway/gateway-address";
import { gatewayAddress, installGatewayChart } from "../gateway/gateway-release";
import { IngressSettings, resolveIngress } from "../gateway/gateway-specs";
import { NetworkExportedService } from "./network-contract";
import { NetworkExportSpec, resolveNetworkExports } from "./network-exports";
import { buildNetworkGatewayValues, NETWORK_GATEWAY_IDENTITY } from "./network-gateway-values";
import { buildExportSubsetRules, buildPassthroughGateway, exportedHost } from "./specs/passthrough-gateway";

export interface CrossNetworkGatewayArgs {
    /** The explicit provider of the exporting cluster. */
    provider: k8s.Provider;
    /** This cluster's name in the mesh: consumers are checked against it. */
    clusterName: string;
    /** The cluster's network (`topology.istio.io/network`), as its mesh stack publishes it. */
    network: string;
    /** The services passed through, and to whom. */
    exports: NetworkExportSpec[];
    /** The gateway's namespace, created by this component. @default "istio-network-gateway" */
    namespace?: string;
    /** The load balancer and deployment, with the private gateways' rules (internal by default: set `cloud`). */
    gateway?: IngressSettings;
    /** The cluster's DNS domain, the suffix of every exported host. @default "cluster.local" */
    clusterDomain?: string;
    /** Where these args came from, for error messages (a stack's config key). @default "CrossNetworkGatewayArgs" */
    source?: string;
}

/**
 * The args checked and resolved as the constructor uses them, registering nothing: a program calls it before
 * it creates the cluster's provider, so that a bad export or gateway setting stops the stack half-applied never.
 */
export function resolveCrossNetworkGatewayArgs(args: Omit<CrossNetworkGatewayArgs, "provider">) {
    const path = args.source ?? "CrossNetworkGatewayArgs";
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
    readonly objects: NamedKubeObject[];
    readonly release: k8s.helm.v3.Release;

    constructor(name: string, args: CrossNetworkGatewayArgs, opts?: pulumi.ComponentResourceOptions) {
        const { path, namespace, clusterDomain, network, exported, spec } = resolveCrossNetworkGatewayArgs(args);
        const identity = NETWORK_GATEWAY_IDENTITY.ingress;
        const selector = { istio: identity.labels.istio };
        super("meshfed:multinetwork:CrossNetworkGateway", name, {}, opts);
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
        const ns = new k8s.core.v1.Namespace(`${name}-namespace`, { metadata: { name: namespace } }, { parent: this, provider: args.provider });
        this.release = installGatewayChart(
            name,
            { provider: args.provider, namespace, releaseName: identity.releaseName, chart: spec.chart, values: buildNetworkGatewayValues(spec, network), dependsOn: [ns] },
            this,
        );
        this.objects = [buildPassthroughGateway(exported, namespace, selector, clusterDomain), ...buildExportSubsetRules(exported, namespace, clusterDomain)];
        applyObjects(name, this.objects, { parent: this, provider: args.provider, dependsOn: [ns] });
        this.address = gatewayAddress(name, this.release, { provider: args.provider, pinned: spec.address, service: `${namespace}/${identity.releaseName}`, pinPath: `${path}.gateway.address` }, this);
        this.registerOutputs({ address: this.address, port: this.port, namespace, services: this.services });
    }
}
