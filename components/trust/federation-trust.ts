import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { at, InputError } from "../core/input-error";
import { requireDnsLabel } from "../core/checks";
import { CaSettings, LeafSettings } from "./cert-specs";
import { egressCredentialName, INGRESS_CREDENTIAL } from "./credential-names";
import { GatewayCert, resolveHosts } from "./gateway-cert";
import { GatewayCredential } from "./gateway-credential";
import { MeshCa } from "./mesh-ca";

export interface FederationTrustArgs {
    /** The explicit provider of the cluster. */
    provider: k8s.Provider;
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

    constructor(name: string, args: FederationTrustArgs, opts?: pulumi.ComponentResourceOptions) {
        const clusterName = requireDnsLabel("FederationTrustArgs.clusterName", args.clusterName);
        const hosts = resolveHosts("FederationTrustArgs.hosts", args.hosts);
        const peers = (args.egress?.peers ?? []).map((p, i) => requireDnsLabel(`FederationTrustArgs.egress.peers[${i}]`, p));
        const sidecarNamespaces = (args.sidecarCredentialNamespaces ?? []).map((ns, i) => requireDnsLabel(`FederationTrustArgs.sidecarCredentialNamespaces[${i}]`, ns));
        if (sidecarNamespaces.length > 0 && peers.length === 0) {
            throw new InputError(at("FederationTrustArgs", "sidecarCredentialNamespaces"), sidecarNamespaces, "sidecars get copies of the peers' client credentials: list the peers in egress.peers");
        }
        super("meshfed:trust:FederationTrust", name, {}, opts);
        this.hosts = hosts;
        const child = { parent: this };

        this.ca = new MeshCa(`${name}-ca`, { clusterName, ...args.ca }, child);
        if (args.ingressNamespace !== undefined) {
            this.ingressCert = new GatewayCert(`${name}-ingress`, { ca: this.ca, dnsNames: hosts, usage: "server", ...args.certificates }, child);
            this.ingressCredential = new GatewayCredential(
                `${name}-ingress`,
                { provider: args.provider, namespace: args.ingressNamespace, credentialName: INGRESS_CREDENTIAL, certificate: this.ingressCert },
                child,
            );
        }
        const credential = (resource: string, namespace: pulumi.Input<string>, peer: string, cert: GatewayCert, aliases: pulumi.Alias[] = []) =>
            new GatewayCredential(resource, { provider: args.provider, namespace, credentialName: egressCredentialName(peer), certificate: cert }, { ...child, aliases });
        this.egressCredentials = {};
        this.sidecarCredentials = {};
        if (args.egress && peers.length > 0) {
            const cert = new GatewayCert(`${name}-egress`, { ca: this.ca, dnsNames: [hosts[0]], usage: "client", ...args.certificates }, child);
            this.egressCert = cert;
            // meshfed 0.1 had one client credential for all peers: the first peer's takes over its state.
            peers.forEach((peer, i) => {
                this.egressCredentials[peer] = credential(`${name}-egress-${peer}`, args.egress!.namespace, peer, cert, i === 0 ? [{ name: `${name}-egress` }] : []);
            });
            for (const ns of sidecarNamespaces) {
                this.sidecarCredentials[ns] = Object.fromEntries(peers.map((peer) => [peer, credential(`${name}-sidecar-${ns}/${peer}`, ns, peer, cert)]));
            }
        }
        this.caCertPem = this.ca.certPem;
        this.registerOutputs({ caCertPem: this.caCertPem, hosts: this.hosts });
    }
}
