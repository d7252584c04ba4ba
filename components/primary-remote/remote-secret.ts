import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { requireDnsLabel } from "../core/checks";
import { clusterProvider, dependenciesOf } from "../core/cluster-provider";
import { at } from "../core/input-error";
import { ArgsPaths, Resolved } from "../core/resolved";
import { RemoteAccess } from "./control-plane-contract";
import { remoteSecretData, remoteSecretMetadata } from "./specs/remote-kubeconfig";
import { childUrns } from "../core/child-urns";

const TYPE = "RemoteSecret";

export interface RemoteSecretArgs {
    /**
     * The provider of the primary, whose istiod will watch the remote.
     * @deprecated pass it as a resource option: `{ provider }`; still read.
     * @default the Kubernetes provider of the resource options (or of the parent)
     */
    provider?: k8s.Provider;
    /** The remote cluster's name in the mesh; `access` must be for it. */
    clusterName: string;
    /** The remote's API server, CA and reader token, as its stack publishes them: keep it a Pulumi secret. */
    access: pulumi.Input<RemoteAccess>;
    /** istiod's namespace on the primary. @default "istio-system" */
    namespace?: string;
}

/** What the resolver makes of the args. */
export interface RemoteSecretResolution {
    cluster: string;
    namespace: string;
    /** Where the args came from: `access`, when an Output, is checked once known and named under it. */
    path: string;
}

export type ResolvedRemoteSecretArgs = Resolved<RemoteSecretArgs, RemoteSecretResolution>;

/**
 * The args checked as the constructor uses them, registering nothing: a program calls it before the
 * cluster's provider, and hands the result to the constructor, which then resolves nothing again.
 */
export function resolveRemoteSecretArgs(args: RemoteSecretArgs | ResolvedRemoteSecretArgs, where: ArgsPaths = {}): ResolvedRemoteSecretArgs {
    return Resolved.once(TYPE, args, (a) => resolveValue(a, where.path ?? "RemoteSecretArgs"));
}

function resolveValue(args: RemoteSecretArgs, path: string): RemoteSecretResolution {
    const cluster = requireDnsLabel(at(path, "clusterName"), args.clusterName);
    const namespace = requireDnsLabel(at(path, "namespace"), args.namespace ?? "istio-system");
    // Access known now is checked now, before anything registers; an Output once it is known.
    const access = args.access;
    if (!pulumi.Output.isInstance(access) && !(access instanceof Promise)) checkAccess(access, cluster, path);
    return { cluster, namespace, path };
}

function checkAccess(access: RemoteAccess, cluster: string, path: string): RemoteAccess {
    if (access.cluster !== cluster) throw new Error(`${path}.access is for cluster ${access.cluster}, not ${cluster}`);
    return access;
}

/**
 * The remote secret on a primary: the kubeconfig Secret istiod discovers by its `istio/multiCluster`
 * label, through which it watches the remote's Services, endpoints and namespaces. Its data is a Pulumi
 * secret whatever the caller passes: the token in it opens the remote's API.
 */
export class RemoteSecret extends pulumi.ComponentResource {
    /** The kubeconfig Secret istiod discovers. */
    readonly secret: k8s.core.v1.Secret;

    constructor(name: string, args: RemoteSecretArgs | ResolvedRemoteSecretArgs, opts?: pulumi.ComponentResourceOptions) {
        const resolved = resolveRemoteSecretArgs(args);
        const provider = clusterProvider(TYPE, resolved.args.provider, opts);
        super("meshfed:primary-remote:RemoteSecret", name, {}, opts);
        const { cluster, namespace } = resolved.value;
        const data = pulumi.secret(pulumi.output(resolved.args.access).apply((access) => remoteSecretData(checkAccess(access, cluster, resolved.value.path))));
        this.secret = new k8s.core.v1.Secret(`${name}-secret`, { metadata: remoteSecretMetadata(cluster, namespace), type: "Opaque", stringData: data }, { parent: this, provider, dependsOn: dependenciesOf(opts) });
        this.registerOutputs({ children: childUrns({ secret: this.secret }) });
    }
}
