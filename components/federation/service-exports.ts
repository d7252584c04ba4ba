import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { applyObjects } from "../cluster/apply-objects";
import { withContentsOf } from "../cluster/deferred-contents";
import { LEGACY_GATEWAY_NAMESPACE } from "../core/aliases";
import { requireDnsLabel } from "../core/checks";
import { NamedKubeObject } from "../core/kube-object";
import { InputError } from "../core/input-error";
import { GATEWAY_IDENTITY } from "../gateway/gateway-values";
import { INGRESS_CREDENTIAL } from "../trust/credential-names";
import { resolveHosts } from "../trust/gateway-cert";
import { TrustBundle } from "../trust/trust-bundle";
import { FederationContract, ReachableContract } from "./contract";
import { ContractInputs, standInContract } from "./contract-inputs";
import { ResolvedExport } from "./export-specs";
import { AdmittedConsumer, buildExportObjects } from "./specs/export-objects";

export { AdmittedConsumer } from "./specs/export-objects";

export interface ServiceExportsArgs {
    /** The explicit provider of the exporting cluster. */
    provider: k8s.Provider;
    /** The ingress gateway's namespace, where its credential lives. */
    namespace: string;
    /**
     * This cluster's own contract (its host and port), as its identity stack publishes it, or as an Output
     * when the same program creates the cluster (see `federationContract`).
     */
    self: pulumi.Input<ReachableContract>;
    /** The exported services, as the identity stack resolved them. */
    exports: ResolvedExport[];
    /**
     * The contracts of the clusters the services are exported to, by cluster name: each is admitted with its
     * own CA only. Plain values or Outputs (a consumer created by the same program): which objects are
     * applied follows from the exports and the consumers' names alone, so a preview shows them all.
     */
    consumers: Record<string, pulumi.Input<FederationContract>>;
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

/** `self` among the contracts: no cluster name can contain a dot, so it never meets `consumers.<name>`. */
const SELF = "self";
const CONSUMER = "consumers.";

/**
 * The exposing side of federation: per consumer, a mutual-TLS server on the ingress gateway that accepts
 * only that consumer's CA and name and routes only what was exported to it, and a policy tying each
 * consumer's principal to its own services.
 */
export class ServiceExports extends pulumi.ComponentResource {
    /** The objects applied, as plain data once the contracts are known: the escape hatch for inspection and tests. */
    readonly objects: pulumi.Output<NamedKubeObject[]>;
    /** Each consumer as admitted, by cluster name. */
    readonly consumers: pulumi.Output<Record<string, AdmittedConsumer>>;

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
        const selector = args.selector ?? { istio: GATEWAY_IDENTITY.ingress.labels.istio };
        const contracts = new ContractInputs(
            "ServiceExportsArgs",
            { [SELF]: args.self, ...Object.fromEntries(Object.entries(args.consumers).map(([c, contract]) => [CONSUMER + c, contract])) },
            (key) => standInContract(key === SELF ? SELF : key.slice(CONSUMER.length)),
        );
        const build = (known: Record<string, FederationContract>) =>
            buildExportObjects({
                namespace,
                selector,
                credentialName,
                // Typed so by ServiceExportsArgs.self.
                self: known[SELF] as ReachableContract,
                additionalHosts,
                exports: args.exports,
                consumers: Object.fromEntries(consumerNames.map((c) => [c, known[CONSUMER + c]])),
            });
        const skeleton = build(contracts.known);
        super("meshfed:federation:ServiceExports", name, {}, opts);
        // meshfed 0.1 pooled every consumer's CA in one bundle: the first consumer's takes over its state.
        const bundles = Object.values(skeleton.consumers).map(
            (c, i) =>
                new TrustBundle(
                    `${name}-bundle-${c.cluster}`,
                    {
                        provider: args.provider,
                        namespace,
                        secretName: c.caBundle,
                        caCertificates: [contracts.fieldOf(contracts.known[CONSUMER + c.cluster], (contract) => contract.caCertPem)],
                    },
                    { parent: this, aliases: i === 0 ? [{ name: `${name}-bundle` }] : [] },
                ),
        );
        const built = contracts.resolve(skeleton, build);
        this.objects = built.apply((b) => b.objects);
        this.consumers = built.apply((b) => b.consumers);
        const [gateway, ...routing] = contracts.plain ? skeleton.objects : withContentsOf(skeleton.objects, this.objects);
        const common = { parent: this, provider: args.provider, formerNamespaces: { [namespace]: LEGACY_GATEWAY_NAMESPACE } };
        // Only the Gateway names the bundles; every object waiting on every bundle would grow as exports × consumers.
        applyObjects(name, [gateway], { ...common, dependsOn: bundles });
        applyObjects(name, routing, common);
        this.registerOutputs({ consumers: this.consumers });
    }
}
