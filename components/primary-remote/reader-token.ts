import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { requireDnsLabel } from "../core/checks";
import { at, InputError } from "../core/input-error";
import { CONTROL_PLANE_CONTRACT_VERSION, RemoteAccess } from "./control-plane-contract";

/** istio/base's reader ServiceAccount (templates/reader-serviceaccount.yaml), bound to istiod's reader ClusterRole. */
export const READER_SERVICE_ACCOUNT = "istio-reader-service-account";
/** The name `istioctl create-remote-secret` gives the token Secret it creates (tokenSecretName). */
export const READER_TOKEN_SECRET = `${READER_SERVICE_ACCOUNT}-istio-remote-secret-token`;

export interface ReaderTokenArgs {
    /** The explicit provider of the cluster whose API the token opens. */
    provider: k8s.Provider;
    /** The cluster's name in the mesh: the remote secret is named after it. */
    clusterName: string;
    /** The API server's URL as the primary's istiod reaches it (not necessarily the one your kubeconfig uses). */
    server: string;
    /** Where the reader ServiceAccount lives. @default "istio-system" */
    namespace?: string;
    /** What creates the ServiceAccount (the `istio/base` release): the token Secret must come after it. */
    dependsOn?: pulumi.Input<pulumi.Resource>[];
}

/**
 * A long-lived token for `istio-reader-service-account`: a `kubernetes.io/service-account-token` Secret,
 * which Kubernetes' token controller fills (the provider waits for it) with the token and the cluster's CA.
 * `access` is what a primary's istiod needs to watch this cluster, and is a Pulumi secret from the start:
 * it is built from the Secret's `data`, which the provider marks secret.
 */
export class ReaderToken extends pulumi.ComponentResource {
    readonly secret: k8s.core.v1.Secret;
    /** Server, CA and token: secret. */
    readonly access: pulumi.Output<RemoteAccess>;

    constructor(name: string, args: ReaderTokenArgs, opts?: pulumi.ComponentResourceOptions) {
        const path = "ReaderTokenArgs";
        const cluster = requireDnsLabel(at(path, "clusterName"), args.clusterName);
        const namespace = requireDnsLabel(at(path, "namespace"), args.namespace ?? "istio-system");
        const server = requireApiServer(at(path, "server"), args.server);
        super("meshfed:primary-remote:ReaderToken", name, {}, opts);
        this.secret = new k8s.core.v1.Secret(
            `${name}-secret`,
            {
                metadata: {
                    name: READER_TOKEN_SECRET,
                    namespace,
                    annotations: { "kubernetes.io/service-account.name": READER_SERVICE_ACCOUNT },
                    labels: { "app.kubernetes.io/managed-by": "meshfed" },
                },
                type: "kubernetes.io/service-account-token",
            },
            { parent: this, provider: args.provider, dependsOn: args.dependsOn },
        );
        this.access = pulumi.secret(
            this.secret.data.apply((data): RemoteAccess => {
                const token = data?.token;
                const ca = data?.["ca.crt"];
                if (!token || !ca) throw new Error(`Secret ${namespace}/${READER_TOKEN_SECRET} holds no token or ca.crt: has the token controller run?`);
                return { version: CONTROL_PLANE_CONTRACT_VERSION, cluster, server, certificateAuthorityData: ca, token: Buffer.from(token, "base64").toString() };
            }),
        );
        this.registerOutputs({ access: this.access });
    }
}

/** The API server's URL: https, a host, an optional port; no path, query, fragment or credentials. */
export function requireApiServer(path: string, value: unknown): string {
    const url = typeof value === "string" && URL.canParse(value) ? new URL(value) : undefined;
    if (!url || url.protocol !== "https:" || !url.hostname || url.pathname !== "/" || url.search || url.hash || url.username || url.password) {
        throw new InputError(path, value, "expected the API server's URL as the primary's istiod reaches it, e.g. https://10.0.0.1:6443 or https://api.west.example.com");
    }
    return value as string;
}
