/**
 * Routing of exported services on the ingress gateway: one path prefix per exported name, rewritten to
 * the local service (and subset), bound only to the SNI hosts of the consumers it is exported to, so a
 * consumer's filter chain has no route to what was not exported to it. Kept in the gateway's namespace
 * and visible only there (`exportTo: .`), so it never mixes with the application team's own routing.
 */
import { ResolvedExport } from "../export-specs";
import { exportObjectName, INGRESS_GATEWAY_NAME, serviceFqdn } from "./names";

/** @param hosts the SNI hosts of the export's consumers */
export function buildExportVirtualService(e: ResolvedExport, namespace: string, hosts: string[]) {
    const host = serviceFqdn(e.service.name, e.service.namespace);
    return {
        apiVersion: "networking.istio.io/v1",
        kind: "VirtualService",
        metadata: { name: exportObjectName(e.exportAs.namespace, e.exportAs.name), namespace },
        spec: {
            hosts,
            gateways: [INGRESS_GATEWAY_NAME],
            exportTo: ["."],
            http: [
                {
                    name: `${e.exportAs.namespace}-${e.exportAs.name}`,
                    match: [{ uri: { prefix: e.pathPrefix } }],
                    rewrite: { uri: "/", authority: host },
                    route: [{ destination: { host, port: { number: e.service.port }, ...(e.subset ? { subset: e.subset.name } : {}) } }],
                },
            ],
        },
    };
}

/**
 * One DestinationRule per exported local Service that has exported subsets, defining them for the ingress
 * gateway only. It sets no traffic policy: Istio's automatic mutual TLS applies as for any caller. (Istio
 * does not merge DestinationRules of one host: in the gateway's namespace this one wins over the
 * application team's, which is why it carries nothing but the subsets.)
 */
export function buildExportDestinationRules(exports: ResolvedExport[], namespace: string) {
    const byService = new Map<string, ResolvedExport[]>();
    for (const e of exports) {
        const key = `${e.service.namespace}/${e.service.name}`;
        byService.set(key, [...(byService.get(key) ?? []), e]);
    }
    return [...byService.values()].filter((group) => group.some((e) => e.subset)).map((group) => {
        const { name, namespace: serviceNamespace } = group[0].service;
        const subsets = new Map<string, Record<string, string>>();
        for (const e of group) if (e.subset) subsets.set(e.subset.name, e.subset.labels);
        return {
            apiVersion: "networking.istio.io/v1",
            kind: "DestinationRule",
            metadata: { name: exportObjectName(serviceNamespace, name), namespace },
            spec: {
                host: serviceFqdn(name, serviceNamespace),
                exportTo: ["."],
                subsets: [...subsets].map(([n, labels]) => ({ name: n, labels })),
            },
        };
    });
}
