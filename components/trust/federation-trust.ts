import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { requireDnsLabel } from "../core/checks";
import { CaSettings, LeafSettings } from "./cert-specs";
import { GatewayCert, resolveHosts } from "./gateway-cert";
import { GatewayCredential } from "./gateway-credential";
import { MeshCa } from "./mesh-ca";

export interface FederationTrustArgs {
    /** The explicit provider of the cluster. */
    provider: k8s.Provider;
    /** The private gateways' namespace, where the credential Secrets go. */
    namespace: pulumi.Input<string>;
    /** The cluster's federation name. */
    clusterName: string;
    /**
     * The cluster's federation hosts, e.g. `["c2.example.com"]`. The first is the cluster's identity: the
     * SNI peers send to its ingress gateway, and the name its egress gateway presents to peers. All are
     * DNS SANs of the ingress certificate.
     */
    hosts: string[];
    /** The federation CA. @default ECDSA P-256, 10 years, renewed in its last year, not protected */
    ca?: CaSettings;
    /** The gateway certificates. @default ECDSA P-256, 90 days, renewed in their last 30 days */
    certificates?: LeafSettings;
    /** Name of the ingress gateway's credential Secret. @default "federation-ingress" */
    ingressCredentialName?: string;
    /** Name of the egress gateway's credential Secret. @default "federation-egress" */
    egressCredentialName?: string;
    /**
     * Application namespaces whose sidecars call peers directly (imports with `via: sidecar`): each gets a
     * copy of the egress credential, since Istio reads a sidecar's `credentialName` from its own
     * namespace. Every copy widens who can read the client key: prefer the egress gateway. @default none
     */
    sidecarCredentialNamespaces?: string[];
}

/**
 * A cluster's federation identity: its own root CA, the ingress gateway's server certificate for the
 * cluster's hosts, the egress gateway's client certificate, and both as Istio credential Secrets.
 */
export class FederationTrust extends pulumi.ComponentResource {
    readonly ca: MeshCa;
    /** The CA certificate peers must trust (public). */
    readonly caCertPem: pulumi.Output<string>;
    readonly hosts: string[];
    readonly ingressCert: GatewayCert;
    readonly egressCert: GatewayCert;
    readonly ingressCredential: GatewayCredential;
    readonly egressCredential: GatewayCredential;
    /** Copies of the egress credential in application namespaces, for sidecars that call peers directly. */
    readonly sidecarCredentials: GatewayCredential[];

    constructor(name: string, args: FederationTrustArgs, opts?: pulumi.ComponentResourceOptions) {
        super("meshfed:trust:FederationTrust", name, {}, opts);
        const clusterName = requireDnsLabel("FederationTrustArgs.clusterName", args.clusterName);
        this.hosts = resolveHosts("FederationTrustArgs.hosts", args.hosts);
        const child = { parent: this };

        this.ca = new MeshCa(`${name}-ca`, { clusterName, ...args.ca }, child);
        this.ingressCert = new GatewayCert(
            `${name}-ingress`,
            { ca: this.ca, dnsNames: this.hosts, usage: "server", ...args.certificates },
            child,
        );
        this.egressCert = new GatewayCert(
            `${name}-egress`,
            { ca: this.ca, dnsNames: [this.hosts[0]], usage: "client", ...args.certificates },
            child,
        );
        const secretArgs = { provider: args.provider, namespace: args.namespace };
        this.ingressCredential = new GatewayCredential(
            `${name}-ingress`,
            { ...secretArgs, credentialName: args.ingressCredentialName ?? "federation-ingress", certificate: this.ingressCert },
            child,
        );
        this.egressCredential = new GatewayCredential(
            `${name}-egress`,
            { ...secretArgs, credentialName: args.egressCredentialName ?? "federation-egress", certificate: this.egressCert },
            child,
        );
        this.sidecarCredentials = (args.sidecarCredentialNamespaces ?? []).map(
            (ns, i) =>
                new GatewayCredential(
                    `${name}-egress-${requireDnsLabel(`FederationTrustArgs.sidecarCredentialNamespaces[${i}]`, ns)}`,
                    { provider: args.provider, namespace: ns, credentialName: this.egressCredential.credentialName, certificate: this.egressCert },
                    child,
                ),
        );
        this.caCertPem = this.ca.certPem;
        this.registerOutputs({ caCertPem: this.caCertPem, hosts: this.hosts });
    }
}
