/**
 * Who may call which exported service: an ALLOW policy on the ingress gateway, one rule per exported
 * service and consumer, tying the consumer's principal to its own SNI host and the service's path prefix.
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
            rules: exports.flatMap((e) =>
                [...e.consumers].sort().map((c) => ({
                    from: [{ source: { principals: [consumers[c].host] } }],
                    to: [{ operation: { hosts: [consumers[c].sni], paths: [`${e.pathPrefix}*`] } }],
                })),
            ),
        },
    };
}
