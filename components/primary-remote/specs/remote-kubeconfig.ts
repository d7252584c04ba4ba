/**
 * The remote secret, as `istioctl create-remote-secret` writes it (istioctl/pkg/multicluster/remote_secret.go):
 * a Secret `istio-remote-secret-<cluster>` labelled `istio/multiCluster: "true"` (istiod watches Secrets
 * with that label in its namespace), annotated `networking.istio.io/cluster: <cluster>`, whose one key,
 * named after the cluster, holds a kubeconfig: one cluster (server, CA), one user (the reader's bearer
 * token), one context, current.
 *
 * The kubeconfig is written as JSON, which is YAML (1.2) and which client-go's kubeconfig loader reads
 * (clientcmd.Load): no YAML library at run time, and no text templating.
 */
import { RemoteAccess } from "../control-plane-contract";

export const MULTICLUSTER_SECRET_LABEL = "istio/multiCluster";
export const CLUSTER_NAME_ANNOTATION = "networking.istio.io/cluster";

export function remoteSecretName(cluster: string): string {
    return `istio-remote-secret-${cluster}`;
}

export function buildRemoteKubeconfig(access: RemoteAccess): Record<string, unknown> {
    const name = access.cluster;
    return {
        apiVersion: "v1",
        kind: "Config",
        clusters: [{ name, cluster: { server: access.server, "certificate-authority-data": access.certificateAuthorityData } }],
        users: [{ name, user: { token: access.token } }],
        contexts: [{ name, context: { cluster: name, user: name } }],
        "current-context": name,
        preferences: {},
    };
}

/** The Secret's metadata: what makes istiod pick it up and name the cluster. */
export function remoteSecretMetadata(cluster: string, namespace: string) {
    return {
        name: remoteSecretName(cluster),
        namespace,
        labels: { [MULTICLUSTER_SECRET_LABEL]: "true", "app.kubernetes.io/managed-by": "meshfed" },
        annotations: { [CLUSTER_NAME_ANNOTATION]: cluster },
    };
}

/** The Secret's `stringData`: one key, the cluster's name, holding its kubeconfig. */
export function remoteSecretData(access: RemoteAccess): Record<string, string> {
    return { [access.cluster]: JSON.stringify(buildRemoteKubeconfig(access), null, 2) };
}
