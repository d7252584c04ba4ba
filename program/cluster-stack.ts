/**
 * What every stack kind does with its cluster once its config is resolved: the cluster's explicit provider,
 * the stack's own components on it, and the extra objects of `meshfed:objects`.
 */
import * as k8s from "@pulumi/kubernetes";
import { Cluster, ClusterObjects } from "../components";
import { Settings } from "./settings";

export function withCluster(settings: Settings, body: (provider: k8s.Provider) => Record<string, unknown>): Record<string, unknown> {
    const name = settings.cluster.name;
    const cluster = new Cluster(name, { name, kubeconfig: settings.kubeconfig, context: settings.cluster.context });
    const outputs = body(cluster.provider);
    if (settings.objects.value.objects.length > 0) new ClusterObjects(`${name}-objects`, settings.objects, { provider: cluster.provider });
    return outputs;
}
