import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { requireDnsLabel } from "../core/checks";
import { serviceFqdn } from "../core/kube-names";
import { buildAccessLogTelemetry } from "./access-logging";
import { installGatewayChart } from "./gateway-release";
import { ResolvedDeployment } from "./gateway-specs";
import { GATEWAY_IDENTITY, GatewayRole } from "./gateway-values";

/** What every private gateway is installed with. */
export interface PrivateGatewayBaseArgs {
    /** The explicit provider of the gateway's cluster. */
    provider: k8s.Provider;
    /** The private gateways' namespace; it must exist (list the Namespace in `dependsOn` if this stack makes it). */
    namespace: string;
    /**
     * Resources the gateway pods need before they start, typically the credential Secrets their
     * Gateways name: installed after them, and on `pulumi destroy` removed before them.
     */
    dependsOn?: pulumi.Input<pulumi.Resource>[];
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

    protected constructor(
        type: string,
        name: string,
        role: GatewayRole,
        args: PrivateGatewayBaseArgs,
        spec: ResolvedDeployment,
        values: Record<string, unknown>,
        opts?: pulumi.ComponentResourceOptions,
    ) {
        super(type, name, {}, opts);
        const identity = GATEWAY_IDENTITY[role];
        this.releaseName = identity.releaseName;
        this.selector = { istio: identity.labels.istio };
        this.namespace = requireDnsLabel("PrivateGatewayArgs.namespace", args.namespace);
        this.serviceHost = serviceFqdn(this.releaseName, this.namespace);
        this.release = installGatewayChart(
            name,
            { provider: args.provider, namespace: args.namespace, releaseName: this.releaseName, chart: spec.chart, values, dependsOn: args.dependsOn },
            this,
        );
        if (spec.accessLogging) {
            new k8s.apiextensions.CustomResource(
                `${name}-access-log`,
                buildAccessLogTelemetry(this.releaseName, this.namespace, this.selector),
                { parent: this, provider: args.provider, dependsOn: [this.release] },
            );
        }
    }
}
