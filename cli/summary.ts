/** The few lines `npm run plan` prints per cluster: what would be applied, and where traffic enters. */
import { CLUSTER_TYPE } from "../components/cluster/cluster";
import { K8S_PROVIDER_TYPE } from "../engine/kubernetes";
import { helmReleasesOf, manifestsOf } from "../engine/manifests";
import { ResourceRecord } from "../engine/records";
import { StackPlan } from "../engine/run-stack";
import { reveal } from "../engine/secrets";
import { GATEWAY_IDENTITY } from "../components/gateway/gateway-values";


/**
 * @param notes what a reader should know about this plan that the objects do not show
 * @param rendered per release (`namespace/name`), the kinds Helm renders from it (when Go is present)
 */
export function summarize(plan: StackPlan, notes: string[], rendered?: Record<string, string>): string {
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
        const releases = helmReleasesOf(plan.records).filter((r) => clusterOf(r.record.provider) === cluster);
        for (const release of releases) {
            lines.push(`    gateway ${release.namespace}/${release.name} (istio/${release.chart} ${release.version ?? ""}): ${addressOf(plan, release.namespace, release.name)}`);
            const kinds = rendered?.[`${release.namespace}/${release.name}`];
            if (kinds !== undefined) lines.push(`      Helm renders: ${kinds || "nothing"}`);
            // The chart's Role lets a gateway read every Secret of its namespace: show exactly which those are.
            lines.push(`      secrets it can read: ${secretsIn(plan, release.namespace).join(", ") || "none"}`);
        }
        // A federation stack adds bundles next to gateways its identity stack installed: show them too.
        if (releases.length === 0) {
            for (const gw of gatewayServices(plan)) lines.push(`    gateway ${gw}: secrets it can read: ${secretsIn(plan, gw.split("/")[0]).join(", ") || "none"}`);
        }
    }
    // An identity stack lists its consumers by name; a federation stack, as admitted (name, SNI, bundle).
    const exported = reveal(plan.outputs.exports) as { exportAs: { namespace: string; name: string }; consumers: (string | { cluster: string })[] }[] | undefined;
    if (Array.isArray(exported)) {
        for (const e of exported) {
            lines.push(`  exports ${e.exportAs.namespace}/${e.exportAs.name} → ${e.consumers.map((c) => (typeof c === "string" ? c : c.cluster)).join(", ")}`);
        }
    }
    const imported = reveal(plan.outputs.imports) as { peer: string; service: { namespace: string; name: string }; as: { namespace: string; name: string }; via: string }[] | undefined;
    if (Array.isArray(imported)) {
        for (const i of imported) lines.push(`  imports ${i.peer}:${i.service.namespace}/${i.service.name} as ${i.as.name}.${i.as.namespace} via ${i.via}`);
    }
    const outputs = Object.keys(plan.outputs);
    lines.push(`  outputs: ${outputs.length > 0 ? outputs.join(", ") : "none"}`);
    for (const n of notes) lines.push(`  note: ${n}`);
    return lines.join("\n");
}

/** The private gateways of the cluster (`namespace/release`), from the Services their releases created. */
function gatewayServices(plan: StackPlan): string[] {
    const releases = Object.values(GATEWAY_IDENTITY).map((g) => g.releaseName);
    return plan.cluster
        .objects()
        .filter((o) => o.kind === "Service" && releases.includes(String(o.metadata?.name)))
        .map((o) => `${o.metadata?.namespace}/${o.metadata?.name}`)
        .sort();
}

/** The Secrets of a namespace in the cluster as this stack leaves it (its other stacks included). */
function secretsIn(plan: StackPlan, namespace: string): string[] {
    return plan.cluster
        .objects()
        .filter((o) => o.kind === "Secret" && o.metadata?.namespace === namespace)
        .map((o) => String(o.metadata?.name))
        .sort();
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
