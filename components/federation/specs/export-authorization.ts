/**
 * Who may call which exported service: an ALLOW policy on the ingress gateway, one rule per exported
 * service, naming the peers it was exported to. Any request it does not allow is denied — including a
 * request from an accepted peer to a service exported to someone else.
 */
import { ResolvedExport } from "../export-specs";
import { INGRESS_GATEWAY_NAME } from "./names";

/**
 * @param principals each consumer cluster's principal: the peer's federation host, which its egress
 *   certificate carries as the URI SAN `spiffe://<host>`.
 */
export function buildExportAuthorizationPolicy(
    exports: ResolvedExport[],
    namespace: string,
    selector: Record<string, string>,
    principals: Record<string, string>,
) {
    return {
        apiVersion: "security.istio.io/v1",
        kind: "AuthorizationPolicy",
        metadata: { name: INGRESS_GATEWAY_NAME, namespace },
        spec: {
            selector: { matchLabels: selector },
            action: "ALLOW",
            rules: exports.map((e) => ({
                from: [{ source: { principals: e.consumers.map((c) => principals[c]).sort() } }],
                to: [{ operation: { paths: [`${e.pathPrefix}*`] } }],
            })),
        },
    };
}
