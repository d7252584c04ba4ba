import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { childAliases } from "../core/aliases";
import { clusterProvider, dependenciesOf } from "../core/cluster-provider";
import { requireDnsLabel } from "../core/checks";
import { GatewayCert } from "./gateway-cert";

export interface GatewayCredentialArgs {
    /**
     * The explicit provider of the gateway's cluster.
     * @deprecated pass it as a resource option, `{ provider }` (still read; the two must agree)
     * @default the Kubernetes provider of the resource options, or of the parent
     */
    provider?: k8s.Provider;
    /** The gateways' namespace: Istio reads a gateway's `credentialName` from its own namespace. */
    namespace: pulumi.Input<string>;
    /**
     * The Secret's name, which Gateways and DestinationRules name as `credentialName`. Fixed, so a renewed
     * certificate updates the Secret in place and every reference keeps working.
     */
    credentialName: string;
    /** The key and certificate to serve. */
    certificate: GatewayCert;
}

/**
 * A gateway's key and certificate as Istio's SDS reads them through `credentialName`: a
 * `kubernetes.io/tls` Secret with `tls.crt` and `tls.key`. The trust bundle lives apart, in the
 * `<credentialName>-cacert` Secret (see TrustBundle), so peers can change without touching the key.
 */
export class GatewayCredential extends pulumi.ComponentResource {
    readonly credentialName: string;
    readonly secret: k8s.core.v1.Secret;

    constructor(name: string, args: GatewayCredentialArgs, opts?: pulumi.ComponentResourceOptions) {
        const credentialName = requireDnsLabel("GatewayCredentialArgs.credentialName", args.credentialName);
        const provider = clusterProvider("GatewayCredential", args.provider, opts);
        super("meshfed:trust:GatewayCredential", name, {}, opts);
        this.credentialName = credentialName;
        this.secret = new k8s.core.v1.Secret(
            `${name}-secret`,
            {
                metadata: { name: this.credentialName, namespace: args.namespace, labels: { "app.kubernetes.io/managed-by": "meshfed" } },
                type: "kubernetes.io/tls",
                stringData: pulumi.secret({ "tls.crt": args.certificate.certPem, "tls.key": args.certificate.privateKeyPem }),
            },
            { parent: this, provider, dependsOn: dependenciesOf(opts), aliases: childAliases(opts, name, `${name}-secret`) },
        );
        this.registerOutputs({ credentialName: this.credentialName });
    }
}
