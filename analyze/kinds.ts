/**
 * The kinds rules read, named the way Kubernetes names a GroupKind (`Kind.group`, the core group has
 * none). The version is left out on purpose: a reference to a Gateway means any served version of it,
 * and the group keeps Istio's `Gateway` apart from the Gateway API's.
 */
export const KINDS = {
    DestinationRule: "DestinationRule.networking.istio.io",
    Gateway: "Gateway.networking.istio.io",
    Secret: "Secret",
    Service: "Service",
    ServiceEntry: "ServiceEntry.networking.istio.io",
    VirtualService: "VirtualService.networking.istio.io",
} as const;

/** A kind a rule may declare in `inputs` and ask the context for. */
export type KindName = (typeof KINDS)[keyof typeof KINDS];

/** `Kind.group` of an object, e.g. `Gateway.networking.istio.io` for `networking.istio.io/v1`, `Service` for `v1`. */
export function groupKindOf(apiVersion: string, kind: string): string {
    const slash = apiVersion.indexOf("/");
    return slash < 0 ? kind : `${kind}.${apiVersion.slice(0, slash)}`;
}

/**
 * Cluster-scoped kinds a plan may carry. Everything else is namespaced, and the API server puts a
 * namespaced object without a namespace in `default`, so the analysis has to do the same.
 */
const CLUSTER_SCOPED = new Set([
    "Namespace",
    "Node",
    "PersistentVolume",
    "StorageClass.storage.k8s.io",
    "PriorityClass.scheduling.k8s.io",
    "RuntimeClass.node.k8s.io",
    "IngressClass.networking.k8s.io",
    "ClusterRole.rbac.authorization.k8s.io",
    "ClusterRoleBinding.rbac.authorization.k8s.io",
    "CustomResourceDefinition.apiextensions.k8s.io",
    "MutatingWebhookConfiguration.admissionregistration.k8s.io",
    "ValidatingWebhookConfiguration.admissionregistration.k8s.io",
    "APIService.apiregistration.k8s.io",
]);

export function isClusterScoped(groupKind: string): boolean {
    return CLUSTER_SCOPED.has(groupKind);
}
