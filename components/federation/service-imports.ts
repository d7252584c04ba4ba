import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { applyObjects, applyObjectsInWaves } from "../cluster/apply-objects";
import { LEGACY_GATEWAY_NAMESPACE } from "../core/aliases";
import { requireDnsLabel } from "../core/checks";
import { clusterProvider, dependenciesOf } from "../core/cluster-provider";
import { at } from "../core/input-error";
import { ArgsPaths, argsPaths, Resolved } from "../core/resolved";
import { NamedKubeObject } from "../core/kube-object";
import { GATEWAY_IDENTITY } from "../gateway/gateway-values";
import { TrustBundle } from "../trust/trust-bundle";
import { withContentsOf } from "../cluster/deferred-contents";
import { exportPathPrefix, FederationContract } from "./contract";
import { ContractInputs, standInContract } from "./contract-inputs";
import { bindImports } from "./import-resolution";
import { OutlierDetection, ResolvedImport, resolveImports, resolvePeerOutliers, ServiceImportSpec } from "./import-specs";
import { buildImportObjects, ImportObjects, Origin } from "./specs/import-objects";
import { peerObjectName, serviceFqdn } from "./specs/names";

export interface ServiceImportsArgs {
    /**
     * The explicit provider of the consuming cluster.
     * @deprecated pass it as a resource option, `{ provider }` (still read; the two must agree)
     * @default the Kubernetes provider of the resource options, or of the parent
     */
    provider?: k8s.Provider;
    /** This cluster's federation name: peers must have exported the services to it. */
    clusterName: string;
    /** The imported services: which peer's export, under which local name, with which split and path. */
    imports: ServiceImportSpec[];
    /**
     * The peers' contracts, by cluster name: plain values (read with `readPeerStack`) or Outputs (a peer
     * created by the same program, see `federationContract`). Which objects are applied follows from the
     * peers' names and the imports alone, so a preview shows them all; an Output contract fills them in once
     * known, and fails the deployment, naming `peers.<name>`, if it does not export what is imported.
     */
    peers: Record<string, pulumi.Input<FederationContract>>;
    /**
     * The egress gateway: its namespace and its client credential Secret towards each peer, as the identity
     * stack published them (`IdentityStack.gateways.egress`), with the labels of its pods (`selector`,
     * @default `{ istio: "private-egressgateway" }`) and its Service's host (`serviceHost`, @default the
     * chart's Service in `namespace`). Required when an import goes through it. @default none
     */
    egress?: { namespace: string; credentials: Record<string, string>; selector?: Record<string, string>; serviceHost?: string };
    /** Client credential copies for imports `via: sidecar`: by namespace, then by peer. @default none */
    sidecarCredentials?: Record<string, Record<string, string>>;
    /**
     * Outlier detection on each peer's gateway, by cluster name; `false` turns it off.
     * @default 5 consecutive gateway errors eject an endpoint for 30s, never below half of them healthy
     */
    outlierDetection?: Record<string, OutlierDetection | false | undefined>;
    /**
     * Every caller's sidecar runs Istio's DNS proxy (`ISTIO_META_DNS_CAPTURE: "true"` in the consuming mesh's
     * proxy metadata) and istiod allocates ServiceEntry addresses (`PILOT_ENABLE_IP_AUTOALLOCATE`, Istio's
     * default). The local names of imports with no local version are then declared by one ServiceEntry per
     * namespace, peer and port rather than a selector-less Service each: about one object per import instead of
     * two. Plain, not an Input: it decides which objects exist. Without the DNS proxy the names would not
     * resolve: leave it off unless every calling pod has it.
     * @default false
     */
    dnsProxy?: boolean;
}

/** Args as a stack's config gives them: the imports and outlier settings checked by the resolver. */
export type UncheckedServiceImportsArgs = Omit<ServiceImportsArgs, "imports" | "outlierDetection"> & { imports?: unknown; outlierDetection?: Record<string, unknown> };

/** What `resolveServiceImportsArgs` made of the args: the constructor takes it as it is. */
export type ResolvedServiceImportsArgs = Resolved<UncheckedServiceImportsArgs, ServiceImportsResolution>;

export interface ServiceImportsResolution {
    imports: ResolvedImport[];
    egress?: { namespace: string };
    /** @hidden the peers' contracts as Inputs, stand-ins for those not known yet */
    peers: ContractInputs;
    /** @hidden the objects as the contracts known now decide them (stand-ins for those that are Outputs) */
    skeleton: ImportObjects;
    /** @hidden */
    build: (peers: Record<string, FederationContract>) => ImportObjects;
}

/** Where the args came from, for error messages (see `ArgsPaths`), and the caller's own rules. */
export interface ImportsResolutionOptions extends ArgsPaths<"imports" | "peers" | "egress" | "outlierDetection"> {
    /** Where each peer's outlier detection is set. @default `<outlierDetection's path>.<peer>` */
    outlierPath?: (peer: string) => string;
    /**
     * The caller's rules on the imports as resolved, run before they are bound to the peers' contracts: a
     * program checks there what only it can name (which identity stack lacks a credential, and its config key).
     * @default none
     */
    checkImports?: (imports: ResolvedImport[]) => void;
}

/**
 * The args checked and the objects decided, registering nothing: the constructor calls it, and a program that
 * creates the cluster's provider calls it first, with `where` naming its config keys, and hands the result in.
 */
