/**
 * Version routing across clusters (seed 002): callers keep calling the local Service (`reviews:9080`);
 * its VirtualService sends each route's share to a local subset or to a subset of the remote service,
 * which the remote DestinationRule turns into that subset's SNI at the peer's gateway.
 */
import { BoundNetworkImport } from "../network-imports";

export function routeObjectName(service: string): string {
    return `route-${service}`;
}

export function buildVersionRouting(i: BoundNetworkImport, clusterDomain = "cluster.local") {
    const routing = i.routing!;
    const localHost = `${routing.service}.${i.namespace}.svc.${clusterDomain}`;
    const port = { number: i.exported.port };
    const http = routing.routes.map((r, n) => ({
        name: r.headers ? `match-${n}` : "default",
        ...(r.headers ? { match: [{ headers: r.headers }] } : {}),
        route: r.to.map((t) => ({
            destination: { host: t.side === "remote" ? i.host : localHost, ...(t.subset ? { subset: t.subset } : {}), port },
            weight: t.weight,
        })),
    }));
    return {
        apiVersion: "networking.istio.io/v1",
        kind: "VirtualService",
        metadata: { name: routeObjectName(routing.service), namespace: i.namespace, labels: { "app.kubernetes.io/managed-by": "meshfed" } },
        spec: { hosts: [localHost], http },
    };
}
