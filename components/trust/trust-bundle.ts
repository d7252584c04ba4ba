import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { childAliases } from "../core/aliases";
import { clusterProvider, dependenciesOf } from "../core/cluster-provider";
import { requireDnsLabel } from "../core/checks";
import { InputError } from "../core/input-error";
import { joinBundle } from "./pem-bundle";

export interface TrustBundleArgs {
    /**
     * The explicit provider of the gateway's cluster.
     * @deprecated pass it as a resource option, `{ provider }` (still read; the two must agree)
     * @default the Kubernetes provider of the resource options, or of the parent
     */
    provider?: k8s.Provider;
    /** The namespace of the proxy that uses it: Istio reads bundles from the proxy's own namespace. */
    namespace: pulumi.Input<string>;
    /**
     * The Secret's name: a Gateway server's `caCertCredentialName`, or `<credentialName>-cacert` for a
     * DestinationRule's credential (see `caCompanionName`).
     */
    secretName: string;
    /**
     * The CA certificates (PEM) accepted: one peer's federation CA (a bundle that pooled several peers'
     * CAs would let any of them issue another's identity), or that peer's old and new CA side by side
     * during its rollover; duplicates are kept once. At least one.
     */
    caCertificates: pulumi.Input<string>[];
}

/**
 * The CA certificates a proxy accepts from one peer, as an Opaque Secret with `ca.crt`. Kept apart from
 * the key so it can be owned by another stack: the one that reads the peers' contracts.
 */
export class TrustBundle extends pulumi.ComponentResource {
    readonly secretName: string;
    /** The bundle as written: the accepted CA certificates, concatenated. */
    readonly bundlePem: pulumi.Output<string>;
    readonly secret: k8s.core.v1.Secret;

    constructor(name: string, args: TrustBundleArgs, opts?: pulumi.ComponentResourceOptions) {
        const secretName = requireDnsLabel("TrustBundleArgs.secretName", args.secretName);
        if (args.caCertificates.length === 0) {
            throw new InputError("TrustBundleArgs.caCertificates", [], "a trust bundle needs at least one CA certificate");
        }
        // Literal PEMs (from stack config) are checked now, before anything is registered; PEMs that come
        // from other resources or stacks are checked when they resolve.
        const literal = args.caCertificates.filter((c): c is string => typeof c === "string");
        if (literal.length === args.caCertificates.length) joinBundle("TrustBundleArgs.caCertificates", literal);
        const provider = clusterProvider("TrustBundle", args.provider, opts);
        super("meshfed:trust:TrustBundle", name, {}, opts);
        this.secretName = secretName;
        this.bundlePem = pulumi.all(args.caCertificates).apply((pems) => joinBundle("TrustBundleArgs.caCertificates", pems));
        this.secret = new k8s.core.v1.Secret(
            `${name}-secret`,
            {
                metadata: { name: this.secretName, namespace: args.namespace, labels: { "app.kubernetes.io/managed-by": "meshfed" } },
                type: "Opaque",
                stringData: { "ca.crt": this.bundlePem },
            },
            { parent: this, provider, dependsOn: dependenciesOf(opts), aliases: childAliases(opts, name, `${name}-secret`) },
        );
        this.registerOutputs({ secretName: this.secretName, bundlePem: this.bundlePem });
    }
}
