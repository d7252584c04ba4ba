/**
 * What callers in the consuming mesh see: the imported service under its local name. A header-matched
 * canary goes to the peer; the other requests split by weight between the local version and the peer.
 * Through the egress gateway, only the remote share is marked for the peer (its authority and the export
 * header, set per destination), so the local share goes on unchanged; from sidecars directly, the request
 * gets the peer's path prefix and this cluster's name at the peer right away.
 */
import { ImportBinding } from "../import-resolution";
import { ResolvedImport } from "../import-specs";
import { egressSubset, EGRESS_TLS_PORT, EgressGatewayRef, EXPORT_HEADER, localHost } from "./egress-routing";
import { importObjectName, importsEntryName, serviceFqdn } from "./names";

/**
 * @param egress the egress gateway, for imports through it
 * @param name this consumer's name at the peer (`consumerSni`)
 */
export function buildImportVirtualService(b: ImportBinding, egress: EgressGatewayRef | undefined, name: string) {
    const i = b.spec;
    const host = localHost(b);
    const direct = i.via === "sidecar";
    if (!direct && !egress) throw new Error(`import ${host} goes through the egress gateway, which this cluster does not run`);
    const remote = direct
        ? { destination: { host: b.peer.host, port: { number: b.peer.port } } }
        : {
              destination: { host: egress!.serviceHost, subset: egressSubset(b.peer.cluster), port: { number: EGRESS_TLS_PORT } },
              headers: { request: { set: { ":authority": name, [EXPORT_HEADER]: b.exported.pathPrefix } } },
          };
    const local = { destination: { host, subset: i.localSubset, port: { number: i.as.port } } };
    // From a sidecar straight to the peer, the whole route carries the rewrite: the route has no local share.
    // A prefix rewrite replaces what a prefix match matched: "/" makes it prepend the peer's prefix.
    const directRewrite = direct ? { match: [{ uri: { prefix: "/" } }], rewrite: { uri: b.exported.pathPrefix, authority: name } } : {};

    const http: Record<string, unknown>[] = [];
    if (i.canary) {
        const match = [{ headers: i.canary, ...(direct ? { uri: { prefix: "/" } } : {}) }];
        http.push({ name: "canary-to-peer", ...directRewrite, match, route: [remote] });
    }
    if (i.remoteWeight === 100) {
        http.push({ name: "to-peer", ...directRewrite, route: [remote] });
    } else if (i.remoteWeight === 0) {
        http.push({ name: "local", route: [local] });
    } else {
        http.push({ name: "split", route: [{ ...local, weight: 100 - i.remoteWeight }, { ...remote, weight: i.remoteWeight }] });
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

/** The most hosts one ServiceEntry may hold (`spec.hosts` maxItems in Istio 1.30's CRD). */
export const SERVICE_ENTRY_MAX_HOSTS = 256;

/**
 * With Istio's DNS proxy, the local names a namespace imports from one peer on one port, with no local
 * version, as ServiceEntries of at most SERVICE_ENTRY_MAX_HOSTS hosts: istiod gives each host an address of its
 * own (ServiceEntry IP auto-allocation, PILOT_ENABLE_IP_AUTOALLOCATE, on by default; resolution NONE would opt
 * out of it), the callers' DNS proxies answer with it, and their sidecars capture the connection. No
 * endpoints: each host's VirtualService routes every request, to the egress gateway or the peer. One entry per
 * peer keeps a host in its entry while other peers' imports come and go: a host that moved to another entry
 * would get a new address.
 * @param imports imports into `namespace` from `peer` on `port`, none with a local version
 */
export function buildImportServiceEntries(namespace: string, peer: string, port: number, imports: ResolvedImport[]) {
    const hosts = imports.map((i) => serviceFqdn(i.as.name, i.as.namespace)).sort();
    const parts = Array.from({ length: Math.ceil(hosts.length / SERVICE_ENTRY_MAX_HOSTS) }, (_, n) => hosts.slice(n * SERVICE_ENTRY_MAX_HOSTS, (n + 1) * SERVICE_ENTRY_MAX_HOSTS));
    return parts.map((part, n) => ({
        apiVersion: "networking.istio.io/v1",
        kind: "ServiceEntry",
        metadata: { name: importsEntryName(peer, port, n + 1), namespace, labels: { "app.kubernetes.io/managed-by": "meshfed" } },
        spec: {
            hosts: part,
            // Visible where the imports' VirtualServices are, and nowhere else.
            exportTo: ["."],
            location: "MESH_INTERNAL",
            resolution: "STATIC",
            ports: [{ number: port, name: `http-${port}`, protocol: "HTTP" }],
        },
    }));
}
