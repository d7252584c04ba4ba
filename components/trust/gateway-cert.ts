import * as pulumi from "@pulumi/pulumi";
import * as tls from "@pulumi/tls";
import { at, InputError } from "../core/input-error";
import { requireHostname, requireOneOf } from "../core/checks";
import { LeafSettings, ResolvedLeaf, resolveLeaf } from "./cert-specs";
import { keyUsages, privateKeyArgs } from "./key-algorithm";
import { MeshCa } from "./mesh-ca";

/**
 * What a gateway certificate proves. `server`: the ingress gateway terminating federation mTLS for its
 * hosts. `client`: the egress gateway (or a sidecar) originating mTLS to a peer's ingress.
 */
export type CertificateUsage = "server" | "client";

export interface GatewayCertArgs extends LeafSettings {
    /** The CA that signs the certificate. */
    ca: MeshCa;
    /** The certificate's DNS SANs, exactly; the first is also its common name. At least one, no duplicates. */
    dnsNames: string[];
    /** Server or client certificate: sets the extended key usage. */
    usage: CertificateUsage;
}

/** The URI SAN that carries a federation principal: Istio strips `spiffe://` to get `source.principal`. */
export function principalUri(principal: string): string {
    return `spiffe://${principal}`;
}

/** Checks a list of host names: each a DNS name, none twice. */
export function resolveHosts(path: string, hosts: unknown): string[] {
    if (!Array.isArray(hosts) || hosts.length === 0) throw new InputError(path, hosts, "expected a list of at least one DNS name");
    const seen = new Set<string>();
    return hosts.map((h, i) => {
        const host = requireHostname(at(path, i), h);
        if (seen.has(host)) throw new InputError(at(path, i), host, "each host may appear once");
        seen.add(host);
        return host;
    });
}

/** A gateway's key and certificate, issued by the cluster's federation CA. */
export class GatewayCert extends pulumi.ComponentResource {
    readonly certPem: pulumi.Output<string>;
    /** The private key (PEM), a secret. */
    readonly privateKeyPem: pulumi.Output<string>;
    /**
     * For a client certificate, the identity peers authorize it by (AuthorizationPolicy `principals`): its
     * first host, carried as the URI SAN `spiffe://<host>`, which Istio reads as the source principal.
     */
    readonly principal?: string;
    /** True once the certificate is inside its renewal window: the next `pulumi up` replaces it. */
    readonly readyForRenewal: pulumi.Output<boolean>;
    readonly dnsNames: string[];
    readonly spec: ResolvedLeaf;

    constructor(name: string, args: GatewayCertArgs, opts?: pulumi.ComponentResourceOptions) {
        const { ca, dnsNames, usage, ...leaf } = args;
        const hosts = resolveHosts("GatewayCertArgs.dnsNames", dnsNames);
        requireOneOf("GatewayCertArgs.usage", usage, ["server", "client"]);
        const spec = resolveLeaf("GatewayCertArgs", leaf, ca.spec);
        super("meshfed:trust:GatewayCert", name, {}, opts);
        this.dnsNames = hosts;
        this.spec = spec;
        this.principal = usage === "client" ? this.dnsNames[0] : undefined;

        const key = new tls.PrivateKey(`${name}-key`, privateKeyArgs(spec.algorithm), { parent: this });
        const csr = new tls.CertRequest(
            `${name}-csr`,
            {
                privateKeyPem: key.privateKeyPem,
                subject: { ...spec.subject, commonName: this.dnsNames[0] },
                dnsNames: this.dnsNames,
                uris: this.principal ? [principalUri(this.principal)] : undefined,
            },
            { parent: this },
        );
        const cert = new tls.LocallySignedCert(
            `${name}-cert`,
            {
                certRequestPem: csr.certRequestPem,
                caCertPem: ca.certPem,
                caPrivateKeyPem: ca.privateKeyPem,
                validityPeriodHours: spec.validityHours,
                earlyRenewalHours: spec.earlyRenewalHours,
                allowedUses: [...keyUsages(spec.algorithm), usage === "server" ? "server_auth" : "client_auth"],
                setSubjectKeyId: true,
            },
            { parent: this },
        );

        this.certPem = cert.certPem;
        this.privateKeyPem = pulumi.secret(key.privateKeyPem);
        this.readyForRenewal = cert.readyForRenewal;
        this.registerOutputs({ certPem: this.certPem, readyForRenewal: this.readyForRenewal });
    }
}
