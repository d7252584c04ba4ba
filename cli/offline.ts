/**
 * meshfed's adapter to the offline engine: what only meshfed knows. The engine plans any Pulumi program;
 * here the meshfed program's stacks get their simulated world from `meshfed:offline` (read by the offline
 * engine only, ignored by a real deployment), and planned stacks are matched to their cluster by the
 * meshfed Cluster component they registered.
 */
import { CLUSTER_TYPE } from "../components/cluster/cluster";
import { resolveKubeObjects } from "../components/cluster/cluster-objects";
import { rejectUnknownKeys, requireObject, requireOneOf } from "../components/core/checks";
import { LoadBalancerAddressKind } from "../engine/addresses";
import { ResourceRecord } from "../engine/records";
import { OfflineSettings, PlanError, PlanStackOptions, planStack, StackPlan } from "../engine/run-stack";
import { StackConfig } from "../engine/stack-config";
import { key, PROJECT } from "../program/config-key";

/** `meshfed:offline` of a stack: how the simulated cloud and cluster look. Fails naming the key. */
export function offlineSettings(config: StackConfig): OfflineSettings {
    const path = key("offline");
    const raw = config.values[path];
    if (raw === undefined) return {};
    try {
        const settings = requireObject(path, JSON.parse(raw));
        rejectUnknownKeys(path, settings, ["loadBalancer", "clusterObjects"]);
        return {
            loadBalancer: settings.loadBalancer === undefined ? undefined : requireOneOf<LoadBalancerAddressKind>(`${path}.loadBalancer`, settings.loadBalancer, ["ip", "hostname"]),
            clusterObjects: resolveKubeObjects(`${path}.clusterObjects`, settings.clusterObjects),
        };
    } catch (err) {
        throw new PlanError(config.stack, [(err as Error).message]);
    }
}

/** Plans a meshfed stack: project `meshfed`, its world from `meshfed:offline`. */
export async function planMeshfedStack(options: Omit<PlanStackOptions, "project" | "offline">): Promise<StackPlan> {
    return planStack({ ...options, project: PROJECT, offline: offlineSettings(options.config) });
}

/** The cluster a planned stack deployed to: the name its meshfed Cluster published. */
export function clusterOfRecords(records: ResourceRecord[]): string | undefined {
    const cluster = records.find((r) => r.type === CLUSTER_TYPE);
    return cluster ? String(cluster.outputs.clusterName) : undefined;
}
