import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { requireDnsLabel } from "../core/checks";

export interface ClusterArgs {
    /**
     * The cluster's name in the federation: a DNS-1123 label such as `cluster1`. Peers see it in the
     * export contract, and it prefixes the names of the resources meshfed creates for this cluster.
     */
    name: string;
    /**
     * The kubeconfig that reaches this cluster (its contents, not a path). Always stored as a Pulumi
     * secret. meshfed never falls back to the ambient `~/.kube/config`: a stack deploys to the cluster it
     * names, whoever runs it.
     */
    kubeconfig: pulumi.Input<string>;
    /**
     * The kubeconfig context to use.
     * @default the kubeconfig's `current-context`
     */
    context?: string;
}

/** The Cluster's type token: tooling finds a stack's cluster name by it. */
export const CLUSTER_TYPE = "meshfed:cluster:Cluster";

/**
 * One Kubernetes cluster of the federation and its explicit provider, which every meshfed object of the
 * cluster is created with.
 */
export class Cluster extends pulumi.ComponentResource {
    /** The cluster's federation name. */
    readonly clusterName: string;
    /** The explicit provider for this cluster; pass it to every component that creates objects in it. */
    readonly provider: k8s.Provider;

    constructor(name: string, args: ClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        const clusterName = requireDnsLabel("ClusterArgs.name", args.name);
        super(CLUSTER_TYPE, name, {}, opts);
        this.clusterName = clusterName;
        this.provider = new k8s.Provider(
            `${name}-k8s`,
            { kubeconfig: pulumi.secret(args.kubeconfig), context: args.context },
            { parent: this },
        );
        this.registerOutputs({ clusterName: this.clusterName });
    }
}
