import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { requireDnsLabel } from "../core/checks";
import { at } from "../core/input-error";
import { RemoteAccess } from "./control-plane-contract";
import { remoteSecretData, remoteSecretMetadata } from "./specs/remote-kubeconfig";

export interface RemoteSecretArgs {
    /** The explicit provider of the primary, whose istiod will watch the remote. */
    provider: k8s.Provider;
    /** The remote cluster's name in the mesh; `access` must be for it. */
    clusterName: string;
    /** The remote's API server, CA and reader token, as its stack publishes them: keep it a Pulumi secret. */
    access: pulumi.Input<RemoteAccess>;
    /** istiod's namespace on the primary. @default "istio-system" */
    namespace?: string;
}

/**
 * The remote secret on a primary: the kubeconfig Secret istiod discovers by its `istio/multiCluster`
 * label, through which it watches the remote's Services, endpoints and namespaces. Its data is a Pulumi
 * secret whatever the caller passes: the token in it opens the remote's API.
 */
export class RemoteSecret extends pulumi.ComponentResource {
    readonly secret: k8s.core.v1.Secret;

    constructor(name: string, args: RemoteSecretArgs, opts?: pulumi.ComponentResourceOptions) {
        const path = "RemoteSecretArgs";
        const cluster = requireDnsLabel(at(path, "clusterName"), args.clusterName);
        const namespace = requireDnsLabel(at(path, "namespace"), args.namespace ?? "istio-system");
        super("meshfed:primary-remote:RemoteSecret", name, {}, opts);
        const data = pulumi.secret(
            pulumi.output(args.access).apply((access) => {
                if (access.cluster !== cluster) throw new Error(`${path}.access is for cluster ${access.cluster}, not ${cluster}`);
                return remoteSecretData(access);
            }),
        );
        this.secret = new k8s.core.v1.Secret(
            `${name}-secret`,
            { metadata: remoteSecretMetadata(cluster, namespace), type: "Opaque", stringData: data },
            { parent: this, provider: args.provider },
        );
        this.registerOutputs({});
    }
}
