/**
 * How istiod finds the cluster's intermediate CA ("plug-in CA certificates"). Istio reads four files from
 * one directory: `ca-cert.pem`, `ca-key.pem`, `root-cert.pem`, `cert-chain.pem`, by default from the Secret
 * `cacerts`. The key is made in the cluster's CA-request stack and the certificates arrive after the root
 * stack signs them, so no single stack could write `cacerts` without the key passing through a second
 * stack's state. meshfed therefore keeps them apart: Secret `meshfed-ca-key` (`ca-key.pem`, CA-request
 * stack) and Secret `meshfed-cacerts` (the three public files, mesh stack), projected into one directory of
 * the istiod pod, which `ROOT_CA_DIR` points at. Kubernetes refreshes projected Secrets in place, and
 * istiod reloads the directory when the files change, checking that key, certificate and roots match.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { clusterProvider, dependenciesOf } from "../core/cluster-provider";
import { SignedIntermediate } from "./mesh-contracts";

export const CA_KEY_SECRET = "meshfed-ca-key";
export const CA_CERTS_SECRET = "meshfed-cacerts";
export const CA_KEY_FILE = "ca-key.pem";
/** Istio's file names (security/pkg/pki/ca: CACertFile, CertChainFile, RootCertFile). */
export const CA_CERT_FILES = { cert: "ca-cert.pem", chain: "cert-chain.pem", root: "root-cert.pem" } as const;
/** Where the projected directory is mounted in the istiod container. */
export const PLUGGED_CA_DIR = "/var/run/secrets/meshfed/cacerts";
const VOLUME = "meshfed-cacerts";

/** The public files of `meshfed-cacerts`. */
export function pluggedCaFiles(intermediate: SignedIntermediate, rootCertPem: string): Record<string, string> {
    return { [CA_CERT_FILES.cert]: intermediate.certPem, [CA_CERT_FILES.chain]: intermediate.certChainPem, [CA_CERT_FILES.root]: rootCertPem };
}

/**
 * The istiod chart values that load the plugged CA from both Secrets: a projected volume, its mount, and
 * `ROOT_CA_DIR`. `ISTIO_MULTIROOT_MESH` lets istiod take a `root-cert.pem` that gains or loses a root in
 * place, as a rollover does (it refuses any other root change without a restart).
 */
export function pluggedCaValues(keySecret: string = CA_KEY_SECRET): Record<string, unknown> {
    return {
        env: { ROOT_CA_DIR: PLUGGED_CA_DIR, ISTIO_MULTIROOT_MESH: "true" },
        volumes: [{ name: VOLUME, projected: { sources: [{ secret: { name: CA_CERTS_SECRET } }, { secret: { name: keySecret } }] } }],
        volumeMounts: [{ name: VOLUME, mountPath: PLUGGED_CA_DIR, readOnly: true }],
    };
}

export interface PluggedCaCertsArgs {
    /**
     * The cluster's provider.
     * @deprecated pass it as a resource option: `{ provider }`; still read.
     * @default the Kubernetes provider of the resource options (or of the parent)
     */
    provider?: k8s.Provider;
    /** Istio's namespace, next to `meshfed-ca-key`; it must exist. */
    namespace: pulumi.Input<string>;
    /** The cluster's intermediate as the root stack signed it. */
    intermediate: pulumi.Input<SignedIntermediate>;
    /** The roots the mesh trusts now. */
    rootCertPem: pulumi.Input<string>;
}

/**
 * The public half of a cluster's plugged CA: `meshfed-cacerts`, with the signed intermediate and the roots.
 * Its args hold nothing to check before registering (Inputs only), so it has no resolver.
 */
export class PluggedCaCerts extends pulumi.ComponentResource {
    readonly secret: k8s.core.v1.Secret;

    constructor(name: string, args: PluggedCaCertsArgs, opts?: pulumi.ComponentResourceOptions) {
        const provider = clusterProvider("PluggedCaCerts", args.provider, opts);
        super("meshfed:mesh:PluggedCaCerts", name, {}, opts);
        this.secret = new k8s.core.v1.Secret(
            `${name}-secret`,
            {
                metadata: { name: CA_CERTS_SECRET, namespace: args.namespace, labels: { "app.kubernetes.io/managed-by": "meshfed" } },
                type: "Opaque",
                stringData: pulumi.all([args.intermediate, args.rootCertPem]).apply(([i, root]) => pluggedCaFiles(i, root)),
            },
            { parent: this, provider, dependsOn: dependenciesOf(opts) },
        );
        this.registerOutputs({ secret: { namespace: this.secret.metadata.namespace, name: this.secret.metadata.name } });
    }
}
