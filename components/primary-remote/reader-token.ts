import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { requireDnsLabel } from "../core/checks";
import { clusterProvider, dependenciesOf } from "../core/cluster-provider";
import { at, InputError } from "../core/input-error";
import { ArgsPaths, Resolved } from "../core/resolved";
import { CONTROL_PLANE_CONTRACT_VERSION, RemoteAccess } from "./control-plane-contract";
import { childUrns } from "../core/child-urns";

/** istio/base's reader ServiceAccount (templates/reader-serviceaccount.yaml), bound to istiod's reader ClusterRole. */
export const READER_SERVICE_ACCOUNT = "istio-reader-service-account";
/** The name `istioctl create-remote-secret` gives the token Secret it creates (tokenSecretName). */
export const READER_TOKEN_SECRET = `${READER_SERVICE_ACCOUNT}-istio-remote-secret-token`;

const TYPE = "ReaderToken";

export interface ReaderTokenArgs {
    /**
     * The provider of the cluster whose API the token opens.
     * @deprecated pass it as a resource option: `{ provider }`; still read.
     * @default the Kubernetes provider of the resource options (or of the parent)
     */
    provider?: k8s.Provider;
    /** The cluster's name in the mesh: the remote secret is named after it. */
    clusterName: string;
    /** The API server's URL as the primary's istiod reaches it (not necessarily the one your kubeconfig uses). */
    server: string;
    /** Where the reader ServiceAccount lives. @default "istio-system" */
    namespace?: string;
    /**
     * What creates the ServiceAccount (the `istio/base` release): the token Secret must come after it.
     * @deprecated pass it as a resource option: `{ dependsOn }`; still read.
     * @default none
     */
    dependsOn?: pulumi.Input<pulumi.Resource>[];
}

/** What the resolver makes of the args. */
export interface ReaderTokenResolution {
    cluster: string;
    namespace: string;
    server: string;
}

export type ResolvedReaderTokenArgs = Resolved<ReaderTokenArgs, ReaderTokenResolution>;

/**
 * The args checked as the constructor uses them, registering nothing: a program calls it before the
 * cluster's provider, and hands the result to the constructor, which then resolves nothing again.
 */
export function resolveReaderTokenArgs(args: ReaderTokenArgs | ResolvedReaderTokenArgs, where: ArgsPaths = {}): ResolvedReaderTokenArgs {
    return Resolved.once(TYPE, args, (a) => resolveValue(a, where.path ?? "ReaderTokenArgs"));
}

function resolveValue(args: ReaderTokenArgs, path: string): ReaderTokenResolution {
    return {
        cluster: requireDnsLabel(at(path, "clusterName"), args.clusterName),
        namespace: requireDnsLabel(at(path, "namespace"), args.namespace ?? "istio-system"),
        server: requireApiServer(at(path, "server"), args.server),
    };
}

/**
 * A long-lived token for `istio-reader-service-account`: a `kubernetes.io/service-account-token` Secret,
 * which Kubernetes' token controller fills (the provider waits for it) with the token and the cluster's CA.
 * `access` is what a primary's istiod needs to watch this cluster, and is a Pulumi secret from the start:
 * it is built from the Secret's `data`, which the provider marks secret.
 */
export class ReaderToken extends pulumi.ComponentResource {
    /** The token Secret the token controller fills. */
    readonly secret: k8s.core.v1.Secret;
    /** Server, CA and token: secret. */
    readonly access: pulumi.Output<RemoteAccess>;

    constructor(name: string, args: ReaderTokenArgs | ResolvedReaderTokenArgs, opts?: pulumi.ComponentResourceOptions) {
        const resolved = resolveReaderTokenArgs(args);
        const provider = clusterProvider(TYPE, resolved.args.provider, opts);
        super("meshfed:primary-remote:ReaderToken", name, {}, opts);
        const { cluster, namespace, server } = resolved.value;
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
            // Pulumi applies the `dependsOn` option to the component alone: the Secret is what must wait.
            { parent: this, provider, dependsOn: dependenciesOf(opts, resolved.args.dependsOn) },
        );
        this.access = pulumi.secret(
            this.secret.data.apply((data): RemoteAccess => {
                const token = data?.token;
                const ca = data?.["ca.crt"];
                if (!token || !ca) throw new Error(`Secret ${namespace}/${READER_TOKEN_SECRET} holds no token or ca.crt: has the token controller run?`);
                return { version: CONTROL_PLANE_CONTRACT_VERSION, cluster, server, certificateAuthorityData: ca, token: Buffer.from(token, "base64").toString() };
            }),
        );
        this.registerOutputs({ access: this.access, children: childUrns({ secret: this.secret }) });
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
