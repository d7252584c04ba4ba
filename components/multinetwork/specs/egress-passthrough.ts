/**
 * Seed 004's variant: imports leave through a dedicated egress gateway. Callers' sidecars still originate
 * mutual TLS to the remote workload (same SNI as without it); the egress gateway only passes it through by
 * SNI (`PASSTHROUGH` server, TLS routes) to the peer's gateway, declared mesh-external so that no second
 * TLS is wrapped around the first (pilot builds no auto mutual TLS for a MESH_EXTERNAL host,
 * `buildUpstreamTLSSettings` in cluster_tls.go). Everything here is visible to the egress gateway's
 * namespace only.
 */
import { GatewayAddress } from "../../gateway/gateway-address";
import { BoundNetworkImport, ResolvedNetworkImport } from "../network-imports";
import { passthroughSni } from "../network-contract";
import { remoteSubsets } from "./remote-service";
import { CROSS_NETWORK_PORT } from "./passthrough-gateway";

export const EGRESS_PASSTHROUGH_GATEWAY = "cross-network-egress";

/** The host the egress gateway reaches a peer's gateway by; never resolved by callers. */
export function peerGatewayHost(peer: string): string {
    return `${peer}.network-gateways.meshfed`;
}

/** Every SNI an import's callers send: the whole service and each routed subset. */
export function importSnis(i: BoundNetworkImport): string[] {
    return [passthroughSni(i.exported.port, undefined, i.exported.host), ...remoteSubsets(i).map((s) => passthroughSni(i.exported.port, s, i.exported.host))];
}

export function buildPeerGatewayEntry(peer: string, address: GatewayAddress, port: number, namespace: string) {
    return {
        apiVersion: "networking.istio.io/v1",
        kind: "ServiceEntry",
        metadata: { name: `peer-gateway-${peer}`, namespace },
        spec: {
            hosts: [peerGatewayHost(peer)],
            exportTo: ["."],
            location: "MESH_EXTERNAL",
            ports: [{ number: port, name: "tls", protocol: "TLS" }],
            resolution: address.ip ? "STATIC" : "DNS",
            endpoints: [{ address: address.ip ?? address.hostname! }],
        },
    };
}

/** The wildcard host an import's SNIs fall under: `*.reviews.bookinfo.svc.cluster.local`. */
const sniDomain = (i: BoundNetworkImport) => `*.${i.exported.host}`;

export function buildEgressPassthroughGateway(imports: BoundNetworkImport[], namespace: string, selector: Record<string, string>) {
    return {
        apiVersion: "networking.istio.io/v1",
        kind: "Gateway",
        metadata: { name: EGRESS_PASSTHROUGH_GATEWAY, namespace },
        spec: {
            selector,
            servers: [{ port: { number: CROSS_NETWORK_PORT, name: "tls", protocol: "TLS" }, tls: { mode: "PASSTHROUGH" }, hosts: [...new Set(imports.map((i) => `./${sniDomain(i)}`))] }],
        },
    };
}

/** One TLS route per peer: its imports' SNIs to its gateway. Validation accepts `outbound_.` SNIs on a gateway-bound VirtualService. */
export function buildEgressPassthroughRoutes(imports: BoundNetworkImport[], namespace: string) {
    const byPeer = new Map<string, BoundNetworkImport[]>();
    for (const i of imports) byPeer.set(i.peer, [...(byPeer.get(i.peer) ?? []), i]);
    return [...byPeer.entries()].map(([peer, list]) => ({
        apiVersion: "networking.istio.io/v1",
        kind: "VirtualService",
        metadata: { name: `${EGRESS_PASSTHROUGH_GATEWAY}-${peer}`, namespace },
        spec: {
            hosts: [...new Set(list.map(sniDomain))],
            gateways: [EGRESS_PASSTHROUGH_GATEWAY],
            exportTo: ["."],
            tls: [
                {
                    match: [{ port: CROSS_NETWORK_PORT, sniHosts: list.flatMap(importSnis) }],
                    route: [{ destination: { host: peerGatewayHost(peer), port: { number: list[0].exporter.port } } }],
                },
            ],
        },
    }));
}

export function viaEgress(imports: ResolvedNetworkImport[]): boolean {
    return imports.some((i) => i.via === "egressGateway");
}
