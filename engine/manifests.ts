/** What a plan would apply to a cluster, read off the engine's records. */
import { HELM_RELEASE_TYPE, KubeObject, kubeTypeOf } from "./kubernetes";
import { ResourceRecord } from "./records";

/** Every Kubernetes object the plan creates (not reads), as the API server would store it. */
export function manifestsOf(records: ResourceRecord[]): { record: ResourceRecord; object: KubeObject }[] {
    return records
        .filter((r) => r.custom && !r.read && kubeTypeOf(r.type) !== undefined)
        .map((r) => ({ record: r, object: r.outputs as unknown as KubeObject }));
}

export interface HelmReleaseRecord {
    record: ResourceRecord;
    name: string;
    namespace: string;
    chart: string;
    version?: string;
    values: Record<string, unknown>;
}

export function helmReleasesOf(records: ResourceRecord[]): HelmReleaseRecord[] {
    return records
        .filter((r) => r.type === HELM_RELEASE_TYPE && !r.read)
        .map((r) => {
            const o = r.outputs as Record<string, any>;
            return {
                record: r,
                name: o.name ?? r.name,
                namespace: o.namespace ?? "default",
                chart: o.chart,
                version: o.version,
                values: o.values ?? {},
            };
        });
}
