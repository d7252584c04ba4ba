import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { applyObjects } from "../cluster/apply-objects";
import { LEGACY_GATEWAY_NAMESPACE } from "../core/aliases";
import { requireDnsLabel } from "../core/checks";
import { NamedKubeObject } from "../core/kube-object";
import { InputError } from "../core/input-error";
import { GATEWAY_IDENTITY } from "../gateway/gateway-values";
import { consumerBundleName, INGRESS_CREDENTIAL } from "../trust/credential-names";
import { resolveHosts } from "../trust/gateway-cert";
import { TrustBundle } from "../trust/trust-bundle";
import { consumerSni, FederationContract, ReachableContract } from "./contract";
import { ResolvedExport } from "./export-specs";
import { buildExportAuthorizationPolicy } from "./specs/export-authorization";
import { buildExportDestinationRules, buildExportVirtualService } from "./specs/export-routing";
import { buildIngressGateway, ConsumerServer } from "./specs/ingress-gateway-server";

export interface ServiceExportsArgs {
    /** The explicit provider of the exporting cluster. */
    provider: k8s.Provider;
    /** The ingress gateway's namespace, where its credential lives. */
    namespace: string;
    /** This cluster's own contract (its host and port), as its identity stack publishes it. */
    self: ReachableContract;
    /** The exported services, as the identity stack resolved them. */
    exports: ResolvedExport[];
    /** The contracts of the clusters the services are exported to: each is admitted with its own CA only. */
    consumers: Record<string, FederationContract>;
    /** The ingress gateway's credential Secret. @default "federation-ingress" */
    credentialName?: string;
    /** The ingress gateway pods' labels. @default { istio: "private-ingressgateway" } */
    selector?: Record<string, string>;
    /**
     * Other names of this cluster's ingress gateway, which its server certificate carries too
     * (`meshfed:trust.additionalHosts`): each consumer is served on `<consumer>.<host>` for each of them as
     * well, with the same CA, SAN and routes as on its contract host. @default none
     */
    additionalHosts?: string[];
}

/** One consumer as the exporter admits it: its SNI host, its name, its CA bundle. */
export interface AdmittedConsumer extends ConsumerServer {
    /** The consumer's CA certificate, the only one its server accepts. */
    caCertPem: string;
}

/**
 * The exposing side of federation: per consumer, a mutual-TLS server on the ingress gateway that accepts
 * only that consumer's CA and name and routes only what was exported to it, and a policy tying each
 * consumer's principal to its own services.
 */
export class ServiceExports extends pulumi.ComponentResource {
    /** The objects applied, as plain data: the escape hatch for inspection and tests. */
    readonly objects: NamedKubeObject[];
    /** Each consumer as admitted, by cluster name. */
    readonly consumers: Record<string, AdmittedConsumer>;

    constructor(name: string, args: ServiceExportsArgs, opts?: pulumi.ComponentResourceOptions) {
        const namespace = requireDnsLabel("ServiceExportsArgs.namespace", args.namespace);
        const credentialName = args.credentialName ?? INGRESS_CREDENTIAL;
        const additionalHosts = args.additionalHosts?.length ? resolveHosts("ServiceExportsArgs.additionalHosts", args.additionalHosts) : [];
        const consumerNames = [...new Set(args.exports.flatMap((e) => e.consumers))].sort();
        for (const c of consumerNames) {
            if (!args.consumers[c]) {
                throw new InputError("ServiceExportsArgs.consumers", Object.keys(args.consumers), `a service is exported to ${c}: its contract is needed to admit it`);
            }
        }
        super("meshfed:federation:ServiceExports", name, {}, opts);
        const selector = args.selector ?? { istio: GATEWAY_IDENTITY.ingress.labels.istio };
        this.consumers = Object.fromEntries(
            consumerNames.map((c) => {
                const contract = args.consumers[c];
                const snis = [args.self.host, ...additionalHosts].map((h) => consumerSni(c, h));
                return [c, { cluster: c, sni: snis[0], snis, host: contract.host, caBundle: consumerBundleName(c), caCertPem: contract.caCertPem }];
            }),
        );
        // meshfed 0.1 pooled every consumer's CA in one bundle: the first consumer's takes over its state.
        const bundles = Object.values(this.consumers).map(
            (c, i) =>
                new TrustBundle(
                    `${name}-bundle-${c.cluster}`,
                    { provider: args.provider, namespace, secretName: c.caBundle, caCertificates: [c.caCertPem] },
                    { parent: this, aliases: i === 0 ? [{ name: `${name}-bundle` }] : [] },
                ),
        );
        const servers = Object.values(this.consumers);
        this.objects = [
            buildIngressGateway({ namespace, selector, port: args.self.port, credentialName, consumers: servers }),
            ...args.exports.map((e) => buildExportVirtualService(e, namespace, e.consumers.flatMap((c) => this.consumers[c].snis).sort())),
            ...buildExportDestinationRules(args.exports, namespace),
            buildExportAuthorizationPolicy(args.exports, namespace, selector, this.consumers),
        ];
        const [gateway, ...routing] = this.objects;
        const common = { parent: this, provider: args.provider, formerNamespaces: { [namespace]: LEGACY_GATEWAY_NAMESPACE } };
        // Only the Gateway names the bundles; every object waiting on every bundle would grow as exports × consumers.
        applyObjects(name, [gateway], { ...common, dependsOn: bundles });
        applyObjects(name, routing, common);
        this.registerOutputs({ consumers: this.consumers });
    }
}
