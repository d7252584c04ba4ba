/**
 * Who may call which exported service: an ALLOW policy on the ingress gateway, one rule per consumer,
 * tying the consumer's principal to its own SNI host and the path prefixes of the services exported to it.
 * Any request it does not allow is denied, including a request from an accepted peer to a service
 * exported to someone else.
 */
import { ResolvedExport } from "../export-specs";
import { ConsumerServer } from "./ingress-gateway-server";
import { INGRESS_GATEWAY_NAME } from "./names";

/**
 * @param consumers by cluster name; the principal is the consumer's federation host, which its client
 *   certificate carries as the URI SAN `spiffe://<host>` (Istio strips the scheme).
 */
export function buildExportAuthorizationPolicy(
    exports: ResolvedExport[],
    namespace: string,
    selector: Record<string, string>,
    consumers: Record<string, ConsumerServer>,
) {
    return {
        apiVersion: "security.istio.io/v1",
        kind: "AuthorizationPolicy",
        metadata: { name: INGRESS_GATEWAY_NAME, namespace },
        spec: {
            selector: { matchLabels: selector },
            action: "ALLOW",
            // One rule per consumer, listing its services' prefixes: Istio allows at most 512 rules a policy,
            // and a rule per (service, consumer) passed that at 10 clusters × 100 services.
            rules: Object.keys(consumers)
                .sort()
                .map((c) => ({ c, paths: exports.filter((e) => e.consumers.includes(c)).map((e) => `${e.pathPrefix}*`).sort() }))
                .filter(({ paths }) => paths.length > 0)
                .map(({ c, paths }) => ({
                    from: [{ source: { principals: [consumers[c].host] } }],
                    to: [{ operation: { hosts: consumers[c].snis, paths } }],
                })),
        },
    };
}
