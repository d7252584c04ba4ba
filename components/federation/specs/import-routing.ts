/**
 * What callers in the consuming mesh see: the imported service under its local name. A header-matched
 * canary goes to the peer; the other requests split by weight between the local version and the peer.
 * The local name stays callable as it was: the authority is rewritten to the full host so the egress
 * gateway recognises the import.
 */
import { ResolvedImport } from "../import-specs";
import { egressSubset, EGRESS_TLS_PORT, EgressGatewayRef, localHost } from "./egress-routing";
import { importObjectName } from "./names";

export function buildImportVirtualService(i: ResolvedImport, egress: EgressGatewayRef) {
    const host = localHost(i);
    const remote = { host: egress.serviceHost, subset: egressSubset(i), port: { number: EGRESS_TLS_PORT } };
    const local = { host, subset: i.localSubset, port: { number: i.as.port } };
    const rewrite = { authority: host };
    const http: Record<string, unknown>[] = [];
    if (i.canary) {
        http.push({ name: "canary-to-peer", match: [{ headers: i.canary }], rewrite, route: [{ destination: remote }] });
    }
    const split =
        i.remoteWeight === 100
            ? [{ destination: remote }]
            : i.remoteWeight === 0
              ? [{ destination: local }]
              : [
                    { destination: local, weight: 100 - i.remoteWeight },
                    { destination: remote, weight: i.remoteWeight },
                ];
    http.push({ name: "split", rewrite, route: split });
    return {
        apiVersion: "networking.istio.io/v1",
        kind: "VirtualService",
        metadata: { name: importObjectName(i.as.namespace, i.as.name), namespace: i.as.namespace },
        spec: { hosts: [host], http },
    };
}

/**
 * The local name of an import with no local version: a Service without selector, so the name resolves
 * (Kubernetes DNS, a cluster IP) and sidecars apply the import's routing to it.
 */
export function buildImportService(i: ResolvedImport) {
    return {
        apiVersion: "v1",
        kind: "Service",
        metadata: { name: i.as.name, namespace: i.as.namespace, labels: { "app.kubernetes.io/managed-by": "meshfed" } },
        spec: { ports: [{ name: "http", port: i.as.port, protocol: "TCP" }] },
    };
}
