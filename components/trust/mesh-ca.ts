import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import * as tls from "@pulumi/tls";
import { requireDnsLabel } from "../core/checks";
import { ArgsPaths, argsPaths, Resolved } from "../core/resolved";
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

/** MeshCaArgs as resolved: the CA's settings after defaults. */
export type MeshCaResolution = ResolvedCa;

/** What `resolveMeshCaArgs` made of the args: the constructor takes it as it is. */
export type ResolvedMeshCaArgs = Resolved<MeshCaArgs, MeshCaResolution>;

/** Checks MeshCaArgs and applies their defaults, naming `where`; a resolution given again passes through unchanged. */
export function resolveMeshCaArgs(args: MeshCaArgs | ResolvedMeshCaArgs, where: ArgsPaths<"clusterName"> = {}): ResolvedMeshCaArgs {
    const { root, of } = argsPaths("MeshCa", where);
    return Resolved.once("MeshCa", args, ({ clusterName, maxPathLength: _m, ...settings }) => resolveCa(root, settings, requireDnsLabel(of("clusterName"), clusterName)));
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
    /** Replaced when `rotation` changes, and the key with it. */
    readonly generation: random.RandomId;
    readonly key: tls.PrivateKey;
    readonly cert: tls.SelfSignedCert;

    constructor(name: string, args: MeshCaArgs | ResolvedMeshCaArgs, opts?: pulumi.ComponentResourceOptions) {
        const { args: given, value: spec } = resolveMeshCaArgs(args);
        super("meshfed:trust:MeshCa", name, {}, opts);
        this.spec = spec;

        // Stable in state until `rotation` changes; the key is replaced whenever this value does.
        this.generation = new random.RandomId(
            `${name}-generation`,
            { byteLength: 8, keepers: { rotation: spec.rotation } },
            { parent: this },
        );
        this.key = new tls.PrivateKey(`${name}-key`, privateKeyArgs(spec.algorithm), {
            parent: this,
            protect: spec.protect,
            replacementTrigger: generationTrigger(this.generation),
        });
        this.cert = new tls.SelfSignedCert(
            `${name}-cert`,
            {
                privateKeyPem: this.key.privateKeyPem,
                isCaCertificate: true,
                maxPathLength: given.maxPathLength,
                subject: spec.subject,
                validityPeriodHours: spec.validityHours,
                earlyRenewalHours: spec.earlyRenewalHours,
                allowedUses: ["cert_signing", "crl_signing", "digital_signature"],
                setSubjectKeyId: true,
            },
            { parent: this, protect: spec.protect },
        );

        this.certPem = this.cert.certPem;
        this.privateKeyPem = pulumi.secret(this.key.privateKeyPem);
        this.keyAlgorithm = this.key.algorithm;
        this.registerOutputs({ certPem: this.certPem });
    }
}
