/**
 * The meshfed program: one stack per cluster. It reads the stack's config once, checks all of it, then
 * composes the components of `components/`. `pulumi up` runs it against a real cluster; `npm run plan`
 * runs it on the offline engine.
 */
import { Cluster, ClusterObjects } from "./components";
import { readSettings } from "./program/settings";

export default async function meshfed(): Promise<Record<string, unknown>> {
    const settings = readSettings();
    const name = settings.cluster.name;

    const cluster = new Cluster(name, {
        name,
        kubeconfig: settings.kubeconfig,
        context: settings.cluster.context,
    });
    if (settings.objects.length > 0) {
        new ClusterObjects(`${name}-objects`, { provider: cluster.provider, objects: settings.objects });
    }

    return { cluster: cluster.clusterName };
}
