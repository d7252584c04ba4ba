import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { rejectUnknownKeys, requireDnsLabel, requireObject } from "../core/checks";
import { clusterProvider, dependenciesOf } from "../core/cluster-provider";
import { at } from "../core/input-error";
import { ArgsPaths, Resolved } from "../core/resolved";
import { GatewayAddress, resolveAddress } from "../gateway/gateway-address";
import { deepMerge } from "../gateway/gateway-values";
import { ChartSource, resolveChartSource } from "../gateway/gateway-specs";
import { MeshPlacement } from "../mesh/istio-values";
import { NETWORK_LABEL } from "../multinetwork/network-gateway-values";
import { buildRemoteBaseValues, buildRemoteIstiodValues } from "./remote-istio-values";
import { childUrns } from "../core/child-urns";

/** Which clusters' istiods manage this one's webhooks (Istio reads it from the system namespace). */
export const CONTROL_PLANE_CLUSTERS_ANNOTATION = "topology.istio.io/controlPlaneClusters";

const TYPE = "RemoteControlPlane";
const CHARTS = ["base", "istiod"] as const;

export interface RemoteControlPlaneArgs extends MeshPlacement {
    /**
     * The remote cluster's provider.
     * @deprecated pass it as a resource option: `{ provider }`; still read.
     * @default the Kubernetes provider of the resource options (or of the parent)
     */
    provider?: k8s.Provider;
    /** The primary whose istiod serves this cluster: its name and its east-west gateway's address. */
    primary: { cluster: string; address: GatewayAddress };
    /** Istio's namespace, created here with the network label. @default "istio-system" */
    namespace?: string;
    /** Where the charts come from. @default version "1.30.3" (the vendored charts' line) from istio-release */
    chart?: ChartSource;
    /** Extra values per chart, merged last; still checked against the chart's keys by `npm run plan`. @default none */
    values?: { base?: Record<string, unknown>; istiod?: Record<string, unknown> };
    /**
     * Where these args came from, for error messages.
     * @deprecated name it in the resolver: `resolveRemoteControlPlaneArgs(args, { path })` (still read)
     * @default "RemoteControlPlaneArgs"
     */
    source?: string;
}

/** The args as a program holds them, read from stack config: the chart and values are the resolver's to check. */
export type UncheckedRemoteControlPlaneArgs = Omit<RemoteControlPlaneArgs, "chart" | "values"> & { chart?: unknown; values?: unknown };

/** What the resolver makes of the args: the namespace, its labels' values, and both charts as installed. */
export interface RemoteControlPlaneResolution {
    namespace: string;
    network: string;
    /** The primary's cluster name, the namespace's control-plane annotation. */
    primary: string;
    chart: Required<ChartSource>;
    baseValues: Record<string, unknown>;
    istiodValues: Record<string, unknown>;
}

export type ResolvedRemoteControlPlaneArgs = Resolved<UncheckedRemoteControlPlaneArgs, RemoteControlPlaneResolution>;

/**
 * The args checked and resolved as the constructor uses them, registering nothing: a program calls it before
 * the cluster's provider, and hands the result to the constructor, which then resolves nothing again.
 */
export function resolveRemoteControlPlaneArgs(args: UncheckedRemoteControlPlaneArgs | ResolvedRemoteControlPlaneArgs, where: ArgsPaths = {}): ResolvedRemoteControlPlaneArgs {
    return Resolved.once(TYPE, args, (a) => resolveValue(a, where.path ?? a.source ?? "RemoteControlPlaneArgs"));
}

