/**
 * Rebuilds what earlier plans put into a cluster from their `resources.json`, so a stack planned alone
 * (`--stack`) sees the objects its cluster's other stacks created — as it would in the real cluster.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { HELM_RELEASE_TYPE, KubeObject, kubeTypeOf, SimulatedCluster } from "./kubernetes";
import { ResourceRecord } from "./records";

/** Which cluster a planned stack deployed to, as the program records it (the engine cannot know). */
export type ClusterOfRecords = (records: ResourceRecord[]) => string | undefined;

export function replayInto(cluster: SimulatedCluster, records: ResourceRecord[]): void {
    // Releases first: the objects a program read back (a Service with its load balancer) then win.
    for (const r of records.filter((x) => x.type === HELM_RELEASE_TYPE)) cluster.installRelease(r.inputs as Record<string, unknown>);
    cluster.seed(records.filter((r) => r.custom && kubeTypeOf(r.type)).map((r) => r.outputs as unknown as KubeObject));
}

/** Replays every stack planned into `outDir`, other than `except`, that deployed to `cluster`. */
export function replayPlannedStacks(cluster: SimulatedCluster, outDir: string, except: string, clusterOfRecords: ClusterOfRecords): void {
    if (!fs.existsSync(outDir)) return;
    for (const stack of fs.readdirSync(outDir).sort()) {
        const file = path.join(outDir, stack, "resources.json");
        if (stack === except || !fs.existsSync(file)) continue;
        const records = JSON.parse(fs.readFileSync(file, "utf8")) as ResourceRecord[];
        if (clusterOfRecords(records) === cluster.name) replayInto(cluster, records);
    }
}
