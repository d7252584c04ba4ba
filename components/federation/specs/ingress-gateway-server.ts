/**
 * The exposing side's Gateway: the private ingress gateway terminates mutual TLS for the cluster's
 * federation host, with the cluster's own certificate, and completes the handshake only for clients
 * whose certificate is signed by an accepted peer CA and names an accepted peer.
 */
import { INGRESS_GATEWAY_NAME } from "./names";

export interface IngressServerInput {
    namespace: string;
    /** The ingress gateway pods' labels. */
    selector: Record<string, string>;
    /** The federation hosts served (SNI). */
    hosts: string[];
    port: number;
    /** The Secret with `tls.crt`/`tls.key`; its `-cacert` companion holds the accepted peers' CAs. */
    credentialName: string;
    /** The federation hosts of the peers allowed to connect at all: their certificates' SANs. */
    peerHosts: string[];
}

export function buildIngressGateway(input: IngressServerInput) {
    return {
        apiVersion: "networking.istio.io/v1",
        kind: "Gateway",
        metadata: { name: INGRESS_GATEWAY_NAME, namespace: input.namespace },
        spec: {
            selector: input.selector,
            servers: [
                {
                    port: { number: input.port, name: "https-federation", protocol: "HTTPS" },
                    hosts: input.hosts,
                    tls: { mode: "MUTUAL", credentialName: input.credentialName, subjectAltNames: [...input.peerHosts].sort() },
                },
            ],
        },
    };
}
