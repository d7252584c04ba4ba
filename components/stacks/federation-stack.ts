/**
 * A cluster's federation stack as one component: it admits the consumers of the cluster's exports on its
 * ingress gateway and imports services from its peers, from what identity stacks publish (its own: gateways,
 * contract, exports; its peers': their contracts). It describes what each export and import became, for
 * review and for `npm run verify`'s Envoy checks.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { formerlyTopLevel } from "../core/aliases";
import { requireBoolean, requireDnsLabel } from "../core/checks";
import { clusterProvider, dependenciesOf } from "../core/cluster-provider";
import { at, InputError } from "../core/input-error";
import { argsPaths, Resolved } from "../core/resolved";
import { consumerSni, FederationContract, isReachable, ReachableContract } from "../federation/contract";
import { ServiceExportSpec } from "../federation/export-specs";
import { OutlierDetection, resolvePeerOutliers, ServiceImportSpec } from "../federation/import-specs";
import { IdentityGateways } from "../federation/peer-contracts";
import { ResolvedServiceExportsArgs, resolveServiceExportsArgs, ServiceExports } from "../federation/service-exports";
import { ImportsResolutionOptions, ResolvedServiceImportsArgs, resolveServiceImportsArgs, ServiceImports } from "../federation/service-imports";
import { EXPORT_HEADER } from "../federation/specs/egress-routing";
import { caCompanionName } from "../trust/credential-names";

export interface FederationStackArgs {
    /**
     * The explicit provider of the cluster.
     * @deprecated pass it as a resource option, `{ provider }` (still read; the two must agree)
     * @default the Kubernetes provider of the resource options, or of the parent
     */
    provider?: k8s.Provider;
    /** The cluster's federation name. */
    clusterName: string;
    /** Its own gateways, as its identity stack publishes them (`IdentityStack.gateways`, or the `gateways` output). */
    gateways: IdentityGateways;
    /**
     * What it exports: its own contract (`IdentityStack.contract`, reachable: with address and port) and its
     * exports (`IdentityStack.exports`, or the same specs the identity was given). Needs `gateways.ingress`.
     * @default exports nothing
     */
    exposing?: { self: pulumi.Input<FederationContract>; exports: ServiceExportSpec[] };
    /** Peers' contracts by cluster name: every consumer of an export, every peer imported from. @default none */
    peers?: Record<string, pulumi.Input<FederationContract>>;
    /** What it imports: which peer's export, under which local name, with which split and path. @default none */
    imports?: ServiceImportSpec[];
    /** Outlier detection on each peer's gateway, by cluster name (see `ServiceImportsArgs`). @default on, for every peer */
    outlierDetection?: Record<string, OutlierDetection | false | undefined>;
    /** Callers run Istio's DNS proxy (see `ServiceImportsArgs.dnsProxy`). @default false */
    dnsProxy?: boolean;
}

/**
 * Args as a stack's config gives them: the imports, exports and outlier settings checked by the resolver.
 * The fields are `FederationStackArgs`' (see there), any value where a resolver checks it.
 */
export type UncheckedFederationStackArgs = Omit<FederationStackArgs, "exposing" | "imports" | "outlierDetection" | "dnsProxy"> & {
    /** @see FederationStackArgs.exposing @default exports nothing */
    exposing?: { self: pulumi.Input<FederationContract>; exports: unknown };
    /** @see FederationStackArgs.imports @default none */
    imports?: unknown;
    /** @see FederationStackArgs.outlierDetection @default on, for every peer */
    outlierDetection?: Record<string, unknown>;
    /** @see FederationStackArgs.dnsProxy @default false */
    dnsProxy?: unknown;
};

export interface FederationStackResolution {
    clusterName: string;
    exporting?: ResolvedServiceExportsArgs;
    importing?: ResolvedServiceImportsArgs;
}

/** What `resolveFederationStackArgs` made of the args: the constructor takes it as it is. */
export type ResolvedFederationStackArgs = Resolved<UncheckedFederationStackArgs, FederationStackResolution>;

/**
 * The exports and imports checked by ServiceExports' and ServiceImports' resolvers, registering nothing: the
 * constructor calls it, and a program that creates the cluster's provider calls it first, with `where` naming
 * its config keys, and hands the result in.
 */
