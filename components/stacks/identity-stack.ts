/**
 * A cluster's identity stack as one component: its federation CA and gateway credentials, its private
 * gateways (each in a namespace of its own), and the public contract peers read (host, address, CA
 * certificate, exported services). It reads no other stack, which is what lets N clusters deploy without
 * StackReference cycles: federation stacks read identity stacks, never the reverse.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { formerlyTopLevel } from "../core/aliases";
import { rejectUnknownKeys, requireDnsLabel, requireObject } from "../core/checks";
import { clusterProvider, dependenciesOf } from "../core/cluster-provider";
import { at, InputError } from "../core/input-error";
import { ArgsPaths, argsPaths, Resolved } from "../core/resolved";
import { FederationContract } from "../federation/contract";
import { ResolvedExport, resolveExports, ServiceExportSpec } from "../federation/export-specs";
import { federationContract } from "../federation/federation-contract";
import { IdentityGateways } from "../federation/peer-contracts";
import { EgressGateway, ResolvedEgressGatewayArgs, resolveEgressGatewayArgs } from "../gateway/egress-gateway";
import { IngressGateway, ResolvedIngressGatewayArgs, resolveIngressGatewayArgs } from "../gateway/ingress-gateway";
import { PrivateGateway } from "../gateway/private-gateway";
import { FederationTrust, ResolvedFederationTrustArgs, resolveFederationTrustArgs } from "../trust/federation-trust";
import { IdentityGatewaySettings, IdentityTrust } from "./identity-settings";

export interface IdentityStackArgs {
    /**
     * The explicit provider of the cluster.
     * @deprecated pass it as a resource option, `{ provider }` (still read; the two must agree)
     * @default the Kubernetes provider of the resource options, or of the parent
     */
    provider?: k8s.Provider;
    /** The cluster's federation name: peers know it by this name. */
    clusterName: string;
    /** Its federation identity: hosts, CA and certificate settings, sidecar credential namespaces. */
    trust: IdentityTrust;
    /** The private gateways. @default none: an identity without gateways (it neither exports nor imports) */
    gateways?: IdentityGatewaySettings;
    /**
     * What the cluster exports, served by the ingress gateway (`gateways.ingress`): which local service, under
     * which name, to which peers. @default none
     */
    exports?: ServiceExportSpec[];
}

/**
 * Args as a stack's config gives them: each part checked by the resolver of the component it goes to.
 * The fields are `IdentityStackArgs`' (see there), any value where a resolver checks it.
 */
export interface UncheckedIdentityStackArgs {
    /** @deprecated see IdentityStackArgs.provider */
    provider?: k8s.Provider;
    /** @see IdentityStackArgs.clusterName */
    clusterName: unknown;
    /** @see IdentityStackArgs.trust */
    trust: { hosts: unknown; ca?: unknown; certificates?: unknown; sidecarCredentialNamespaces?: unknown };
    /** @see IdentityStackArgs.gateways @default none */
    gateways?: { ingress?: unknown; egress?: unknown };
    /** @see IdentityStackArgs.exports @default none */
    exports?: unknown;
}

export interface IdentityStackResolution {
    clusterName: string;
    trust: ResolvedFederationTrustArgs;
    ingress?: ResolvedIngressGatewayArgs;
    egress?: ResolvedEgressGatewayArgs;
    exports: ResolvedExport[];
}

/** What `resolveIdentityStackArgs` made of the args: the constructor takes it as it is. */
export type ResolvedIdentityStackArgs = Resolved<UncheckedIdentityStackArgs, IdentityStackResolution>;

/** IdentityTrust's fields: the other FederationTrust args are the stack's to set. */
const TRUST_KEYS = ["hosts", "ca", "certificates", "sidecarCredentialNamespaces"];


/**
 * Every part of the args checked by the resolver of the component it goes to (FederationTrust, the gateways,
 * the exports), registering nothing: the constructor calls it, and a program that creates the cluster's
 * provider calls it first, with `where.paths` naming its config keys, and hands the result in.
 */
export function resolveIdentityStackArgs(args: UncheckedIdentityStackArgs | ResolvedIdentityStackArgs, where: ArgsPaths<"trust" | "gateways" | "exports"> = {}): ResolvedIdentityStackArgs {
    const { of } = argsPaths("IdentityStack", where);
    const path = { trust: of("trust"), gateways: of("gateways"), exports: of("exports") };
    return Resolved.once("IdentityStack", args, (a): IdentityStackResolution => {
        const clusterName = requireDnsLabel("IdentityStackArgs.clusterName", a.clusterName);
        const gateways = requireObject(path.gateways, a.gateways ?? {});
        const ingressPath = at(path.gateways, "ingress");
        const egressPath = at(path.gateways, "egress");
        const ingress = gateways.ingress === undefined ? undefined : resolveIngressGatewayArgs(requireObject(ingressPath, gateways.ingress), { path: ingressPath });
        const { peers: rawPeers, ...egressSettings } = gateways.egress === undefined ? { peers: undefined } : requireObject(egressPath, gateways.egress);
        const egress = gateways.egress === undefined ? undefined : resolveEgressGatewayArgs(egressSettings, { path: egressPath });
        const peers = egress && requirePeers(at(egressPath, "peers"), rawPeers);
        if (ingress && egress && ingress.value.namespace === egress.value.namespace) {
            throw new InputError(
                at(egressPath, "namespace"),
                egress.value.namespace,
                "the egress gateway needs a namespace apart from the ingress gateway's: a gateway can read every Secret of its namespace, and neither may read the other's key",
            );
        }
        const exports = resolveExports(path.exports, a.exports, clusterName);
        if (exports.length > 0 && !ingress) {
            throw new InputError(ingressPath, undefined, "exports are served by the ingress gateway: give its settings, or export nothing");
        }
        const trustArgs = requireObject(path.trust, a.trust);
        rejectUnknownKeys(path.trust, trustArgs, TRUST_KEYS);
        const trust = resolveFederationTrustArgs(
            {
                ...trustArgs,
                clusterName,
                // The gateways' namespaces are this stack's: the credentials wait for them (see the constructor).
                ingressNamespace: ingress?.value.namespace,
                egress: egress && { namespace: egress.value.namespace, peers },
            },
            { path: path.trust, paths: { egress: egressPath } },
        );
        return { clusterName, trust, ingress, egress, exports };
    });
}