export function resolveServiceImportsArgs(args: UncheckedServiceImportsArgs | ResolvedServiceImportsArgs, where: ImportsResolutionOptions = {}): ResolvedServiceImportsArgs {
    const { of } = argsPaths("ServiceImports", where);
    const outlierPath = where.outlierPath ?? ((peer: string) => at(of("outlierDetection"), peer));
    return Resolved.once("ServiceImports", args, (a): ServiceImportsResolution => {
        const imports = resolveImports(of("imports"), a.imports);
        where.checkImports?.(imports);
        const egress = a.egress && {
            namespace: requireDnsLabel(at(of("egress"), "namespace"), a.egress.namespace),
            credentials: a.egress.credentials,
            selector: a.egress.selector ?? { istio: GATEWAY_IDENTITY.egress.labels.istio },
            serviceHost: a.egress.serviceHost ?? serviceFqdn(GATEWAY_IDENTITY.egress.releaseName, a.egress.namespace),
        };
        const outliers = resolvePeerOutliers(of("outlierDetection"), outlierPath, a.outlierDetection, Object.keys(a.peers));
        const build = (peers: Record<string, FederationContract>) =>
            buildImportObjects(bindImports(of("imports"), imports, peers, a.clusterName), {
                self: a.clusterName,
                egress,
                sidecarCredentials: a.sidecarCredentials ?? {},
                outlierDetection: (peer) => outliers[peer],
                dnsProxy: a.dnsProxy ?? false,
                path: of("imports"),
            });
        // A peer not known yet stands in as exporting to this cluster what is imported from it.
        const exportedBy = (peer: string) =>
            imports.filter((i) => i.peer === peer).map((i) => ({ ...i.service, pathPrefix: exportPathPrefix(i.service.namespace, i.service.name), consumers: [a.clusterName] }));
        const peers = new ContractInputs(of("peers"), a.peers, (peer) => standInContract(peer, exportedBy(peer)));
        return { imports, egress, peers, skeleton: build(peers.known), build };
    });
}

/**
 * The consuming side of federation: each peer's ingress gateway as a mutual-TLS destination validated by
 * that peer's CA alone, the egress gateway's routes to it (or, for imports `via: sidecar`, the same
 * destination for the calling workloads), and each imported service under its local name with canary
 * and weighted split.
 */
export class ServiceImports extends pulumi.ComponentResource {
    /** The objects applied, as plain data once the peers' contracts are known. */
    readonly objects: pulumi.Output<NamedKubeObject[]>;
    /** Where mutual TLS to each peer is originated, and the CA bundle Secret written there. */
    readonly origins: pulumi.Output<Origin[]>;
    /** How many of the objects (all but each peer's DestinationRule) are registered: known once all are. */
    readonly applied: pulumi.Output<number>;

    /** The imported services, resolved: defaults filled in (`via`, `remoteWeight`). */
    readonly imports: ResolvedImport[];
    /** The CA bundle Secret of each origin, by `<namespace>/<peer>`. */
    readonly bundles: Record<string, TrustBundle>;

    constructor(name: string, args: ServiceImportsArgs | ResolvedServiceImportsArgs, opts?: pulumi.ComponentResourceOptions) {
        const resolved = resolveServiceImportsArgs(args);
        const { egress, peers, skeleton, build } = resolved.value;
        const provider = clusterProvider("ServiceImports", resolved.args.provider, opts);
        const { origins } = skeleton;
        super("meshfed:federation:ServiceImports", name, {}, opts);
        this.imports = resolved.value.imports;
        // meshfed 0.1 pooled every peer's CA in one bundle for the egress gateway: its first peer's takes over its state.
        const bundles = origins.map(
            (o, i) =>
                new TrustBundle(
                    `${name}-bundle-${o.namespace}/${o.peer.cluster}`,
                    { namespace: o.namespace, secretName: o.caBundle, caCertificates: [peers.fieldOf(o.peer, (c) => c.caCertPem)] },
                    { parent: this, provider, dependsOn: dependenciesOf(opts), aliases: i === 0 && o.namespace === egress?.namespace ? [{ name: `${name}-bundle` }] : [] },
                ),
        );
        this.bundles = Object.fromEntries(origins.map((o, i) => [`${o.namespace}/${o.peer.cluster}`, bundles[i]]));
        const built = peers.resolve(skeleton, build);
        this.objects = built.apply((b) => b.objects);
        this.origins = built.apply((b) => b.origins);
        const objects = peers.plain ? skeleton.objects : withContentsOf(skeleton.objects, this.objects);
        const formerNamespaces = egress ? { [egress.namespace]: LEGACY_GATEWAY_NAMESPACE } : {};
        // Pulumi applies the component's dependsOn to the component alone: every object waits for it itself.
        const common = { parent: this, provider, dependsOn: dependenciesOf(opts), formerNamespaces };
        // Only a peer's DestinationRule names its bundle (through its credential): it alone waits for it. Every
        // object waiting on every bundle would grow as imports × peers.
        const isOrigination = (o: NamedKubeObject, i: number) =>
            o.kind === "DestinationRule" && o.metadata.name === peerObjectName(origins[i].peer.cluster) && o.metadata.namespace === origins[i].namespace;
        origins.forEach((_, i) => applyObjects(name, objects.filter((o) => isOrigination(o, i)), { ...common, dependsOn: dependenciesOf(opts, [bundles[i]]) }));
        // Imports number in the thousands in large federations: registered in waves (see applyObjectsInWaves).
        this.applied = applyObjectsInWaves(name, objects.filter((o) => !origins.some((_, i) => isOrigination(o, i))), common).apply((rs) => rs.length);
        this.registerOutputs({
            origins: origins.map((o) => ({ namespace: o.namespace, peer: o.peer.cluster, credentialName: o.credentialName, caBundle: o.caBundle })),
            applied: this.applied,
            imports: this.imports,
        });
    }
}
