/**
 * What an identity stack is made of, as its caller means it: the federation identity and the private
 * gateways. `IdentityStack` checks them (`resolveIdentityStackArgs`); the program reads them from
 * `meshfed:trust` and `meshfed:gateways` (program/trust-settings.ts, gateway-settings.ts).
 */
import { EgressSettings, IngressSettings } from "../gateway/gateway-specs";
import { CaSettings, LeafSettings } from "../trust/cert-specs";

export interface IdentityTrust {
    /** The names the ingress gateway answers to: the federation host first, then any additional hosts. */
    hosts: string[];
    /** The federation CA's settings (key algorithm, validity, subject). @default ECDSA P-256, 10 years, renewed in its last year */
    ca?: CaSettings;
    /** The gateway certificates' settings (key algorithm, validity, early renewal). @default ECDSA P-256, 90 days, renewed in their last 30 */
    certificates?: LeafSettings;
    /** Application namespaces that get a copy of each peer client credential, for imports `via: sidecar`. @default none */
    sidecarCredentialNamespaces?: string[];
}

export interface IdentityGatewaySettings {
    /**
     * The ingress gateway, in a namespace of its own (created by the stack), which serves the exports.
     * @default none: the cluster exports nothing
     */
    ingress?: IngressSettings & { namespace: string };
    /** The egress gateway, in a namespace of its own (created by the stack). @default none: the cluster imports from no peer */
    egress?: EgressSettings & {
        namespace: string;
        /** The clusters this one imports from: the egress gateway gets one client credential per peer. */
        peers: string[];
    };
}
