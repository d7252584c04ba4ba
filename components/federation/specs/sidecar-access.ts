/**
 * What istiod requires before it serves a sidecar the key of a `credentialName`: the sidecar's
 * ServiceAccount may `list` Secrets in its namespace (istiod asks with a SubjectAccessReview). Granted to
 * exactly the calling ServiceAccounts named in the imports. Kubernetes cannot narrow `list` to named
 * Secrets: those ServiceAccounts can read every Secret of that namespace, which is the cost of `via: sidecar`.
 */

/** The Role and RoleBinding, both named after their purpose. */
export const CREDENTIAL_READER = "federation-credential-reader";

export function buildCredentialReaderRole(namespace: string, serviceAccounts: string[]) {
    const labels = { "app.kubernetes.io/managed-by": "meshfed" };
    return [
        {
            apiVersion: "rbac.authorization.k8s.io/v1",
            kind: "Role",
            metadata: { name: CREDENTIAL_READER, namespace, labels },
            rules: [{ apiGroups: [""], resources: ["secrets"], verbs: ["list"] }],
        },
        {
            apiVersion: "rbac.authorization.k8s.io/v1",
            kind: "RoleBinding",
            metadata: { name: CREDENTIAL_READER, namespace, labels },
            roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: CREDENTIAL_READER },
            subjects: serviceAccounts.map((name) => ({ kind: "ServiceAccount", name, namespace })),
        },
    ];
}