/** An egress gateway exists for its peers: without any it would serve nothing (each peer's own rules are FederationTrust's). */
function requirePeers(path: string, raw: unknown): unknown {
    if (!Array.isArray(raw) || raw.length === 0) {
        throw new InputError(
            path,
            raw,
            "list the clusters this one imports from (at least one): the egress gateway gets a client credential per peer, trusting only that peer's CA; without peers, leave egress out",
        );
    }
    return raw;
}

export class IdentityStack extends pulumi.ComponentResource {
    readonly trust: FederationTrust;
    readonly ingress?: IngressGateway;
    readonly egress?: EgressGateway;
    /** Each gateway's namespace, created by this stack. */
    readonly namespaces: Partial<Record<"ingress" | "egress", k8s.core.v1.Namespace>>;
    /** The public contract peers read (`federation` output): host, address and port, CA certificate, exported services. */
    readonly contract: pulumi.Output<FederationContract>;
    /** What the federation stack needs of its own cluster's gateways (`gateways` output). */
    readonly gateways: IdentityGateways;
    /** The exports, resolved (`exports` output): `FederationStackArgs.exposing.exports` takes them as they are. */
    readonly exports: ResolvedExport[];

    constructor(name: string, args: IdentityStackArgs | ResolvedIdentityStackArgs, opts?: pulumi.ComponentResourceOptions) {
        const resolved = resolveIdentityStackArgs(args);
        const { clusterName, ingress, egress, exports } = resolved.value;
        const provider = clusterProvider("IdentityStack", resolved.args.provider, opts);
        super("meshfed:stacks:IdentityStack", name, {}, opts);
        // One namespace per gateway: the chart's Role lets a gateway read every Secret of its namespace.
        // The first one takes over the single namespace meshfed 0.1 created, so state moves instead of churning.
        this.namespaces = {};
        for (const [role, gateway] of [["ingress", ingress], ["egress", egress]] as const) {
            if (!gateway) continue;
            const formerNames = Object.keys(this.namespaces).length === 0 ? [{ ...formerlyTopLevel(), name: `${name}-gateways-namespace` }] : [];
            this.namespaces[role] = new k8s.core.v1.Namespace(
                `${name}-${role}-namespace`,
                { metadata: { name: gateway.value.namespace, labels: { "app.kubernetes.io/managed-by": "meshfed" } } },
                { parent: this, provider, dependsOn: dependenciesOf(opts), aliases: [formerlyTopLevel(), ...formerNames] },
            );
        }
        const namespaces = Object.values(this.namespaces);
        const child = { parent: this, provider, aliases: [formerlyTopLevel()] };
        // Pulumi applies the component's dependsOn to the component alone: each child waits for it itself.
        this.trust = new FederationTrust(`${name}-trust`, resolved.value.trust, { ...child, dependsOn: dependenciesOf(opts, namespaces) });
        const trust = this.trust;
        const published = (g: PrivateGateway) => ({ namespace: g.namespace, releaseName: g.releaseName, serviceHost: g.serviceHost, selector: g.selector });
        this.gateways = {
            sidecarCredentials: Object.fromEntries(
                Object.entries(trust.sidecarCredentials).map(([ns, byPeer]) => [ns, Object.fromEntries(Object.entries(byPeer).map(([p, c]) => [p, c.credentialName]))]),
            ),
        };
        if (ingress && trust.ingressCredential) {
            this.ingress = new IngressGateway(`${name}-ingress`, ingress, { ...child, dependsOn: dependenciesOf(opts, [this.namespaces.ingress!, trust.ingressCredential]) });
            const additionalHosts = trust.hosts.slice(1);
            this.gateways.ingress = {
                ...published(this.ingress),
                port: this.ingress.port,
                credentialName: trust.ingressCredential.credentialName,
                ...(additionalHosts.length > 0 ? { additionalHosts } : {}),
            };
        }
        if (egress) {
            this.egress = new EgressGateway(`${name}-egress`, egress, { ...child, dependsOn: dependenciesOf(opts, [this.namespaces.egress!, ...Object.values(trust.egressCredentials)]) });
            const credentials = Object.fromEntries(Object.entries(trust.egressCredentials).map(([peer, c]) => [peer, c.credentialName]));
            this.gateways.egress = { ...published(this.egress), credentials };
        }
        this.exports = exports;
        this.contract = federationContract({ cluster: clusterName, trust, ingress: this.ingress, exports });
        this.registerOutputs({ contract: this.contract, gateways: this.gateways, exports: this.exports });
    }
}
