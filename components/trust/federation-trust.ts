import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { at, InputError } from "../core/input-error";
import { rejectUnknownKeys, requireDnsLabel, requireObject } from "../core/checks";
import { clusterProvider, dependenciesOf } from "../core/cluster-provider";
import { ArgsPaths, argsPaths, Resolved, Unchecked } from "../core/resolved";
import { CaSettings, LeafSettings, ResolvedCa, resolveCa, ResolvedLeaf, resolveLeaf } from "./cert-specs";
import { egressCredentialName, INGRESS_CREDENTIAL } from "./credential-names";
import { GatewayCert, resolveHosts } from "./gateway-cert";
import { GatewayCredential } from "./gateway-credential";
import { MeshCa } from "./mesh-ca";

export interface FederationTrustArgs {
    /**
     * The explicit provider of the cluster.
     * @deprecated pass it as a resource option, `{ provider }` (still read; the two must agree)
     * @default the Kubernetes provider of the resource options, or of the parent
     */
    provider?: k8s.Provider;
    /** The cluster's federation name. */
    clusterName: string;
    /**
     * The cluster's federation hosts, e.g. `["c2.example.com"]`. The first is the cluster's identity: the
     * host peers address its ingress gateway by, and the name its egress certificate presents to peers.
     * All are DNS SANs of the ingress certificate.
     */
    hosts: string[];
    /** The federation CA. @default ECDSA P-256, 10 years, renewed in its last year, not protected */
    ca?: CaSettings;
    /** The gateway certificates. @default ECDSA P-256, 90 days, renewed in their last 30 days */
    certificates?: LeafSettings;
    /**
     * The ingress gateway's namespace: its server credential goes there. @default none: a cluster that
     * exports nothing runs no ingress gateway, and no server key is issued for nobody to serve.
     */
    ingressNamespace?: pulumi.Input<string>;
    /**
     * The egress gateway's namespace and the peers it calls: one client credential per peer goes there
     * (`federation-egress-<peer>`). @default none: a cluster that imports nothing gets no client key.
     */
    egress?: { namespace: pulumi.Input<string>; peers: string[] };
    /**
     * Application namespaces whose sidecars call peers directly (imports with `via: sidecar`): each gets a
     * copy of every peer's client credential, since Istio reads a sidecar's `credentialName` from its own
     * namespace. Every copy widens who can read the client key: prefer the egress gateway. @default none
     */
    sidecarCredentialNamespaces?: string[];
}

/** Args as a stack's config gives them: every setting checked by the resolver. */
export type UncheckedFederationTrustArgs = Unchecked<FederationTrustArgs, "provider" | "ingressNamespace">;

/** What `resolveFederationTrustArgs` made of the args: the constructor takes it as it is. */
export type ResolvedFederationTrustArgs = Resolved<UncheckedFederationTrustArgs, FederationTrustResolution>;

/** FederationTrustArgs after checks and defaults. */
export interface FederationTrustResolution {
    clusterName: string;
    /** The federation host first, then the others. */
    hosts: string[];
    /** The CA's settings, defaults filled in. */
    ca: ResolvedCa;
    /** The gateway certificates' settings, defaults filled in. */
    leaf: ResolvedLeaf;
    /** The egress gateway's namespace and peers, when it has some. */
    egress?: { namespace: pulumi.Input<string>; peers: string[] };
    /** The namespaces that get copies of the client credentials. */
    sidecarNamespaces: string[];
}

const ARGS = ["provider", "clusterName", "hosts", "ca", "certificates", "ingressNamespace", "egress", "sidecarCredentialNamespaces"];

/**
 * The args checked, defaults filled in, registering nothing: the constructor calls it, and a program that
 * creates the cluster's provider calls it first, with `where` naming its config keys (the egress gateway's
 * namespace and peers may come from another), and hands the result in.
 */
export function resolveFederationTrustArgs(args: UncheckedFederationTrustArgs | ResolvedFederationTrustArgs, where: ArgsPaths<"egress"> = {}): ResolvedFederationTrustArgs {
    const { root: path, of } = argsPaths("FederationTrust", where);
    const egressPath = of("egress");
    return Resolved.once("FederationTrust", args, (a) => {
        rejectUnknownKeys(path, a, ARGS);
        const clusterName = requireDnsLabel(at(path, "clusterName"), a.clusterName);
        const hosts = resolveHosts(at(path, "hosts"), a.hosts);
        const ca = resolveCa(at(path, "ca"), a.ca, clusterName);
        const leaf = resolveLeaf(at(path, "certificates"), a.certificates, ca);
        const egress = a.egress === undefined ? undefined : resolveEgressTrust(egressPath, a.egress, clusterName);
        const sidecarNamespaces = resolveNamespaces(at(path, "sidecarCredentialNamespaces"), a.sidecarCredentialNamespaces ?? []);
        if (sidecarNamespaces.length > 0 && !egress?.peers.length) {
            throw new InputError(
                at(path, "sidecarCredentialNamespaces"),
                sidecarNamespaces,
                `sidecars get a copy of the client credential for each peer this cluster imports from: list those peers in ${egressPath}.peers`,
            );
        }
        return { clusterName, hosts, ca, leaf, egress, sidecarNamespaces };
    });
}

