/**
 * A cluster's federation stack as one component: it admits the consumers of the cluster's exports on its
 * ingress gateway and imports services from its peers, from what identity stacks publish (its own: gateways,
 * contract, exports; its peers': their contracts). It describes what each export and import became, for
 * review and for `npm run verify`'s Envoy checks.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { formerlyTopLevel } from "../core/aliases";
import { InputError } from "../core/input-error";
import { consumerSni, FederationContract, isReachable, ReachableContract } from "../federation/contract";
import { ResolvedExport } from "../federation/export-specs";
import { OutlierDetection, ResolvedImport } from "../federation/import-specs";
import { IdentityGateways } from "../federation/peer-contracts";
import { ServiceExports } from "../federation/service-exports";
import { ServiceImports } from "../federation/service-imports";
import { EXPORT_HEADER } from "../federation/specs/egress-routing";
import { caCompanionName } from "../trust/credential-names";

export interface FederationStackArgs {
    /** The explicit provider of the cluster. */
    provider: k8s.Provider;
    /** The cluster's federation name. */
    clusterName: string;
    /** Its own gateways, as its identity stack publishes them (`IdentityStack.gateways`, or the `gateways` output). */
    gateways: IdentityGateways;
    /**
     * What it exports: its own contract (`IdentityStack.contract`, reachable: with address and port) and its
     * exports (`IdentityStack.exports`). Needs `gateways.ingress`. @default exports nothing
     */
    exposing?: { self: pulumi.Input<FederationContract>; exports: ResolvedExport[] };
    /** Peers' contracts by cluster name: every consumer of an export, every peer imported from. @default none */
    peers?: Record<string, pulumi.Input<FederationContract>>;
    /** What it imports (resolved with `resolveImports`). @default none */
    imports?: ResolvedImport[];
    /** Outlier detection on each peer's gateway, by cluster name (see `ServiceImportsArgs`). @default on, for every peer */
    outlierDetection?: Record<string, OutlierDetection | false | undefined>;
    /** Callers run Istio's DNS proxy (see `ServiceImportsArgs.dnsProxy`). @default false */
    dnsProxy?: boolean;
}

export class FederationStack extends pulumi.ComponentResource {
    readonly exporting?: ServiceExports;
    readonly importing?: ServiceImports;
    /** What each export became: its service, prefix, and each consumer as admitted (`exports` output). */
    readonly exports?: pulumi.Output<unknown>[];
    /** What each import became: its peer, SNI, route, credential and bundle (`imports` output). */
    readonly imports?: pulumi.Output<unknown>[];

    constructor(name: string, args: FederationStackArgs, opts?: pulumi.ComponentResourceOptions) {
        if (args.exposing && !args.gateways.ingress) {
            throw new InputError("FederationStackArgs.gateways.ingress", undefined, "exporting needs the cluster's ingress gateway: give its IdentityStack gateways.ingress");
        }
        // A plain contract is checked before anything registers; an Output one once it is known.
        const self = args.exposing && reachable(args.exposing.self);
        super("meshfed:stacks:FederationStack", name, {}, opts);
        const { provider, clusterName } = args;
        const peers = args.peers ?? {};
        const { ingress, egress, sidecarCredentials } = args.gateways;
        const child = { parent: this, aliases: [formerlyTopLevel()] };
        if (args.exposing && self && ingress) {
            const { exports } = args.exposing;
            const exporting = new ServiceExports(
                `${name}-exports`,
                { provider, namespace: ingress.namespace, selector: ingress.selector, credentialName: ingress.credentialName, additionalHosts: ingress.additionalHosts, self, exports, consumers: peers },
                child,
            );
            this.exporting = exporting;
            this.exports = exports.map((e) =>
                exporting.consumers.apply((admitted) => ({
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
        const imports = args.imports ?? [];
        if (imports.length > 0) {
            const importing = new ServiceImports(
                `${name}-imports`,
                { provider, clusterName, imports, peers, egress, sidecarCredentials, outlierDetection: args.outlierDetection, dnsProxy: args.dnsProxy },
                child,
            );
            this.importing = importing;
            this.imports = imports.map((i) => {
                const originNamespace = i.via === "sidecar" ? i.as.namespace : egress!.namespace;
                return pulumi.all([peers[i.peer], importing.origins]).apply(([peer, origins]) => {
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
                        dnsProxy: args.dnsProxy || undefined,
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
function reachable(self: pulumi.Input<FederationContract>): pulumi.Input<ReachableContract> {
    const check = (c: FederationContract): ReachableContract => {
        if (!isReachable(c)) {
            throw new InputError("FederationStackArgs.exposing.self", c.cluster, "an exporting cluster's contract needs its ingress gateway's address and port: give its IdentityStack an ingress gateway");
        }
        return c;
    };
    return pulumi.Output.isInstance(self) || self instanceof Promise ? pulumi.output(self).apply(check) : check(self);
}
