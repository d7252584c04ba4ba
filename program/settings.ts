/**
 * The stack config, read once and checked whole before the program creates anything: a bad value stops
 * `pulumi up` (and `npm run plan`) with the key, the value and what is allowed, and nothing is half-applied.
 */
import * as pulumi from "@pulumi/pulumi";
import { requireDnsLabel, requireObject, rejectUnknownKeys } from "../components/core/checks";
import { KubeObject, resolveKubeObjects } from "../components/cluster/cluster-objects";

export const PROJECT = "meshfed";

export interface Settings {
    cluster: { name: string; context?: string };
    /** The cluster's kubeconfig, a secret. */
    kubeconfig: pulumi.Output<string>;
    objects: KubeObject[];
}

export function readSettings(config = new pulumi.Config(PROJECT)): Settings {
    const key = (k: string) => `${PROJECT}:${k}`;
    const cluster = requireObject(key("cluster"), config.requireObject("cluster"));
    rejectUnknownKeys(key("cluster"), cluster, ["name", "context"]);
    return {
        cluster: {
            name: requireDnsLabel(`${key("cluster")}.name`, cluster.name),
            context: cluster.context as string | undefined,
        },
        kubeconfig: config.requireSecret("kubeconfig"),
        objects: resolveKubeObjects(key("objects"), config.getObject("objects")),
    };
}
