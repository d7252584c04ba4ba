/**
 * The consumer's side: a remote service under a local name, as a mesh-internal ServiceEntry with its
 * virtual IP and the peer's gateway as endpoint, and a DestinationRule whose TLS names the exporter's
 * own cluster as SNI.
 *
 * Why `tls.sni`: with ISTIO_MUTUAL a sidecar sends the SNI the DestinationRule sets, else its own cluster
 * name (`buildUpstreamTLSSettings` and `applyUpstreamTLSSettings`, pilot/pkg/networking/core/cluster_tls.go:
 * "Use client provided SNI if set… useful when routing via gateways"; "Set default SNI of cluster name for
 * istio_mutual"). Its own name here would be `outbound_.9080_.v2_.reviews.bookinfo.global`, which the
 * exporter's AUTO_PASSTHROUGH listener has no chain for (the `.global` rewrite filter of Istio 1.1–1.4 is
 * gone); the exporter's name `outbound_.9080_.v2_.reviews.bookinfo.svc.cluster.local` is one it has.
 * The subset's SNI goes in the subset's traffic policy: one endpoint (the gateway) serves every version,
 * and the SNI is what picks the version on the other side. The subsets carry no label selector: a host has
 * one peer's endpoint only, so `cluster: <peer>` would select nothing more, and Istio's analyzer IST0173
 * (pkg/config/analysis/analyzers/destinationrule/subset.go) matches subset labels against Pods only, so it
 * reports a labelled ServiceEntry subset as selecting nothing. The endpoint keeps its `cluster` label for
 * routing written by hand and for telemetry.
 */
import { BoundNetworkImport } from "../network-imports";
import { passthroughSni } from "../network-contract";

/** The endpoint label that tells clusters apart in subsets (the seeds' `cluster: cluster2`). */
export const CLUSTER_LABEL = "cluster";

/** Where the import's connections go first: the peer's gateway, or this cluster's egress gateway. */
export interface ImportEndpoint {
    address: string;
    port: number;
    /** The endpoint's network: the peer's for its gateway; absent for a local egress gateway. */
    network?: string;
}

const isIp = (a: string) => /^\d{1,3}(\.\d{1,3}){3}$/.test(a) || a.includes(":");

export function portName(i: BoundNetworkImport): string {
    return `${i.exported.protocol.toLowerCase()}-${i.exported.port}`;
}

export function buildRemoteServiceEntry(i: BoundNetworkImport, address: string | undefined, endpoint: ImportEndpoint) {
    const name = portName(i);
    return {
        apiVersion: "networking.istio.io/v1",
        kind: "ServiceEntry",
        metadata: { name: i.host, namespace: i.namespace, labels: { "app.kubernetes.io/managed-by": "meshfed" } },
        spec: {
            hosts: [i.host],
            ...(address ? { addresses: [address] } : {}),
            // Mesh-internal: the workload behind it holds a certificate of the same root, so mutual TLS is end to end.
            location: "MESH_INTERNAL",
            ports: [{ number: i.exported.port, name, protocol: i.exported.protocol }],
            resolution: isIp(endpoint.address) ? "STATIC" : "DNS",
            endpoints: [
                {
                    address: endpoint.address,
                    ports: { [name]: endpoint.port },
                    labels: { [CLUSTER_LABEL]: i.peer },
                    ...(endpoint.network ? { network: endpoint.network } : {}),
                },
            ],
        },
    };
}

/** Subsets the routes name, each selecting the peer's endpoint and sending its own SNI. */
export function remoteSubsets(i: BoundNetworkImport): string[] {
    const named = (i.routing?.routes ?? []).flatMap((r) => r.to.filter((t) => t.side === "remote" && t.subset).map((t) => t.subset!));
    return [...new Set(named)];
}

export function buildRemoteDestinationRule(i: BoundNetworkImport) {
    const subsets = remoteSubsets(i);
    const tls = (subset?: string) => ({ tls: { mode: "ISTIO_MUTUAL", sni: passthroughSni(i.exported.port, subset, i.exported.host) } });
    return {
        apiVersion: "networking.istio.io/v1",
        kind: "DestinationRule",
        metadata: { name: i.host, namespace: i.namespace, labels: { "app.kubernetes.io/managed-by": "meshfed" } },
        spec: {
            host: i.host,
            trafficPolicy: tls(),
            ...(subsets.length > 0 ? { subsets: subsets.map((s) => ({ name: s, trafficPolicy: tls(s) })) } : {}),
        },
    };
}
