/**
 * The exposing side's Gateway: the private ingress gateway terminates mutual TLS with the cluster's own
 * certificate, in one server per consumer. Each server has its own SNI host and accepts only that
 * consumer's CA and name, so a certificate is accepted only as the identity of the peer whose CA issued
 * it: a consumer's CA cannot mint a certificate that another consumer's server accepts.
 */
import { INGRESS_GATEWAY_NAME } from "./names";

export interface ConsumerServer {
    /** The consumer's federation name. */
    cluster: string;
    /** The SNI host it connects with (`consumerSni` of the exporter's contract host). */
    sni: string;
    /**
     * Every SNI host it is served on: `sni` first, then `consumerSni` of each of the exporter's additional
     * federation hosts (a consumer that dials the exporter by another of its names).
     */
    snis: string[];
    /** Its federation host: the name its client certificate must carry. */
    host: string;
    /** The Secret holding its CA only. */
    caBundle: string;
}

export interface IngressServerInput {
    namespace: string;
    /** The ingress gateway pods' labels. */
    selector: Record<string, string>;
    port: number;
    /** The Secret with this cluster's server `tls.crt`/`tls.key`. */
    credentialName: string;
    consumers: ConsumerServer[];
}

export function buildIngressGateway(input: IngressServerInput) {
    return {
        apiVersion: "networking.istio.io/v1",
        kind: "Gateway",
        metadata: { name: INGRESS_GATEWAY_NAME, namespace: input.namespace },
        spec: {
            selector: input.selector,
            servers: input.consumers.map((c) => ({
                // Istio names each HTTPS server's routes after its port name: one name per consumer.
                port: { number: input.port, name: `https-${c.cluster}`, protocol: "HTTPS" },
                hosts: c.snis,
                tls: { mode: "MUTUAL", credentialName: input.credentialName, caCertCredentialName: c.caBundle, subjectAltNames: [c.host] },
            })),
        },
    };
}