export function resolveFederationStackArgs(args: UncheckedFederationStackArgs | ResolvedFederationStackArgs, where: ImportsResolutionOptions = {}): ResolvedFederationStackArgs {
    const { root: path, of } = argsPaths("FederationStack", where);
    const outlierPath = where.outlierPath ?? ((peer: string) => at(of("outlierDetection"), peer));
    return Resolved.once("FederationStack", args, (a): FederationStackResolution => {
        const clusterName = requireDnsLabel(at(path, "clusterName"), a.clusterName);
        const peers = a.peers ?? {};
        const { ingress, egress, sidecarCredentials } = a.gateways;
        const ingressPath = at(at(path, "gateways"), "ingress");
        if (a.exposing && !ingress) {
            throw new InputError(at(at(path, "gateways"), "ingress"), undefined, "exporting needs the cluster's ingress gateway: give its IdentityStack gateways.ingress");
        }
        const exporting =
            a.exposing && ingress
                ? resolveServiceExportsArgs(
                      {
                          namespace: ingress.namespace,
                          selector: ingress.selector,
                          credentialName: ingress.credentialName,
                          additionalHosts: ingress.additionalHosts,
                          // A plain contract is checked before anything registers; an Output one once it is known.
                          self: reachable(at(at(path, "exposing"), "self"), a.exposing.self),
                          exports: a.exposing.exports,
                          consumers: peers,
                      },
                      // Its fields come from the identity's published ingress gateway and from `peers`: named there.
                      {
                          path: at(path, "exposing"),
                          paths: { consumers: at(path, "peers"), namespace: at(ingressPath, "namespace"), additionalHosts: at(ingressPath, "additionalHosts") },
                      },
                  )
                : undefined;
        const dnsProxy = a.dnsProxy === undefined ? undefined : requireBoolean(at(path, "dnsProxy"), a.dnsProxy);
        const importsNothing = a.imports === undefined || (Array.isArray(a.imports) && a.imports.length === 0);
        // Without imports nothing uses them, but a bad setting is still refused.
        if (importsNothing) resolvePeerOutliers(of("outlierDetection"), outlierPath, a.outlierDetection, Object.keys(peers));
        const importing = importsNothing
            ? undefined
            : resolveServiceImportsArgs(
                  {
                      clusterName,
                      imports: a.imports,
                      peers,
                      egress,
                      sidecarCredentials,
                      outlierDetection: a.outlierDetection,
                      dnsProxy,
                  },
                  {
                      path,
                      // The egress gateway is the identity's, published in gateways.
                      paths: { imports: of("imports"), peers: of("peers"), outlierDetection: of("outlierDetection"), egress: at(at(path, "gateways"), "egress") },
                      outlierPath,
                      checkImports: where.checkImports,
                  },
              );
        return { clusterName, exporting, importing };
    });
}

export class FederationStack extends pulumi.ComponentResource {
    readonly exporting?: ServiceExports;
    readonly importing?: ServiceImports;
    /** What each export became: its service, prefix, and each consumer as admitted (`exports` output). */
    readonly exports?: pulumi.Output<unknown>[];
    /** What each import became: its peer, SNI, route, credential and bundle (`imports` output). */
    readonly imports?: pulumi.Output<unknown>[];

    constructor(name: string, args: FederationStackArgs | ResolvedFederationStackArgs, opts?: pulumi.ComponentResourceOptions) {
        const resolved = resolveFederationStackArgs(args);
        const { clusterName, exporting, importing } = resolved.value;
        const provider = clusterProvider("FederationStack", resolved.args.provider, opts);
        super("meshfed:stacks:FederationStack", name, {}, opts);
        const peers = resolved.args.peers ?? {};
        const { ingress, egress } = resolved.args.gateways;
        // Pulumi applies the component's dependsOn to the component alone: its children get it too.
        const child = { parent: this, provider, dependsOn: dependenciesOf(opts), aliases: [formerlyTopLevel()] };
        if (exporting && ingress) {
            const exports = new ServiceExports(`${name}-exports`, exporting, child);
            this.exporting = exports;
            this.exports = exports.exports.map((e) =>
                exports.consumers.apply((admitted) => ({
                    exportAs: e.exportAs,
                    pathPrefix: e.pathPrefix,
                    service: e.service,
                    subset: e.subset,
                    namespace: ingress.namespace,
                    credentialName: ingress.credentialName,
                    consumers: e.consumers.map((c) => {
                        const { cluster, host, sni, caBundle } = admitted[c];
                        return { cluster, host, sni, caBundleName: caBundle };
                    }),
                })),
            );
        }
        if (importing) {
            const imports = new ServiceImports(`${name}-imports`, importing, child);
            this.importing = imports;
            const dnsProxy = importing.args.dnsProxy;
            this.imports = imports.imports.map((i) => {
                const originNamespace = i.via === "sidecar" ? i.as.namespace : egress!.namespace;
                return pulumi.all([peers[i.peer], imports.origins]).apply(([peer, origins]) => {
                    const origin = origins.find((o) => o.namespace === originNamespace && o.peer.cluster === i.peer)!;
                    return {
                        peer: i.peer,
                        peerHost: peer.host,
                        peerPort: peer.port,
                        sni: consumerSni(clusterName, peer.host),
                        authority: consumerSni(clusterName, peer.host),
                        service: i.service,
                        pathPrefix: peer.services.find((s) => s.namespace === i.service.namespace && s.name === i.service.name)!.pathPrefix,
                        as: i.as,
                        localSubset: i.localSubset,
                        canary: i.canary,
                        remoteWeight: i.remoteWeight,
                        via: i.via,
                        callers: i.callers,
                        // Callers resolve the local name with Istio's DNS proxy (a ServiceEntry host), not Kubernetes DNS.
                        dnsProxy: dnsProxy || undefined,
                        originNamespace,
                        // Through the egress gateway: the header the remote share carries, naming the export's prefix.
                        exportHeader: i.via === "egressGateway" ? EXPORT_HEADER : undefined,
                        credentialName: origin.credentialName,
                        caBundleName: caCompanionName(origin.credentialName),
                    };
                });
            });
        }
        this.registerOutputs({ exports: this.exports, imports: this.imports });
    }
}

/** An exporting cluster's own contract must say where its ingress gateway is: checked now if known, else once it is. */
function reachable(path: string, self: pulumi.Input<FederationContract>): pulumi.Input<ReachableContract> {
    const check = (c: FederationContract): ReachableContract => {
        if (!isReachable(c)) {
            throw new InputError(path, c.cluster, "an exporting cluster's contract needs its ingress gateway's address and port: give its IdentityStack an ingress gateway");
        }
        return c;
    };
    return pulumi.Output.isInstance(self) || self instanceof Promise ? pulumi.output(self).apply(check) : check(self);
}
