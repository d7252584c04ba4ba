import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { requireDnsLabel } from "../core/checks";
import { at } from "../core/input-error";
import { GatewayAddress, resolveAddress } from "../gateway/gateway-address";
import { deepMerge } from "../gateway/gateway-values";
import { ChartSource, DEFAULT_CHART_REPOSITORY, DEFAULT_CHART_VERSION } from "../gateway/gateway-specs";
import { MeshPlacement } from "../mesh/istio-values";
import { NETWORK_LABEL } from "../multinetwork/network-gateway-values";
import { buildRemoteBaseValues, buildRemoteIstiodValues } from "./remote-istio-values";

/** Which clusters' istiods manage this one's webhooks (Istio reads it from the system namespace). */
export const CONTROL_PLANE_CLUSTERS_ANNOTATION = "topology.istio.io/controlPlaneClusters";

export interface RemoteControlPlaneArgs extends MeshPlacement {
    /** The explicit provider of the remote cluster. */
    provider: k8s.Provider;
    /** The primary whose istiod serves this cluster: its name and its east-west gateway's address. */
    primary: { cluster: string; address: GatewayAddress };
    /** Istio's namespace, created here with the network label. @default "istio-system" */
    namespace?: string;
    /** Where the charts come from. @default version "1.30.3" (the vendored charts' line) from istio-release */
    chart?: ChartSource;
    /** Extra values per chart, merged last; still checked against the chart's keys by `npm run plan`. */
    values?: { base?: Record<string, unknown>; istiod?: Record<string, unknown> };
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

    constructor(name: string, args: RemoteControlPlaneArgs, opts?: pulumi.ComponentResourceOptions) {
        const path = "RemoteControlPlaneArgs";
        const namespace = requireDnsLabel(at(path, "namespace"), args.namespace ?? "istio-system");
        const placement = {
            meshId: requireDnsLabel(at(path, "meshId"), args.meshId),
            clusterName: requireDnsLabel(at(path, "clusterName"), args.clusterName),
            network: requireDnsLabel(at(path, "network"), args.network),
        };
        const primary = requireDnsLabel(at(at(path, "primary"), "cluster"), args.primary.cluster);
        const address = resolveAddress(at(at(path, "primary"), "address"), args.primary.address);
        super("meshfed:primary-remote:RemoteControlPlane", name, {}, opts);
        // Both charts put the reader ServiceAccount, its bindings and what the webhooks point at into
        // global.istioNamespace, not the release's namespace: without it a namespace other than istio-system
        // would leave the reader account (and so the token Secret) in the wrong one.
        const inNamespace = { global: { istioNamespace: namespace } };
        this.istiodValues = buildRemoteIstiodValues(placement, address, deepMerge(inNamespace, args.values?.istiod ?? {}));
        this.namespace = new k8s.core.v1.Namespace(
            `${name}-namespace`,
            {
                metadata: {
                    name: namespace,
                    labels: { "app.kubernetes.io/managed-by": "meshfed", [NETWORK_LABEL]: placement.network },
                    annotations: { [CONTROL_PLANE_CLUSTERS_ANNOTATION]: primary },
                },
            },
            { parent: this, provider: args.provider },
        );
        const chart = { version: args.chart?.version ?? DEFAULT_CHART_VERSION, repositoryOpts: { repo: args.chart?.repository ?? DEFAULT_CHART_REPOSITORY } };
        const release = (chartName: "base" | "istiod", releaseName: string, values: Record<string, unknown>, dependsOn: pulumi.Resource[]) =>
            new k8s.helm.v3.Release(
                `${name}-${chartName}`,
                { name: releaseName, namespace, chart: chartName, ...chart, values, createNamespace: false },
                { parent: this, provider: args.provider, dependsOn },
            );
        this.base = release("base", "istio-base", buildRemoteBaseValues(deepMerge(inNamespace, args.values?.base ?? {})), [this.namespace]);
        this.istiod = release("istiod", "istiod", this.istiodValues, [this.namespace, this.base]);
        this.registerOutputs({});
    }
}
