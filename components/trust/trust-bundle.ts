import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { requireDnsLabel } from "../core/checks";
import { InputError } from "../core/input-error";
import { joinBundle } from "./pem-bundle";

export interface TrustBundleArgs {
    /** The explicit provider of the gateway's cluster. */
    provider: k8s.Provider;
    /** The gateways' namespace. */
    namespace: pulumi.Input<string>;
    /** The gateway credential this bundle completes; the Secret is named `<credentialName>-cacert`. */
    credentialName: string;
    /**
     * The CA certificates (PEM) accepted: the peers' federation CAs. Several are fine (several peers, or
     * a peer's old and new CA during a rollover); duplicates are kept once. At least one.
     */
    caCertificates: pulumi.Input<string>[];
}

/**
 * The CA certificates a gateway accepts, in Istio's companion Secret `<credentialName>-cacert` under
 * `ca.crt`. Kept apart from the key so it can be owned by another stack: the one that knows the peers.
 */
export class TrustBundle extends pulumi.ComponentResource {
    readonly secretName: string;
    /** The bundle as written: the accepted CA certificates, concatenated. */
    readonly bundlePem: pulumi.Output<string>;

    constructor(name: string, args: TrustBundleArgs, opts?: pulumi.ComponentResourceOptions) {
        super("meshfed:trust:TrustBundle", name, {}, opts);
        const credentialName = requireDnsLabel("TrustBundleArgs.credentialName", args.credentialName);
        if (args.caCertificates.length === 0) {
            throw new InputError("TrustBundleArgs.caCertificates", [], "a trust bundle needs at least one CA certificate");
        }
        // Literal PEMs (from stack config) are checked now, before anything is registered; PEMs that come
        // from other resources or stacks are checked when they resolve.
        const literal = args.caCertificates.filter((c): c is string => typeof c === "string");
        if (literal.length === args.caCertificates.length) joinBundle("TrustBundleArgs.caCertificates", literal);
        this.secretName = `${credentialName}-cacert`;
        this.bundlePem = pulumi.all(args.caCertificates).apply((pems) => joinBundle("TrustBundleArgs.caCertificates", pems));
        new k8s.core.v1.Secret(
            `${name}-secret`,
            {
                metadata: { name: this.secretName, namespace: args.namespace, labels: { "app.kubernetes.io/managed-by": "meshfed" } },
                type: "Opaque",
                stringData: { "ca.crt": this.bundlePem },
            },
            { parent: this, provider: args.provider },
        );
        this.registerOutputs({ secretName: this.secretName, bundlePem: this.bundlePem });
    }
}
