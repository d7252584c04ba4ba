import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { at } from "../core/input-error";
import { requireDnsLabel } from "../core/checks";
import { clusterProvider, dependenciesOf } from "../core/cluster-provider";
import { ArgsPaths, argsPaths, Resolved } from "../core/resolved";
import { ChartSource, resolveChartSource } from "../gateway/gateway-specs";
import { buildBaseValues, buildIstiodValues, MeshPlacement } from "./istio-values";

export interface IstioControlPlaneArgs extends MeshPlacement {
    /**
     * The cluster's provider.
     * @deprecated pass it as a resource option: `{ provider }`; still read.
     * @default the Kubernetes provider of the resource options (or of the parent)
     */
    provider?: k8s.Provider;
    /** Istio's namespace; it must exist (list it in the `dependsOn` resource option). @default "istio-system" */
    namespace?: string;
    /** Where the charts come from. @default version "1.30.3" (the vendored charts' line) from istio-release */
    chart?: ChartSource;
    /** Extra values per chart, merged last (objects key by key, lists replaced); still checked against the chart's keys by `npm run plan`. @default none */
    values?: { base?: Record<string, unknown>; istiod?: Record<string, unknown> };
    /**
     * What istiod needs before it starts: the namespace and both halves of the plugged CA. Without them it
     * would start with a self-signed root of its own, which no other cluster trusts.
     * @deprecated pass them as the `dependsOn` resource option, which both releases wait for; still read.
     * @default nothing
     */
    dependsOn?: pulumi.Input<pulumi.Resource>[];
}

/** IstioControlPlaneArgs as resolved: where Istio goes, from which charts, with which values. */
export interface IstioControlPlaneResolution {
    namespace: string;
    placement: MeshPlacement;
    chart: Required<ChartSource>;
    baseValues: Record<string, unknown>;
    istiodValues: Record<string, unknown>;
}

/** The args as a stack's config gives them: the chart source is the resolver's to check. */
export type UncheckedIstioControlPlaneArgs = Omit<IstioControlPlaneArgs, "chart"> & { chart?: unknown };

/** What `resolveIstioControlPlaneArgs` made of the args: the constructor takes it as it is. */
export type ResolvedIstioControlPlaneArgs = Resolved<UncheckedIstioControlPlaneArgs, IstioControlPlaneResolution>;

/**
 * Checks IstioControlPlaneArgs and builds both charts' values; a resolution given again passes through
 * unchanged. `where` names where the args came from (a stack's config keys; in meshfed's mesh stack the
 * placement comes from other stacks' contracts, checked when they were read, and the chart from its config).
 */
export function resolveIstioControlPlaneArgs(args: UncheckedIstioControlPlaneArgs | ResolvedIstioControlPlaneArgs, where: ArgsPaths<"chart"> = {}): ResolvedIstioControlPlaneArgs {
    return Resolved.once("IstioControlPlane", args, (a) => resolveIstioControlPlane(a, argsPaths("IstioControlPlane", where)));
}

function resolveIstioControlPlane(args: UncheckedIstioControlPlaneArgs, { root: path, of }: ReturnType<typeof argsPaths<"chart">>): IstioControlPlaneResolution {
    const namespace = requireDnsLabel(at(path, "namespace"), args.namespace ?? "istio-system");
    const placement = {
        meshId: requireDnsLabel(at(path, "meshId"), args.meshId),
        clusterName: requireDnsLabel(at(path, "clusterName"), args.clusterName),
        network: requireDnsLabel(at(path, "network"), args.network),
    };
    return {
        namespace,
        placement,
        chart: resolveChartSource(of("chart"), args.chart),
        baseValues: buildBaseValues(args.values?.base),
        istiodValues: buildIstiodValues(placement, args.values?.istiod),
    };
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

    constructor(name: string, args: IstioControlPlaneArgs | ResolvedIstioControlPlaneArgs, opts?: pulumi.ComponentResourceOptions) {
        const { args: given, value: resolution } = resolveIstioControlPlaneArgs(args);
        const provider = clusterProvider("IstioControlPlane", given.provider, opts);
        super("meshfed:mesh:IstioControlPlane", name, {}, opts);
        this.namespace = resolution.namespace;
        this.istiodValues = resolution.istiodValues;
        const chart = { version: resolution.chart.version, repositoryOpts: { repo: resolution.chart.repository } };
        const release = (chartName: "base" | "istiod", releaseName: string, values: Record<string, unknown>, dependsOn: pulumi.ResourceOptions["dependsOn"]) =>
            new k8s.helm.v3.Release(
                `${name}-${chartName}`,
                { name: releaseName, namespace: this.namespace, chart: chartName, ...chart, values, createNamespace: false },
                { parent: this, provider, dependsOn },
            );
        // Release names as Istio's install guide uses them: istiod's webhooks and tags name the release.
        // The component's dependsOn holds for the component alone: each release waits for it itself.
        this.base = release("base", "istio-base", resolution.baseValues, dependenciesOf(opts, given.dependsOn));
        this.istiod = release("istiod", "istiod", this.istiodValues, dependenciesOf(opts, [this.base], given.dependsOn));
        this.registerOutputs({ namespace: this.namespace, releases: { base: this.base.name, istiod: this.istiod.name } });
    }
}
