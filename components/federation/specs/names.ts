/** Names of the objects federation generates: derived, stable, and prefixed so they never clash with an application's. */

export { serviceFqdn } from "../../core/kube-names";

/** `export-bookinfo-myreviews`: objects that route an exported local service on the ingress gateway. */
export function exportObjectName(namespace: string, name: string): string {
    return `export-${namespace}-${name}`;
}

/** `import-default-reviews`: objects that carry an imported service to its peer. */
export function importObjectName(namespace: string, name: string): string {
    return `import-${namespace}-${name}`;
}

/**
 * `imports-cluster2-9080`: the ServiceEntry declaring the local names a namespace imports from one peer on one
 * port (DNS proxy mode); `imports-cluster2-9080-2` and on when they outnumber what one ServiceEntry holds.
 */
export function importsEntryName(peer: string, port: number, part: number): string {
    return `imports-${peer}-${port}${part > 1 ? `-${part}` : ""}`;
}

/** `peer-cluster2`: the peer's ingress gateway as a destination of this mesh. */
export function peerObjectName(peer: string): string {
    return `peer-${peer}`;
}

/** Gateways generated for the private gateways: one each. */
export const INGRESS_GATEWAY_NAME = "federation-ingress";
export const EGRESS_GATEWAY_NAME = "federation-egress";
