import { expect } from "chai";
import { resolveEgress, resolveIngress } from "../../components/gateway/gateway-specs";
import { buildEgressValues, buildIngressValues } from "../../components/gateway/gateway-values";
import { loadValidator, Validator } from "../../validate";

const release = { namespace: "istio-private-gateways", name: "istio-private-ingressgateway" };

describe("istio/gateway chart values for the private gateways", () => {
    let validator: Validator;
    before(async () => {
        validator = await loadValidator();
    });

    it("exposes only the federation port, 15443 TLS, on a LoadBalancer by default", () => {
        const values = buildIngressValues(resolveIngress("p", {})) as any;
        expect(values.service.type).to.equal("LoadBalancer");
        expect(values.service.ports).to.deep.equal([{ name: "tls", port: 15443, targetPort: 15443, protocol: "TCP" }]);
    });

    it("selects its pods with labels of its own, never the default ingress gateway's", () => {
        const ingress = buildIngressValues(resolveIngress("p", {})) as any;
        const egress = buildEgressValues(resolveEgress("p", {})) as any;
        expect(ingress.labels).to.deep.equal({ app: "istio-private-ingressgateway", istio: "private-ingressgateway" });
        expect(egress.labels.istio).to.equal("private-egressgateway");
        expect(ingress.labels.istio).not.to.equal("ingressgateway");
    });

    it("keeps the egress gateway inside the cluster, on ports 80 and 443", () => {
        const values = buildEgressValues(resolveEgress("p", {})) as any;
        expect(values.service.type).to.equal("ClusterIP");
        expect(values.service.ports.map((p: any) => p.port)).to.deep.equal([80, 443]);
    });

    it("passes load-balancer annotations and source ranges through to the Service", () => {
        const values = buildIngressValues(
            resolveIngress("p", {
                serviceAnnotations: { "service.beta.kubernetes.io/aws-load-balancer-scheme": "internal" },
                loadBalancerSourceRanges: ["203.0.113.0/24"],
            }),
        ) as any;
        expect(values.service.annotations).to.deep.equal({ "service.beta.kubernetes.io/aws-load-balancer-scheme": "internal" });
        expect(values.service.loadBalancerSourceRanges).to.deep.equal(["203.0.113.0/24"]);
    });

    it("turns autoscaling off for a fixed replica count, and on with bounds", () => {
        expect(buildIngressValues(resolveIngress("p", { replicas: 3 }))).to.deep.include({ replicaCount: 3, autoscaling: { enabled: false } });
        expect((buildEgressValues(resolveEgress("p", { autoscaling: { minReplicas: 2, maxReplicas: 6 } })) as any).autoscaling).to.deep.equal({
            enabled: true,
            minReplicas: 2,
            maxReplicas: 6,
            targetCPUUtilizationPercentage: 80,
        });
    });

    it("asks the cloud for a pinned IP, and merges extra values last", () => {
        const values = buildIngressValues(
            resolveIngress("p", { address: { ip: "203.0.113.10" }, values: { service: { externalTrafficPolicy: "Local" }, priorityClassName: "system-cluster-critical" } }),
        ) as any;
        expect(values.service.loadBalancerIP).to.equal("203.0.113.10");
        expect(values.service.externalTrafficPolicy).to.equal("Local");
        expect(values.service.ports).to.have.length(1);
        expect(values.priorityClassName).to.equal("system-cluster-critical");
    });

    const settingsGrid: [string, Record<string, unknown>][] = [
        ["defaults", {}],
        ["fixed replicas with a disruption budget", { replicas: 3, podDisruptionBudget: { minAvailable: 2 } }],
        ["autoscaling", { autoscaling: { minReplicas: 2, maxReplicas: 10, targetCPUUtilizationPercentage: 60 } }],
        ["resources", { resources: { requests: { cpu: "200m", memory: "256Mi" }, limits: { cpu: "1", memory: "512Mi" } } }],
        ["a NodePort with a pinned DNS name", { serviceType: "NodePort", address: { hostname: "c2.example.com" } }],
    ];
    for (const [what, settings] of settingsGrid) {
        it(`builds values the chart's schema accepts: ${what}`, () => {
            expect(validator.validateGatewayChartValues(buildIngressValues(resolveIngress("p", settings)), release)).to.deep.equal([]);
            const shared = Object.fromEntries(Object.entries(settings).filter(([k]) => k !== "serviceType" && k !== "address"));
            expect(validator.validateGatewayChartValues(buildEgressValues(resolveEgress("p", shared)), release)).to.deep.equal([]);
        });
    }

    it("lets the chart's schema catch a bad extra value", () => {
        const values = buildIngressValues(resolveIngress("p", { values: { replicas: 2 } }));
        const findings = validator.validateGatewayChartValues(values, release);
        expect(findings.map((f) => f.path)).to.deep.equal(["values.replicas"]);
    });
});
