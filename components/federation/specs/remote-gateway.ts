/**
 * A peer's ingress gateway as a destination of the consuming mesh: a ServiceEntry for its federation host
 * (static endpoint for an IP, DNS resolution for a load balancer's DNS name) and a DestinationRule that
 * originates mutual TLS with this cluster's credential for that peer: SNI naming this consumer, the
 * peer's certificate checked against its host and against its own CA only (the credential's `-cacert`).
 * Both are visible only in the namespace that originates (`exportTo: .`).
 */
import { ReachableContract } from "../contract";
import { PeerOutlierDetection } from "../import-specs";
import { peerObjectName } from "./names";

export function buildPeerServiceEntry(peer: ReachableContract, namespace: string) {
    const endpoint = peer.address.ip ?? peer.address.hostname!;
    return {
        apiVersion: "networking.istio.io/v1",
        kind: "ServiceEntry",
        metadata: { name: peerObjectName(peer.cluster), namespace },
        spec: {
            hosts: [peer.host],
            exportTo: ["."],
            location: "MESH_EXTERNAL",
            ports: [{ number: peer.port, name: "https-federation", protocol: "HTTPS" }],
            resolution: peer.address.ip ? "STATIC" : "DNS",
            endpoints: [{ address: endpoint }],
        },
    };
}

export interface PeerOrigination {
    /** The client credential Secret towards this peer, in `namespace`. */
    credentialName: string;
    /** The SNI (and authority) this consumer reaches the peer by. */
    sni: string;
    /** The originating workloads' labels: the egress gateway's, or the calling sidecars' (Istio ignores a sidecar's credential without a selector). */
    workloadLabels?: Record<string, string>;
    outlierDetection: PeerOutlierDetection | false;
}

export function buildPeerDestinationRule(peer: ReachableContract, namespace: string, o: PeerOrigination) {
    return {
        apiVersion: "networking.istio.io/v1",
        kind: "DestinationRule",
        metadata: { name: peerObjectName(peer.cluster), namespace },
        spec: {
            host: peer.host,
            exportTo: ["."],
            ...(o.workloadLabels ? { workloadSelector: { matchLabels: o.workloadLabels } } : {}),
            trafficPolicy: {
                tls: { mode: "MUTUAL", credentialName: o.credentialName, sni: o.sni, subjectAltNames: [peer.host] },
                ...(o.outlierDetection ? { outlierDetection: o.outlierDetection } : {}),
            },
        },
    };
}
