/**
 * How remotes reach the primary's istiod: its east-west gateway passes TLS through, untouched, on istiod's
 * ports — 15012 (xDS and certificate signing) and 15017 (the injection and validation webhooks, istiod's
 * Service port 443) — as Istio's `samples/multicluster/expose-istiod.yaml` does. Passthrough, not
 * termination: the remote's proxies verify istiod's own certificate (issued under the mesh root), and the
 * remote's API server verifies the webhook's, so the gateway never holds a key of istiod's.
 *
 * Unlike the sample, the Gateway selects the primary network's gateways only (`topology.istio.io/network`
 * as well as `istio`): the remotes' gateways carry the same `istio` label, so that the cross-network
 * Gateway programs them too, and must not open istiod's ports towards a cluster that has no istiod.
 */
import { ISTIOD_PORTS } from "../control-plane-contract";

export const ISTIOD_GATEWAY_NAME = "istiod";

/** The Service ports the east-west gateway adds for istiod, named as Istio's `networkGateway` chart value names them. */
export const ISTIOD_SERVICE_PORTS = [
    { name: "tls-istiod", port: ISTIOD_PORTS.xds, targetPort: ISTIOD_PORTS.xds, protocol: "TCP" },
    { name: "tls-webhook", port: ISTIOD_PORTS.webhook, targetPort: ISTIOD_PORTS.webhook, protocol: "TCP" },
];

export function istiodHost(istioNamespace: string, clusterDomain: string): string {
    return `istiod.${istioNamespace}.svc.${clusterDomain}`;
}

export function buildIstiodExposure(namespace: string, selector: Record<string, string>, istioNamespace: string, clusterDomain: string) {
    const host = istiodHost(istioNamespace, clusterDomain);
    const server = (name: string, number: number) => ({ port: { number, name, protocol: "TLS" }, tls: { mode: "PASSTHROUGH" }, hosts: ["*"] });
    // The webhook listens on 15017 in the istiod pod; its Service exposes it as 443.
    const route = (port: number, targetPort: number) => ({ match: [{ port, sniHosts: ["*"] }], route: [{ destination: { host, port: { number: targetPort } } }] });
    return [
        {
            apiVersion: "networking.istio.io/v1",
            kind: "Gateway",
            metadata: { name: ISTIOD_GATEWAY_NAME, namespace },
            spec: { selector, servers: [server("tls-istiod", ISTIOD_PORTS.xds), server("tls-webhook", ISTIOD_PORTS.webhook)] },
        },
        {
            apiVersion: "networking.istio.io/v1",
            kind: "VirtualService",
            metadata: { name: ISTIOD_GATEWAY_NAME, namespace },
            spec: {
                hosts: ["*"],
                gateways: [ISTIOD_GATEWAY_NAME],
                // Bound to the gateway only, and seen only by the proxies of its namespace: no sidecar gets a "*" route.
                exportTo: ["."],
                tls: [route(ISTIOD_PORTS.xds, ISTIOD_PORTS.xds), route(ISTIOD_PORTS.webhook, 443)],
            },
        },
    ];
}
