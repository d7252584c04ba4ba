/**
 * Names of the credential Secrets, shared by the stack that issues a credential and the one that points
 * Istio at it (`credentialName`, `caCertCredentialName`). Istio reads them from the proxy's own namespace.
 */

/** The ingress gateway's server key and certificate. */
export const INGRESS_CREDENTIAL = "federation-ingress";

/**
 * The CAs the ingress gateway accepts from one consumer, and from no one else: each consumer has a
 * Gateway server (and so an Envoy filter chain) of its own, validated by this bundle alone. The name must
 * end in `-cacert`: Istio's SDS reads any other name as a key-and-certificate Secret and, finding only
 * `ca.crt`, serves nothing, so the consumer's filter chain would never become active.
 */
export function consumerBundleName(consumer: string): string {
    return caCompanionName(`${INGRESS_CREDENTIAL}-${consumer}`);
}

/**
 * The client key and certificate used towards one peer. The key is the same for every peer; the Secret
 * is not, because Istio validates a DestinationRule's upstream with `<credentialName>-cacert`: one
 * credential per peer is what lets each peer be checked against its own CA only.
 */
export function egressCredentialName(peer: string): string {
    return `federation-egress-${peer}`;
}

/** Istio's companion Secret of a client credential: the CA certificates (`ca.crt`) the upstream is validated with. */
export function caCompanionName(credentialName: string): string {
    return `${credentialName}-cacert`;
}
