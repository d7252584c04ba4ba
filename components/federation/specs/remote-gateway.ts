/**
 * A peer's ingress gateway as a destination of the consuming mesh: a ServiceEntry for its federation host
 * (static endpoint for an IP, DNS resolution for a load balancer's DNS name) and a DestinationRule that
 * originates mutual TLS with this cluster's egress credential, SNI set to the peer's host and its
 * certificate checked against it. Outlier detection ejects a peer gateway that stops answering.
 */
import { ReachableContract } from "../contract";
import { OutlierDetection } from "../import-specs";
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

export function buildPeerDestinationRule(
    peer: ReachableContract,
    namespace: string,
    credentialName: string,
    outlierDetection: Required<OutlierDetection>,
) {
    return {
        apiVersion: "networking.istio.io/v1",
        kind: "DestinationRule",
        metadata: { name: peerObjectName(peer.cluster), namespace },
        spec: {
            host: peer.host,
            exportTo: ["."],
            trafficPolicy: {
                tls: { mode: "MUTUAL", credentialName, sni: peer.host, subjectAltNames: [peer.host] },
                outlierDetection: { ...outlierDetection, maxEjectionPercent: 100 },
            },
        },
    };
}
