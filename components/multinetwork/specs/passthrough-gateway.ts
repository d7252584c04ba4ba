/**
 * The exporter's side: a Gateway on the cross-network gateway that passes mutual TLS through by SNI
 * (`AUTO_PASSTHROUGH`) for the exported services only, and the subsets its gateway must know by name.
 *
 * Why listing hosts narrows what peers reach: pilot builds one filter chain per service the gateway sees
 * whose host is a subset of a server host, one per port and one per DestinationRule subset
 * (`builtAutoPassthroughFilterChains`, pilot/pkg/networking/core/gateway.go); the SNI of each is the
 * cluster name `outbound_.<port>_.<subset>_.<host>`. With `*.local` every service of the cluster gets
 * one; with the exported hosts only, any other SNI matches no filter chain and the connection is closed.
 * The `<namespace>/` part of a host does not narrow it further (`GetSNIHostsForServer` strips it): it only
 * documents where the Service lives.
 */
import { ResolvedNetworkExport } from "../network-exports";
import { passthroughSni } from "../network-contract";

export const PASSTHROUGH_GATEWAY_NAME = "cross-network";
/** Istio's conventional port for SNI passthrough between networks (the seeds' "do not change this port"). */
export const CROSS_NETWORK_PORT = 15443;

export function exportedHost(e: { name: string; namespace: string }, clusterDomain: string): string {
    return `${e.name}.${e.namespace}.svc.${clusterDomain}`;
}

export function buildPassthroughGateway(exported: ResolvedNetworkExport[], namespace: string, selector: Record<string, string>, clusterDomain: string, port = CROSS_NETWORK_PORT) {
    return {
        apiVersion: "networking.istio.io/v1",
        kind: "Gateway",
        metadata: { name: PASSTHROUGH_GATEWAY_NAME, namespace },
        spec: {
            selector,
            servers: [
                {
                    port: { number: port, name: "tls", protocol: "TLS" },
                    tls: { mode: "AUTO_PASSTHROUGH" },
                    hosts: exported.map((e) => `${e.namespace}/${exportedHost(e, clusterDomain)}`),
                },
            ],
        },
    };
}

/**
 * The subsets each export names, for the gateway only (`exportTo: .` in its namespace, where Istio looks
 * first for the gateway's DestinationRule): pilot builds a subset's SNI chain from the DestinationRule the
 * gateway sees. No traffic policy: the gateway never terminates or originates TLS here.
 */
export function buildExportSubsetRules(exported: ResolvedNetworkExport[], namespace: string, clusterDomain: string) {
    return exported
        .filter((e) => e.subsets.length > 0)
        .map((e) => ({
            apiVersion: "networking.istio.io/v1",
            kind: "DestinationRule",
            metadata: { name: `export-${e.namespace}-${e.name}`, namespace },
            spec: { host: exportedHost(e, clusterDomain), exportTo: ["."], subsets: e.subsets.map((s) => ({ name: s.name, labels: s.labels })) },
        }));
}

/** Every SNI the gateway admits for an export: the whole service, then each subset. */
export function admittedSnis(e: ResolvedNetworkExport, clusterDomain: string): string[] {
    const host = exportedHost(e, clusterDomain);
    return [passthroughSni(e.port, undefined, host), ...e.subsets.map((s) => passthroughSni(e.port, s.name, host))];
}
