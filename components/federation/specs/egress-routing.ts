/**
 * Funnelling through the private egress gateway, with shared objects per peer rather than per import.
 * A caller's sidecar sends an import's remote share to the egress gateway with Istio mutual TLS, SNI and
 * authority set to this cluster's name at the peer (`<self>.<peer host>`), and a header naming the export's
 * path prefix. The egress gateway has one route table per peer, keyed by that header: it rewrites the path
 * to the export's prefix and sends the request to the peer's ingress gateway (mutual TLS originated by
 * the peer DestinationRule). The header is removed before the request leaves the cluster.
 */
import { ReachableContract } from "../contract";
import { ImportBinding } from "../import-resolution";
import { EGRESS_GATEWAY_NAME, peerObjectName, serviceFqdn } from "./names";

export const EGRESS_TLS_PORT = 443;

/**
 * The header a caller's remote share carries to the egress gateway: the export's path prefix. Set per
 * destination, so the local share of a weighted split is left untouched.
 */
export const EXPORT_HEADER = "x-meshfed-export";

export interface EgressGatewayRef {
    namespace: string;
    selector: Record<string, string>;
    /** The egress gateway Service's host. */
    serviceHost: string;
}

/** An import's local host, `<as.name>.<as.namespace>.svc.cluster.local`. */
export const localHost = (b: { spec: ImportBinding["spec"] }) => serviceFqdn(b.spec.as.name, b.spec.as.namespace);
/** The egress Service subset towards one peer: its SNI is this cluster's name at that peer. */
export const egressSubset = (peer: string) => peerObjectName(peer);

/** @param names this cluster's name at each peer imported from through the egress gateway (`consumerSni`) */
export function buildEgressGateway(names: string[], egress: EgressGatewayRef) {
    return {
        apiVersion: "networking.istio.io/v1",
        kind: "Gateway",
        metadata: { name: EGRESS_GATEWAY_NAME, namespace: egress.namespace },
        spec: {
            selector: egress.selector,
            servers: [
                {
                    port: { number: EGRESS_TLS_PORT, name: "https-federation", protocol: "HTTPS" },
                    hosts: [...names].sort(),
                    tls: { mode: "ISTIO_MUTUAL" },
                },
            ],
        },
    };
}

/**
 * How sidecars reach the egress gateway: a subset per peer, whose SNI selects that peer's routes. Visible
 * in the namespaces whose import VirtualServices route to it, and nowhere else.
 */
export function buildEgressDestinationRule(peers: { cluster: string; name: string }[], callerNamespaces: string[], egress: EgressGatewayRef) {
    return {
        apiVersion: "networking.istio.io/v1",
        kind: "DestinationRule",
        metadata: { name: EGRESS_GATEWAY_NAME, namespace: egress.namespace },
        spec: {
            host: egress.serviceHost,
            exportTo: [...new Set(callerNamespaces)].sort(),
            subsets: peers.map((p) => ({
                name: egressSubset(p.cluster),
                trafficPolicy: {
                    portLevelSettings: [{ port: { number: EGRESS_TLS_PORT }, tls: { mode: "ISTIO_MUTUAL", sni: p.name } }],
                },
            })),
        },
    };
}

/**
 * On the egress gateway, one VirtualService per peer: a route per exported service imported from it,
 * selected by the export header, rewritten to the export's prefix, and sent to the peer.
 * @param name this cluster's name at the peer: the route table's host
 */
export function buildEgressVirtualService(peer: ReachableContract, prefixes: string[], name: string, namespace: string) {
    return {
        apiVersion: "networking.istio.io/v1",
        kind: "VirtualService",
        metadata: { name: peerObjectName(peer.cluster), namespace },
        spec: {
            hosts: [name],
            gateways: [EGRESS_GATEWAY_NAME],
            exportTo: ["."],
            http: [...new Set(prefixes)].sort().map((prefix) => ({
                name: prefix.replace(/^\/|\/$/g, "").replace(/\//g, "-"),
                match: [{ gateways: [EGRESS_GATEWAY_NAME], port: EGRESS_TLS_PORT, uri: { prefix: "/" }, headers: { [EXPORT_HEADER]: { exact: prefix } } }],
                rewrite: { uri: prefix, authority: name },
                headers: { request: { remove: [EXPORT_HEADER] } },
                route: [{ destination: { host: peer.host, port: { number: peer.port } } }],
            })),
        },
    };
}
