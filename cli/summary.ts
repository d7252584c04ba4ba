/** The few lines `npm run plan` prints per cluster: what would be applied, and where traffic enters. */
import { CLUSTER_TYPE } from "../components/cluster/cluster";
import { K8S_PROVIDER_TYPE } from "../engine/kubernetes";
import { helmReleasesOf, manifestsOf } from "../engine/manifests";
import { ResourceRecord } from "../engine/records";
import { StackPlan } from "../engine/run-stack";
import { reveal } from "../engine/secrets";
import { GATEWAY_IDENTITY } from "../components/gateway/gateway-values";


/** @param notes what a reader should know about this plan that the objects do not show */
export function summarize(plan: StackPlan, notes: string[]): string {
    const lines: string[] = [];
    const providers = plan.records.filter((r) => r.type === K8S_PROVIDER_TYPE);
    // A provider's parent is its meshfed Cluster, whose name is the one a platform engineer knows.
    const clusterName = (p: ResourceRecord) =>
        String(plan.records.find((r) => r.urn === p.parent && r.type === CLUSTER_TYPE)?.outputs.clusterName ?? p.name);
    const clusterOf = (provider?: string) => {
        const p = providers.find((x) => provider?.startsWith(`${x.urn}::`));
        return p ? clusterName(p) : "(default provider)";
    };

    lines.push(`stack ${plan.stack}: ${plan.records.length} resources`);
    const clusters = new Set(manifestsOf(plan.records).map(({ record }) => clusterOf(record.provider)));
    for (const p of providers) clusters.add(clusterName(p));
    for (const cluster of [...clusters].sort()) {
        lines.push(`  cluster ${cluster}`);
        const kinds = new Map<string, number>();
        for (const { record, object } of manifestsOf(plan.records)) {
            if (clusterOf(record.provider) === cluster) kinds.set(object.kind, (kinds.get(object.kind) ?? 0) + 1);
        }
        const byKind = [...kinds].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `${k} ${n}`);
        lines.push(`    objects: ${byKind.length > 0 ? byKind.join(", ") : "none"}`);
        for (const release of helmReleasesOf(plan.records).filter((r) => clusterOf(r.record.provider) === cluster)) {
            lines.push(`    gateway ${release.namespace}/${release.name} (istio/${release.chart} ${release.version ?? ""}): ${addressOf(plan, release.namespace, release.name)}`);
        }
    }
    for (const [output, label] of [["exported", "exports"], ["imported", "imports"]]) {
        const entries = reveal(plan.outputs[output]);
        if (Array.isArray(entries)) for (const e of entries) lines.push(`  ${label} ${e}`);
    }
    const outputs = Object.keys(plan.outputs);
    lines.push(`  outputs: ${outputs.length > 0 ? outputs.join(", ") : "none"}`);
    for (const n of notes) lines.push(`  note: ${n}`);
    return lines.join("\n");
}

/** The address peers use: the stack's published one (possibly pinned), else what the Service reports. */
function addressOf(plan: StackPlan, namespace: string, release: string): string {
    const published = reveal(plan.outputs.ingressAddress) as { ip?: string; hostname?: string } | undefined;
    if (release === GATEWAY_IDENTITY.ingress.releaseName && published) return `address ${published.ip ?? published.hostname}`;
    try {
        const svc = plan.cluster.read("kubernetes:core/v1:Service", `${namespace}/${release}`) as any;
        const ingress = svc.status?.loadBalancer?.ingress?.[0];
        if (ingress) return `address ${ingress.ip ?? ingress.hostname}`;
        return `service ${svc.spec?.type ?? "ClusterIP"}`;
    } catch {
        return "";
    }
}
