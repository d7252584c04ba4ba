/** The API server's name syntax (k8s.io/apimachinery validation), shared by input checks and plan validation. */

/** Namespaces, and most label-like names: lowercase alphanumerics and '-', at most 63. */
export const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** Object names and host names: DNS-1123 labels joined by '.', at most 253. */
export const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** The name part of a label or annotation key. */
export const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

/** `reviews.default.svc.cluster.local`: a Service as meshes address it. */
export function serviceFqdn(name: string, namespace: string): string {
    return `${name}.${namespace}.svc.cluster.local`;
}
