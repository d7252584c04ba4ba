import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { at } from "../core/input-error";
import { requireDnsLabel } from "../core/checks";
import { ChartSource, DEFAULT_CHART_REPOSITORY, DEFAULT_CHART_VERSION } from "../gateway/gateway-specs";
import { buildBaseValues, buildIstiodValues, MeshPlacement } from "./istio-values";

export interface IstioControlPlaneArgs extends MeshPlacement {
    /** The explicit provider of the cluster. */
    provider: k8s.Provider;
    /** Istio's namespace; it must exist (list it in `dependsOn`). @default "istio-system" */
    namespace?: string;
    /** Where the charts come from. @default version "1.30.3" (the vendored charts' line) from istio-release */
    chart?: ChartSource;
    /** Extra values per chart, merged last (objects key by key, lists replaced); still checked against the chart's keys by `npm run plan`. */
    values?: { base?: Record<string, unknown>; istiod?: Record<string, unknown> };
    /**
     * What istiod needs before it starts: the namespace and both halves of the plugged CA. Without them it
     * would start with a self-signed root of its own, which no other cluster trusts.
     */
    dependsOn?: pulumi.Input<pulumi.Resource>[];
}

/**
 * Istio itself, as two pinned Helm releases: `istio/base` (CRDs, cluster roles) and `istio/istiod` with the
 * cluster's mesh ID, cluster name and network, DNS proxying, and the plugged intermediate CA.
 */
export class IstioControlPlane extends pulumi.ComponentResource {
    readonly base: k8s.helm.v3.Release;
    readonly istiod: k8s.helm.v3.Release;
    readonly namespace: string;
    /** The istiod values as installed, meshfed's and the extra ones merged. */
    readonly istiodValues: Record<string, unknown>;

    constructor(name: string, args: IstioControlPlaneArgs, opts?: pulumi.ComponentResourceOptions) {
        super("meshfed:mesh:IstioControlPlane", name, {}, opts);
        const path = "IstioControlPlaneArgs";
        this.namespace = requireDnsLabel(at(path, "namespace"), args.namespace ?? "istio-system");
        const placement = {
            meshId: requireDnsLabel(at(path, "meshId"), args.meshId),
            clusterName: requireDnsLabel(at(path, "clusterName"), args.clusterName),
            network: requireDnsLabel(at(path, "network"), args.network),
        };
        this.istiodValues = buildIstiodValues(placement, args.values?.istiod);
        const chart = { version: args.chart?.version ?? DEFAULT_CHART_VERSION, repositoryOpts: { repo: args.chart?.repository ?? DEFAULT_CHART_REPOSITORY } };
        const release = (chartName: "base" | "istiod", releaseName: string, values: Record<string, unknown>, dependsOn: pulumi.Input<pulumi.Resource>[]) =>
            new k8s.helm.v3.Release(
                `${name}-${chartName}`,
                { name: releaseName, namespace: this.namespace, chart: chartName, ...chart, values, createNamespace: false },
                { parent: this, provider: args.provider, dependsOn },
            );
        // Release names as Istio's install guide uses them: istiod's webhooks and tags name the release.
        this.base = release("base", "istio-base", buildBaseValues(args.values?.base), args.dependsOn ?? []);
        this.istiod = release("istiod", "istiod", this.istiodValues, [this.base, ...(args.dependsOn ?? [])]);
        this.registerOutputs({});
    }
}
