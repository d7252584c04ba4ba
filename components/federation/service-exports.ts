import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { applyObjects } from "../cluster/apply-objects";
import { requireDnsLabel } from "../core/checks";
import { NamedKubeObject } from "../core/kube-object";
import { InputError } from "../core/input-error";
import { GATEWAY_IDENTITY } from "../gateway/gateway-values";
import { TrustBundle } from "../trust/trust-bundle";
import { FederationContract, ReachableContract } from "./contract";
import { ResolvedExport } from "./export-specs";
import { buildExportAuthorizationPolicy } from "./specs/export-authorization";
import { buildExportDestinationRules, buildExportVirtualService } from "./specs/export-routing";
import { buildIngressGateway } from "./specs/ingress-gateway-server";

export interface ServiceExportsArgs {
    /** The explicit provider of the exporting cluster. */
    provider: k8s.Provider;
    /** The private gateways' namespace. */
    namespace: string;
    /** This cluster's own contract (its host and port), as its identity stack publishes it. */
    self: ReachableContract;
    /** The exported services, as the identity stack resolved them. */
    exports: ResolvedExport[];
    /** The contracts of the clusters the services are exported to: their CAs and principals are admitted. */
    consumers: Record<string, FederationContract>;
    /** CA certificates (PEM) of peers outside meshfed, accepted in addition to the peers' own. @default none */
    extraCaCertificates?: string[];
    /** The ingress gateway's credential Secret. @default "federation-ingress" */
    credentialName?: string;
}

/**
 * The exposing side of federation: the ingress gateway's mutual-TLS server for the cluster's host, the
 * trust bundle of the consumers' CAs, a route per exported service and a policy that lets each consumer
 * reach only the services exported to it.
 */
export class ServiceExports extends pulumi.ComponentResource {
    /** The objects applied, as plain data: the escape hatch for inspection and tests. */
    readonly objects: NamedKubeObject[];

    constructor(name: string, args: ServiceExportsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("meshfed:federation:ServiceExports", name, {}, opts);
        const namespace = requireDnsLabel("ServiceExportsArgs.namespace", args.namespace);
        const credentialName = args.credentialName ?? "federation-ingress";
        const consumerNames = [...new Set(args.exports.flatMap((e) => e.consumers))].sort();
        for (const c of consumerNames) {
            if (!args.consumers[c]) {
                throw new InputError("ServiceExportsArgs.consumers", Object.keys(args.consumers), `a service is exported to ${c}: its contract is needed to admit it`);
            }
        }
        const consumers = consumerNames.map((c) => args.consumers[c]);
        const selector = { istio: GATEWAY_IDENTITY.ingress.labels.istio };

        const bundle = new TrustBundle(
            `${name}-bundle`,
            { provider: args.provider, namespace, credentialName, caCertificates: [...consumers.map((c) => c.caCertPem), ...(args.extraCaCertificates ?? [])] },
            { parent: this },
        );
        const principals = Object.fromEntries(consumers.map((c) => [c.cluster, c.host]));
        this.objects = [
            buildIngressGateway({ namespace, selector, hosts: [args.self.host], port: args.self.port, credentialName, peerHosts: consumers.map((c) => c.host) }),
            ...args.exports.map((e) => buildExportVirtualService(e, namespace, [args.self.host])),
            ...buildExportDestinationRules(args.exports, namespace),
            buildExportAuthorizationPolicy(args.exports, namespace, selector, principals),
        ];
        applyObjects(name, this.objects, { parent: this, provider: args.provider, dependsOn: [bundle] });
        this.registerOutputs({});
    }
}
