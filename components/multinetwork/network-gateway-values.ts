/**
 * istio/gateway chart values for the two cross-network gateways, pure like the private gateways' values.
 *
 * Why not the chart's `networkGateway` value: it also opens istiod's ports (15012, 15017) on the load
 * balancer (templates/service.yaml), which a primary-remote setup needs and replicated control planes must
 * not expose. meshfed sets what `networkGateway` sets for the proxy itself — the network label on pods and
 * Service, and `ISTIO_META_REQUESTED_NETWORK_VIEW` so the gateway forwards to its own network's endpoints
 * only — and opens 15443 alone (plus the readiness port the load balancer probes).
 */
import { ResolvedDeployment, ResolvedIngress } from "../gateway/gateway-specs";
import { deepMerge } from "../gateway/gateway-values";
import { CROSS_NETWORK_PORT } from "./specs/passthrough-gateway";

export const NETWORK_LABEL = "topology.istio.io/network";

export const NETWORK_GATEWAY_IDENTITY = {
    ingress: { releaseName: "istio-network-gateway", labels: { app: "istio-network-gateway", istio: "network-gateway" } },
    egress: { releaseName: "istio-network-egressgateway", labels: { app: "istio-network-egressgateway", istio: "network-egressgateway" } },
} as const;

export function buildNetworkGatewayValues(spec: ResolvedIngress, network: string): Record<string, unknown> {
    const service: Record<string, unknown> = {
        type: spec.serviceType,
        ports: [
            { name: "status-port", port: 15021, targetPort: 15021, protocol: "TCP" },
            { name: "tls", port: spec.port, targetPort: CROSS_NETWORK_PORT, protocol: "TCP" },
        ],
        annotations: spec.serviceAnnotations,
    };
    if (spec.loadBalancerSourceRanges.length > 0) service.loadBalancerSourceRanges = spec.loadBalancerSourceRanges;
    if (spec.serviceType === "LoadBalancer" && spec.address?.ip) service.loadBalancerIP = spec.address.ip;
    const values = withDeployment(spec, {
        labels: { ...NETWORK_GATEWAY_IDENTITY.ingress.labels, [NETWORK_LABEL]: network },
        env: { ISTIO_META_REQUESTED_NETWORK_VIEW: network },
        service,
    });
    return spec.values ? deepMerge(values, spec.values) : values;
}

export function buildNetworkEgressValues(spec: ResolvedDeployment): Record<string, unknown> {
    const values = withDeployment(spec, {
        labels: { ...NETWORK_GATEWAY_IDENTITY.egress.labels },
        service: { type: "ClusterIP", ports: [{ name: "tls", port: CROSS_NETWORK_PORT, targetPort: CROSS_NETWORK_PORT, protocol: "TCP" }] },
    });
    return spec.values ? deepMerge(values, spec.values) : values;
}

function withDeployment(spec: ResolvedDeployment, values: Record<string, unknown>): Record<string, unknown> {
    if (spec.replicas !== undefined) Object.assign(values, { replicaCount: spec.replicas, autoscaling: { enabled: false } });
    if (spec.autoscaling) values.autoscaling = { enabled: true, ...spec.autoscaling };
    if (spec.resources) values.resources = spec.resources;
    if (spec.podDisruptionBudget) values.podDisruptionBudget = spec.podDisruptionBudget;
    if (spec.revision) values.revision = spec.revision;
    return values;
}
