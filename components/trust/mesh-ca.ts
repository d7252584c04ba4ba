import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import * as tls from "@pulumi/tls";
import { requireDnsLabel } from "../core/checks";
import { CaSettings, ResolvedCa, resolveCa } from "./cert-specs";
import { privateKeyArgs } from "./key-algorithm";
import { generationTrigger } from "./key-generation";

export interface MeshCaArgs extends CaSettings {
    /** The cluster this CA is the federation root of; names the CA's default subject. */
    clusterName: string;
    /**
     * The most CA certificates that may follow this one in a chain (RFC 5280 pathLenConstraint): a shared
     * root sets 1, so its intermediates can sign workloads but no CA below them verifies.
     * @default none: a cluster's own federation CA signs only leaves
     */
    maxPathLength?: number;
}

/**
 * A cluster's federation root CA. Each cluster has its own: peers trust it by its public certificate,
 * exchanged through stack outputs; its key never leaves this stack.
 */
export class MeshCa extends pulumi.ComponentResource {
    /** The CA certificate (PEM): public, the value peers put in their trust bundles. */
    readonly certPem: pulumi.Output<string>;
    /** The CA key (PEM), a secret: only this stack's certificate issuance reads it. */
    readonly privateKeyPem: pulumi.Output<string>;
    /** The key algorithm of the CA, as `tls.LocallySignedCert` wants it (`ECDSA` or `RSA`). */
    readonly keyAlgorithm: pulumi.Output<string>;
    /** The settings after defaults. */
    readonly spec: ResolvedCa;

    constructor(name: string, args: MeshCaArgs, opts?: pulumi.ComponentResourceOptions) {
        super("meshfed:trust:MeshCa", name, {}, opts);
        const { clusterName, maxPathLength, ...settings } = args;
        const spec = resolveCa("MeshCaArgs", settings, requireDnsLabel("MeshCaArgs.clusterName", clusterName));
        this.spec = spec;

        // Stable in state until `rotation` changes; the key is replaced whenever this value does.
        const generation = new random.RandomId(
            `${name}-generation`,
            { byteLength: 8, keepers: { rotation: spec.rotation } },
            { parent: this },
        );
        const key = new tls.PrivateKey(`${name}-key`, privateKeyArgs(spec.algorithm), {
            parent: this,
            protect: spec.protect,
            replacementTrigger: generationTrigger(generation),
        });
        const cert = new tls.SelfSignedCert(
            `${name}-cert`,
            {
                privateKeyPem: key.privateKeyPem,
                isCaCertificate: true,
                maxPathLength,
                subject: spec.subject,
                validityPeriodHours: spec.validityHours,
                earlyRenewalHours: spec.earlyRenewalHours,
                allowedUses: ["cert_signing", "crl_signing", "digital_signature"],
                setSubjectKeyId: true,
            },
            { parent: this, protect: spec.protect },
        );

        this.certPem = cert.certPem;
        this.privateKeyPem = pulumi.secret(key.privateKeyPem);
        this.keyAlgorithm = key.algorithm;
        this.registerOutputs({ certPem: this.certPem });
    }
}
