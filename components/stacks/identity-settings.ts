/**
 * What an identity stack is made of, resolved: the federation identity and the private gateways. The program
 * resolves them from `meshfed:trust` and `meshfed:gateways` (program/trust-settings.ts, gateway-settings.ts).
 */
import { EgressSettings, IngressSettings } from "../gateway/gateway-specs";
import { CaSettings, LeafSettings } from "../trust/cert-specs";

export interface IdentityTrust {
    /** The names the ingress gateway answers to: the federation host first, then any additional hosts. */
    hosts: string[];
    /** The federation CA's settings (key algorithm, validity, subject). */
    ca: CaSettings;
    /** The gateway certificates' settings (key algorithm, validity, early renewal). */
    certificates: LeafSettings;
    /** Application namespaces that get a copy of each peer client credential, for imports `via: sidecar`. */
    sidecarCredentialNamespaces: string[];
}

export interface IdentityGatewaySettings {
    /** Absent on a cluster that exports nothing (unless asked for), or switched off with `ingress: false`. */
    ingress?: IngressSettings & { namespace: string };
    /** Absent on a cluster that imports from no peer. */
    egress?: EgressSettings & {
        namespace: string;
        /** The clusters this one imports from: the egress gateway gets one client credential per peer. */
        peers: string[];
    };
}