function resolveValue(args: UncheckedRemoteControlPlaneArgs, path: string): RemoteControlPlaneResolution {
    const namespace = requireDnsLabel(at(path, "namespace"), args.namespace ?? "istio-system");
    const placement = {
        meshId: requireDnsLabel(at(path, "meshId"), args.meshId),
        clusterName: requireDnsLabel(at(path, "clusterName"), args.clusterName),
        network: requireDnsLabel(at(path, "network"), args.network),
    };
    const primary = requireDnsLabel(at(at(path, "primary"), "cluster"), args.primary.cluster);
    const address = resolveAddress(at(at(path, "primary"), "address"), args.primary.address);
    const chart = resolveChartSource(at(path, "chart"), args.chart);
    const values = resolveChartValues(at(path, "values"), args.values);
    // Both charts put the reader ServiceAccount, its bindings and what the webhooks point at into
    // global.istioNamespace, not the release's namespace: without it a namespace other than istio-system
    // would leave the reader account (and so the token Secret) in the wrong one.
    const inNamespace = { global: { istioNamespace: namespace } };
    return {
        namespace,
        network: placement.network,
        primary,
        chart,
        baseValues: buildRemoteBaseValues(deepMerge(inNamespace, values.base)),
        istiodValues: buildRemoteIstiodValues(placement, address, deepMerge(inNamespace, values.istiod)),
    };
}

/** Extra values per chart: a map of `base` and `istiod`, each a map. */
function resolveChartValues(path: string, raw: unknown): Record<(typeof CHARTS)[number], Record<string, unknown>> {
    const values = requireObject(path, raw ?? {});
    rejectUnknownKeys(path, values, CHARTS);
    const [base, istiod] = CHARTS.map((c) => requireObject(at(path, c), values[c] ?? {}));
    return { base, istiod };
}

/**
 * Istio on a remote cluster: no istiod, only what lets the primary's istiod serve it — CRDs and the reader
 * ServiceAccount (`istio/base`), the `istiod` Service pointing at the primary's east-west gateway and the
 * injection webhook (`istio/istiod`, remote profile) — and the system namespace carrying the cluster's
 * network (istiod reads a remote's network from it) and its control plane's cluster.
 */
export class RemoteControlPlane extends pulumi.ComponentResource {
    readonly namespace: k8s.core.v1.Namespace;
    readonly base: k8s.helm.v3.Release;
    readonly istiod: k8s.helm.v3.Release;
    /** The istiod values as installed. */
    readonly istiodValues: Record<string, unknown>;

    constructor(name: string, args: RemoteControlPlaneArgs | ResolvedRemoteControlPlaneArgs, opts?: pulumi.ComponentResourceOptions) {
        const resolved = resolveRemoteControlPlaneArgs(args);
        const provider = clusterProvider(TYPE, resolved.args.provider, opts);
        super("meshfed:primary-remote:RemoteControlPlane", name, {}, opts);
        const { namespace, network, primary, chart, baseValues, istiodValues } = resolved.value;
        this.istiodValues = istiodValues;
        this.namespace = new k8s.core.v1.Namespace(
            `${name}-namespace`,
            {
                metadata: {
                    name: namespace,
                    labels: { "app.kubernetes.io/managed-by": "meshfed", [NETWORK_LABEL]: network },
                    annotations: { [CONTROL_PLANE_CLUSTERS_ANNOTATION]: primary },
                },
            },
            // Both releases wait for the namespace, which waits for the component's dependsOn.
            { parent: this, provider, dependsOn: dependenciesOf(opts) },
        );
        const source = { version: chart.version, repositoryOpts: { repo: chart.repository } };
        const release = (chartName: (typeof CHARTS)[number], releaseName: string, values: Record<string, unknown>, dependsOn: pulumi.Resource[]) =>
            new k8s.helm.v3.Release(
                `${name}-${chartName}`,
                { name: releaseName, namespace, chart: chartName, ...source, values, createNamespace: false },
                { parent: this, provider, dependsOn },
            );
        this.base = release("base", "istio-base", baseValues, [this.namespace]);
        this.istiod = release("istiod", "istiod", istiodValues, [this.namespace, this.base]);
        this.registerOutputs({ namespace, children: childUrns({ namespace: this.namespace, base: this.base, istiod: this.istiod }) });
    }
}
