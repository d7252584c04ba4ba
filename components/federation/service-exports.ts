import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { applyObjects } from "../cluster/apply-objects";
import { withContentsOf } from "../cluster/deferred-contents";
import { LEGACY_GATEWAY_NAMESPACE } from "../core/aliases";
import { requireDnsLabel } from "../core/checks";
import { clusterProvider, dependenciesOf } from "../core/cluster-provider";
import { NamedKubeObject } from "../core/kube-object";
import { at, InputError } from "../core/input-error";
import { ArgsPaths, argsPaths, Resolved } from "../core/resolved";
import { GATEWAY_IDENTITY } from "../gateway/gateway-values";
import { INGRESS_CREDENTIAL } from "../trust/credential-names";
import { resolveHosts } from "../trust/gateway-cert";
import { TrustBundle } from "../trust/trust-bundle";
import { FederationContract, ReachableContract } from "./contract";
import { ContractInputs, standInContract } from "./contract-inputs";
import { ResolvedExport, resolveExports, ServiceExportSpec } from "./export-specs";
import { AdmittedConsumer, buildExportObjects, ExportObjects } from "./specs/export-objects";

export { AdmittedConsumer } from "./specs/export-objects";

export interface ServiceExportsArgs {
    /**
     * The explicit provider of the exporting cluster.
     * @deprecated pass it as a resource option, `{ provider }` (still read; the two must agree)
     * @default the Kubernetes provider of the resource options, or of the parent
     */
    provider?: k8s.Provider;
    /** The ingress gateway's namespace, where its credential lives. */
    namespace: string;
    /**
     * This cluster's own contract (its host and port), as its identity stack publishes it, or as an Output
     * when the same program creates the cluster (see `federationContract`).
     */
    self: pulumi.Input<ReachableContract>;
    /**
     * The exported services: which local service (and which of its pods), under which name, to whom.
     * `IdentityStack.exports` (or the identity stack's `exports` output) is accepted as it is.
     */
    exports: ServiceExportSpec[];
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

/** What this cluster's stand-in is called while its own contract is an Output. */
const SELF = "self";

/** Args as a stack's config or outputs give them: the exports checked by the resolver. */
export type UncheckedServiceExportsArgs = Omit<ServiceExportsArgs, "exports"> & { exports: unknown };

/** What `resolveServiceExportsArgs` made of the args: the constructor takes it as it is. */
export type ResolvedServiceExportsArgs = Resolved<UncheckedServiceExportsArgs, ServiceExportsResolution>;

export interface ServiceExportsResolution {
    namespace: string;
    exports: ResolvedExport[];
    /** @hidden the contracts as Inputs, stand-ins for those not known yet */
    contracts: ContractInputs;
    /** @hidden the objects as the contracts known now decide them (stand-ins for those that are Outputs) */
    skeleton: ExportObjects;
    /** @hidden */
    build: (known: Record<string, FederationContract>) => ExportObjects;
    /** @hidden a consumer's contract as known now (its stand-in when an Output) */
    consumer: (cluster: string) => FederationContract;
}

/**
 * The args checked and the objects decided, registering nothing: the constructor calls it, and a program that
 * creates the cluster's provider calls it first, with `where` naming its config keys (a caller that builds the
 * args from fields of its own names those), and hands the result in.
 */
export function resolveServiceExportsArgs(
    args: UncheckedServiceExportsArgs | ResolvedServiceExportsArgs,
    where: ArgsPaths<"self" | "exports" | "consumers" | "namespace" | "additionalHosts"> = {},
): ResolvedServiceExportsArgs {
    const { of } = argsPaths("ServiceExports", where);
    const consumersPath = of("consumers");
    // The contracts by where they came from: `<path>.self`, `<consumers' path>.<cluster>`.
    const selfKey = of("self");
    const consumerKey = (cluster: string) => at(consumersPath, cluster);
    return Resolved.once("ServiceExports", args, (a): ServiceExportsResolution => {
        const namespace = requireDnsLabel(of("namespace"), a.namespace);
        const credentialName = a.credentialName ?? INGRESS_CREDENTIAL;
        const additionalHosts = a.additionalHosts?.length ? resolveHosts(of("additionalHosts"), a.additionalHosts) : [];
        const self = pulumi.Output.isInstance(a.self) || a.self instanceof Promise ? undefined : (a.self as ReachableContract).cluster;
        const exports = resolveExports(of("exports"), a.exports, self ?? "");
        const consumerNames = [...new Set(exports.flatMap((e) => e.consumers))].sort();
        for (const c of consumerNames) {
            if (!a.consumers[c]) {
                throw new InputError(consumersPath, Object.keys(a.consumers), `a service is exported to ${c}: its contract is needed to admit it`);
            }
        }
        const selector = a.selector ?? { istio: GATEWAY_IDENTITY.ingress.labels.istio };
        const contracts = new ContractInputs(
            "",
            { [selfKey]: a.self, ...Object.fromEntries(Object.entries(a.consumers).map(([c, contract]) => [consumerKey(c), contract])) },
            (key) => standInContract(key === selfKey ? SELF : key.slice(consumersPath.length + 1)),
        );
        const build = (known: Record<string, FederationContract>) => {
            // Typed so by ServiceExportsArgs.self.
            const own = known[selfKey] as ReachableContract;
            if (consumerNames.includes(own.cluster) && own.cluster !== SELF) {
                throw new InputError(of("exports"), own.cluster, "a cluster does not import its own services");
            }
            return buildExportObjects({
                namespace,
                selector,
                credentialName,
                self: own,
                additionalHosts,
                exports,
                consumers: Object.fromEntries(consumerNames.map((c) => [c, known[consumerKey(c)]])),
            });
        };
        return { namespace, exports, contracts, skeleton: build(contracts.known), build, consumer: (c) => contracts.known[consumerKey(c)] };
    });
}

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

