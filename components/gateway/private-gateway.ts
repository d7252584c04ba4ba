import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { clusterProvider, dependenciesOf } from "../core/cluster-provider";
import { serviceFqdn } from "../core/kube-names";
import { buildAccessLogTelemetry } from "./access-logging";
import { installGatewayChart } from "./gateway-release";
import { ResolvedDeployment } from "./gateway-specs";
import { GATEWAY_IDENTITY, GatewayRole } from "./gateway-values";

/** What every private gateway is installed with. */
export interface PrivateGatewayBaseArgs {
    /**
     * The explicit provider of the gateway's cluster.
     * @deprecated pass it as a resource option, `{ provider }` (still read; the two must agree)
     * @default the Kubernetes provider of the resource options, or of the parent
     */
    provider?: k8s.Provider;
    /**
     * The gateway's namespace; it must exist (list the Namespace in `dependsOn` if this stack makes it).
     * Plain, not an Input: the gateway's Service host, which the federation stack reads, is derived from it.
     */
    namespace: string;
    /**
     * Resources the gateway pods need before they start, typically the credential Secrets their
     * Gateways name: installed after them, and on `pulumi destroy` removed before them.
     * @deprecated use the `dependsOn` resource option, which the release waits for too
     * @default none
     */
    dependsOn?: pulumi.Input<pulumi.Resource>[];
}

/** A private gateway's args as its resolver checked them: its namespace and deployment settings. */
export interface PrivateGatewayResolution<Spec extends ResolvedDeployment> {
    namespace: string;
    spec: Spec;
}

/**
 * The shared part of the ingress and egress gateways: the istio/gateway Helm release, fixed in name and
 * selector, and optional access logging.
 */
export abstract class PrivateGateway extends pulumi.ComponentResource {
    /** The Helm release name, also the name of the gateway's Deployment and Service. */
    readonly releaseName: string;
    /** The labels Gateways select this gateway's pods with. */
    readonly selector: Record<string, string>;
    /** The gateway's Service as meshes address it, e.g. `istio-private-egressgateway.istio-private-gateways.svc.cluster.local`. */
    readonly serviceHost: string;
    readonly namespace: string;
    readonly release: k8s.helm.v3.Release;
    /** The access-log Telemetry, with `accessLogging`. */
    readonly accessLog?: k8s.apiextensions.CustomResource;
    protected readonly provider: k8s.Provider;

    /** `resolved` is checked already, and `provider` found: nothing here can refuse after `super()`. */
    protected constructor(
        type: string,
        name: string,
        role: GatewayRole,
        resolved: PrivateGatewayResolution<ResolvedDeployment> & { provider: k8s.Provider; dependsOn?: pulumi.Input<pulumi.Resource>[] },
        values: Record<string, unknown>,
        opts?: pulumi.ComponentResourceOptions,
    ) {
        super(type, name, {}, opts);
        const { namespace, spec, provider } = resolved;
        const identity = GATEWAY_IDENTITY[role];
        this.provider = provider;
        this.releaseName = identity.releaseName;
        this.selector = { istio: identity.labels.istio };
        this.namespace = namespace;
        this.serviceHost = serviceFqdn(this.releaseName, this.namespace);
        this.release = installGatewayChart(
            name,
            { provider, namespace, releaseName: this.releaseName, chart: spec.chart, values, dependsOn: dependenciesOf(opts, resolved.dependsOn) },
            this,
        );
        if (spec.accessLogging) {
            this.accessLog = new k8s.apiextensions.CustomResource(
                `${name}-access-log`,
                buildAccessLogTelemetry(this.releaseName, this.namespace, this.selector),
                { parent: this, provider, dependsOn: [this.release] },
            );
        }
    }
}

/** The provider and dependencies of a gateway given plain args (deprecated fields) or resolved ones (resource options only). */
export function gatewayPlacement(type: string, args: { provider?: unknown; dependsOn?: pulumi.Input<pulumi.Resource>[] }, opts: pulumi.ComponentResourceOptions | undefined) {
    return { provider: clusterProvider(type, args.provider, opts), dependsOn: args.dependsOn };
}
