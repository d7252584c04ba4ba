/**
 * Values for the official istio/gateway chart, built from resolved settings. Pure: the same settings
 * always give the same values, which `npm run plan` checks against the chart's values schema.
 */
import { ResolvedDeployment, ResolvedIngress } from "./gateway-specs";

/** The two private gateways a federated cluster runs. */
export type GatewayRole = "ingress" | "egress";

/**
 * Release name and selector labels per role. Fixed, so an upgrade never renames the release, and
 * distinct from the default `istio: ingressgateway`, so a mesh-wide Gateway never lands on them.
 */
export const GATEWAY_IDENTITY: Record<GatewayRole, { releaseName: string; labels: { app: string; istio: string } }> = {
    ingress: { releaseName: "istio-private-ingressgateway", labels: { app: "istio-private-ingressgateway", istio: "private-ingressgateway" } },
    egress: { releaseName: "istio-private-egressgateway", labels: { app: "istio-private-egressgateway", istio: "private-egressgateway" } },
};

/**
 * The egress gateway's one port: sidecars reach it with Istio mutual TLS on 443. Nothing is served on 80,
 * so the Service does not open it.
 */
export const EGRESS_PORTS = [{ name: "https", port: 443, targetPort: 443, protocol: "TCP" }];

export function buildIngressValues(spec: ResolvedIngress): Record<string, unknown> {
    const service: Record<string, unknown> = {
        type: spec.serviceType,
        // Named after what the Gateway serves there: HTTPS (TLS terminated, HTTP inside).
        ports: [{ name: "https", port: spec.port, targetPort: spec.port, protocol: "TCP" }],
        annotations: spec.serviceAnnotations,
    };
    if (spec.loadBalancerSourceRanges.length > 0) service.loadBalancerSourceRanges = spec.loadBalancerSourceRanges;
    if (spec.serviceType === "LoadBalancer" && spec.address?.ip) service.loadBalancerIP = spec.address.ip;
    return withDeployment("ingress", spec, service);
}

export function buildEgressValues(spec: ResolvedDeployment): Record<string, unknown> {
    return withDeployment("egress", spec, { type: "ClusterIP", ports: EGRESS_PORTS });
}

function withDeployment(role: GatewayRole, spec: ResolvedDeployment, service: Record<string, unknown>): Record<string, unknown> {
    const values: Record<string, unknown> = { labels: { ...GATEWAY_IDENTITY[role].labels }, service };
    if (spec.replicas !== undefined) {
        values.replicaCount = spec.replicas;
        values.autoscaling = { enabled: false };
    }
    if (spec.autoscaling) values.autoscaling = { enabled: true, ...spec.autoscaling };
    if (spec.resources) values.resources = spec.resources;
    if (spec.podDisruptionBudget) values.podDisruptionBudget = spec.podDisruptionBudget;
    if (spec.revision) values.revision = spec.revision;
    return spec.values ? deepMerge(values, spec.values) : values;
}

/** Objects merge key by key; anything else in `extra` replaces (as Helm merges values files). */
export function deepMerge(base: Record<string, unknown>, extra: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = { ...base };
    for (const [k, v] of Object.entries(extra)) {
        const b = out[k];
        out[k] = isPlainObject(b) && isPlainObject(v) ? deepMerge(b, v) : v;
    }
    return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}