/** The egress gateway's namespace and peers: each peer once, never the cluster itself (no peers: no client key). */
function resolveEgressTrust(path: string, raw: unknown, clusterName: string): { namespace: pulumi.Input<string>; peers: string[] } {
    const egress = requireObject(path, raw);
    rejectUnknownKeys(path, egress, ["namespace", "peers"]);
    const { namespace, peers } = egress;
    if (!Array.isArray(peers)) throw new InputError(at(path, "peers"), peers, "expected the list of peers the egress gateway calls");
    return {
        namespace: resolveNamespaceInput(at(path, "namespace"), namespace),
        peers: peers.map((p, i) => {
            const name = requireDnsLabel(at(at(path, "peers"), i), p);
            if (name === clusterName) throw new InputError(at(at(path, "peers"), i), p, "a cluster does not import from itself");
            if (peers.indexOf(p) !== i) throw new InputError(at(at(path, "peers"), i), p, "each peer once");
            return name;
        }),
    };
}

/** A namespace given as a value is checked now; one from another resource (an Output) is Kubernetes' to check. */
function resolveNamespaceInput(path: string, raw: unknown): pulumi.Input<string> {
    return pulumi.Output.isInstance(raw) ? (raw as pulumi.Output<string>) : requireDnsLabel(path, raw);
}

function resolveNamespaces(path: string, raw: unknown): string[] {
    if (!Array.isArray(raw)) throw new InputError(path, raw, "expected a list of namespaces");
    const seen = new Set<string>();
    return raw.map((ns, i) => {
        const name = requireDnsLabel(at(path, i), ns);
        if (seen.has(name)) throw new InputError(at(path, i), ns, "each namespace once");
        seen.add(name);
        return name;
    });
}

/**
 * A cluster's federation identity: its own root CA, the ingress gateway's server certificate for the
 * cluster's hosts, the client certificate its egress gateway presents to peers, and both as Istio
 * credential Secrets, each only in the namespace of the gateway that uses it.
 */
export class FederationTrust extends pulumi.ComponentResource {
    readonly ca: MeshCa;
    /** The CA certificate peers must trust (public). */
    readonly caCertPem: pulumi.Output<string>;
    readonly hosts: string[];
    /** Present with `ingressNamespace`. */
    readonly ingressCert?: GatewayCert;
    readonly ingressCredential?: GatewayCredential;
    /** Present with `egress`. */
    readonly egressCert?: GatewayCert;
    /** The egress gateway's credential towards each peer, by peer. */
    readonly egressCredentials: Record<string, GatewayCredential>;
    /** Copies of the peer credentials for sidecars that call peers directly: by namespace, then by peer. */
    readonly sidecarCredentials: Record<string, Record<string, GatewayCredential>>;

    constructor(name: string, args: FederationTrustArgs | ResolvedFederationTrustArgs, opts?: pulumi.ComponentResourceOptions) {
        const resolved = resolveFederationTrustArgs(args);
        const { clusterName, hosts, ca, leaf, egress, sidecarNamespaces } = resolved.value;
        const provider = clusterProvider("FederationTrust", resolved.args.provider, opts);
        const ingressNamespace = resolved.args.ingressNamespace;
        super("meshfed:trust:FederationTrust", name, {}, opts);
        this.hosts = hosts;
        const child = { parent: this };
        // The credential Secrets wait for what the component does (their namespaces, typically): Pulumi applies a
        // component's `dependsOn` to the component alone.
        const placed = { ...child, provider, dependsOn: dependenciesOf(opts) };

        this.ca = new MeshCa(`${name}-ca`, { clusterName, ...ca }, child);
        if (ingressNamespace !== undefined) {
            this.ingressCert = new GatewayCert(`${name}-ingress`, { ca: this.ca, dnsNames: hosts, usage: "server", ...leaf }, child);
            this.ingressCredential = new GatewayCredential(
                `${name}-ingress`,
                { namespace: ingressNamespace, credentialName: INGRESS_CREDENTIAL, certificate: this.ingressCert },
                placed,
            );
        }
        const credential = (resource: string, namespace: pulumi.Input<string>, peer: string, cert: GatewayCert, aliases: pulumi.Alias[] = []) =>
            new GatewayCredential(resource, { namespace, credentialName: egressCredentialName(peer), certificate: cert }, { ...placed, aliases });
        this.egressCredentials = {};
        this.sidecarCredentials = {};
        if (egress && egress.peers.length > 0) {
            const cert = new GatewayCert(`${name}-egress`, { ca: this.ca, dnsNames: [hosts[0]], usage: "client", ...leaf }, child);
            this.egressCert = cert;
            // meshfed 0.1 had one client credential for all peers: the first peer's takes over its state.
            egress.peers.forEach((peer, i) => {
                this.egressCredentials[peer] = credential(`${name}-egress-${peer}`, egress.namespace, peer, cert, i === 0 ? [{ name: `${name}-egress` }] : []);
            });
            for (const ns of sidecarNamespaces) {
                this.sidecarCredentials[ns] = Object.fromEntries(egress.peers.map((peer) => [peer, credential(`${name}-sidecar-${ns}/${peer}`, ns, peer, cert)]));
            }
        }
        this.caCertPem = this.ca.certPem;
        // Where each credential is, by name: the component's outputs never carry a key.
        this.registerOutputs({
            caCertPem: this.caCertPem,
            hosts: this.hosts,
            ingressCredential: this.ingressCredential?.credentialName,
            egressCredentials: Object.fromEntries(Object.entries(this.egressCredentials).map(([peer, c]) => [peer, c.credentialName])),
        });
    }
}