    /** The exported services, resolved: their local service, exported name and path prefix, consumers. */
    readonly exports: ResolvedExport[];
    /** The CA bundle Secret of each consumer, by cluster name. */
    readonly bundles: Record<string, TrustBundle>;

    constructor(name: string, args: ServiceExportsArgs | ResolvedServiceExportsArgs, opts?: pulumi.ComponentResourceOptions) {
        const resolved = resolveServiceExportsArgs(args);
        const { namespace, contracts, skeleton, build, consumer } = resolved.value;
        const provider = clusterProvider("ServiceExports", resolved.args.provider, opts);
        super("meshfed:federation:ServiceExports", name, {}, opts);
        this.exports = resolved.value.exports;
        // meshfed 0.1 pooled every consumer's CA in one bundle: the first consumer's takes over its state.
        const bundles = Object.values(skeleton.consumers).map(
            (c, i) =>
                new TrustBundle(
                    `${name}-bundle-${c.cluster}`,
                    {
                        namespace,
                        secretName: c.caBundle,
                        caCertificates: [contracts.fieldOf(consumer(c.cluster), (contract) => contract.caCertPem)],
                    },
                    { parent: this, provider, dependsOn: dependenciesOf(opts), aliases: i === 0 ? [{ name: `${name}-bundle` }] : [] },
                ),
        );
        this.bundles = Object.fromEntries(bundles.map((b, i) => [Object.values(skeleton.consumers)[i].cluster, b]));
        const built = contracts.resolve(skeleton, build);
        this.objects = built.apply((b) => b.objects);
        this.consumers = built.apply((b) => b.consumers);
        const [gateway, ...routing] = contracts.plain ? skeleton.objects : withContentsOf(skeleton.objects, this.objects);
        // Pulumi applies the component's dependsOn to the component alone: every object waits for it itself.
        const common = { parent: this, provider, dependsOn: dependenciesOf(opts), formerNamespaces: { [namespace]: LEGACY_GATEWAY_NAMESPACE } };
        // Only the Gateway names the bundles; every object waiting on every bundle would grow as exports × consumers.
        applyObjects(name, [gateway], { ...common, dependsOn: dependenciesOf(opts, bundles) });
        applyObjects(name, routing, common);
        this.registerOutputs({ consumers: this.consumers, exports: this.exports });
    }
}
