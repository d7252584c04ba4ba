/**
 * What callers in the consuming mesh see: the imported service under its local name. A header-matched
 * canary goes to the peer; the other requests split by weight between the local version and the peer.
 * Through the egress gateway, the authority is rewritten to the import's full host so the gateway
 * recognises it; from sidecars directly, the request gets the peer's path prefix and host right away.
 */
import { ImportBinding } from "../import-resolution";
import { ResolvedImport } from "../import-specs";
import { egressSubset, EGRESS_TLS_PORT, EgressGatewayRef, localHost } from "./egress-routing";
import { importObjectName } from "./names";

/**
 * @param egress the egress gateway, for imports through it
 * @param authority this consumer's name at the peer (`consumerSni`), for imports straight from sidecars
 */
export function buildImportVirtualService(b: ImportBinding, egress: EgressGatewayRef | undefined, authority: string) {
    const i = b.spec;
    const host = localHost(i);
    const direct = i.via === "sidecar";
    if (!direct && !egress) throw new Error(`import ${host} goes through the egress gateway, which this cluster does not run`);
    const remote = direct
        ? { host: b.peer.host, port: { number: b.peer.port } }
        : { host: egress!.serviceHost, subset: egressSubset(i), port: { number: EGRESS_TLS_PORT } };
    const local = { host, subset: i.localSubset, port: { number: i.as.port } };
    const toLocal = { authority: host };
    const toRemote = direct ? { uri: b.exported.pathPrefix, authority } : toLocal;
    // A prefix rewrite replaces what a prefix match matched: "/" makes it prepend the peer's prefix.
    const remoteMatch = direct ? { uri: { prefix: "/" } } : {};

    const http: Record<string, unknown>[] = [];
    if (i.canary) {
        http.push({ name: "canary-to-peer", match: [{ headers: i.canary, ...remoteMatch }], rewrite: toRemote, route: [{ destination: remote }] });
    }
    if (i.remoteWeight === 100) {
        http.push({ name: "to-peer", ...(direct ? { match: [remoteMatch] } : {}), rewrite: toRemote, route: [{ destination: remote }] });
    } else if (i.remoteWeight === 0) {
        http.push({ name: "local", rewrite: toLocal, route: [{ destination: local }] });
    } else {
        http.push({
            name: "split",
            rewrite: toLocal,
            route: [
                { destination: local, weight: 100 - i.remoteWeight },
                { destination: remote, weight: i.remoteWeight },
            ],
        });
    }
    return {
        apiVersion: "networking.istio.io/v1",
        kind: "VirtualService",
        metadata: { name: importObjectName(i.as.namespace, i.as.name), namespace: i.as.namespace },
        // Callers in the import's namespace only: the destinations it names are visible there and no further.
        spec: { hosts: [host], exportTo: ["."], http },
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
