/**
 * Funnelling through the private egress gateway. Sidecars reach the egress gateway with Istio mutual TLS
 * (SNI = the imported local host); the egress gateway rewrites the request to the peer's path prefix and
 * host, and sends it to the peer's ingress gateway (mutual TLS originated by the peer DestinationRule).
 */
import { ReachableContract, ExportedService } from "../contract";
import { ResolvedImport } from "../import-specs";
import { EGRESS_GATEWAY_NAME, importObjectName, serviceFqdn } from "./names";

export const EGRESS_TLS_PORT = 443;

export interface EgressGatewayRef {
    namespace: string;
    selector: Record<string, string>;
    /** The egress gateway Service's host. */
    serviceHost: string;
}

export const localHost = (i: ResolvedImport) => serviceFqdn(i.as.name, i.as.namespace);
export const egressSubset = (i: ResolvedImport) => importObjectName(i.as.namespace, i.as.name);

export function buildEgressGateway(imports: ResolvedImport[], egress: EgressGatewayRef) {
    return {
        apiVersion: "networking.istio.io/v1",
        kind: "Gateway",
        metadata: { name: EGRESS_GATEWAY_NAME, namespace: egress.namespace },
        spec: {
            selector: egress.selector,
            servers: [
                {
                    port: { number: EGRESS_TLS_PORT, name: "https-federation", protocol: "HTTPS" },
                    hosts: imports.map(localHost).sort(),
                    tls: { mode: "ISTIO_MUTUAL" },
                },
            ],
        },
    };
}

/**
 * How sidecars reach the egress gateway: a subset per import, so the SNI names the import. Visible in the
 * namespaces whose import VirtualServices route to it, and nowhere else.
 */
export function buildEgressDestinationRule(imports: ResolvedImport[], egress: EgressGatewayRef) {
    return {
        apiVersion: "networking.istio.io/v1",
        kind: "DestinationRule",
        metadata: { name: EGRESS_GATEWAY_NAME, namespace: egress.namespace },
        spec: {
            host: egress.serviceHost,
            exportTo: [...new Set(imports.map((i) => i.as.namespace))].sort(),
            subsets: imports.map((i) => ({
                name: egressSubset(i),
                trafficPolicy: {
                    portLevelSettings: [{ port: { number: EGRESS_TLS_PORT }, tls: { mode: "ISTIO_MUTUAL", sni: localHost(i) } }],
                },
            })),
        },
    };
}

/** On the egress gateway: the imported local host, rewritten to the export's prefix and this consumer's name at the peer, and sent to it. */
export function buildEgressVirtualService(i: ResolvedImport, peer: ReachableContract, exported: ExportedService, namespace: string, authority: string) {
    return {
        apiVersion: "networking.istio.io/v1",
        kind: "VirtualService",
        metadata: { name: importObjectName(i.as.namespace, i.as.name), namespace },
        spec: {
            hosts: [localHost(i)],
            gateways: [EGRESS_GATEWAY_NAME],
            exportTo: ["."],
            http: [
                {
                    name: `to-${peer.cluster}`,
                    match: [{ gateways: [EGRESS_GATEWAY_NAME], port: EGRESS_TLS_PORT, uri: { prefix: "/" } }],
                    rewrite: { uri: exported.pathPrefix, authority },
                    route: [{ destination: { host: peer.host, port: { number: peer.port } } }],
                },
            ],
        },
    };
}
