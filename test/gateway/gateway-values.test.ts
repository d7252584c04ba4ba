import { expect } from "chai";
import { resolveEgress, resolveIngress } from "../../components/gateway/gateway-specs";
import { buildEgressValues, buildIngressValues } from "../../components/gateway/gateway-values";
import { loadValidator, Validator } from "../../validate";

const release = { namespace: "istio-federation-ingress", name: "istio-private-ingressgateway" };
/** The least an internal ingress load balancer needs: the cloud that spells "internal". */
const GCP = { cloud: "gcp" };

describe("istio/gateway chart values for the private gateways", () => {
    let validator: Validator;
    before(async () => {
        validator = await loadValidator();
    });

    it("exposes only the federation port, 15443, named https as the Gateway serves it, on an internal LoadBalancer by default", () => {
        const values = buildIngressValues(resolveIngress("p", GCP)) as any;
        expect(values.service.type).to.equal("LoadBalancer");
        expect(values.service.ports).to.deep.equal([{ name: "https", port: 15443, targetPort: 15443, protocol: "TCP" }]);
        expect(values.service.annotations).to.deep.equal({ "networking.gke.io/load-balancer-type": "Internal" });
    });

    it("exposes a changed federation port under the same name", () => {
        const values = buildIngressValues(resolveIngress("p", { ...GCP, port: 8443 })) as any;
        expect(values.service.ports).to.deep.equal([{ name: "https", port: 8443, targetPort: 8443, protocol: "TCP" }]);
    });

    it("puts each cloud's internal annotation on the Service, and none for a public one", () => {
        const annotations = (s: Record<string, unknown>) => (buildIngressValues(resolveIngress("p", s)) as any).service.annotations;
        expect(annotations({ cloud: "aws" })).to.deep.equal({
            "service.beta.kubernetes.io/aws-load-balancer-scheme": "internal",
            "service.beta.kubernetes.io/aws-load-balancer-internal": "true",
        });
        expect(annotations({ cloud: "azure" })).to.deep.equal({ "service.beta.kubernetes.io/azure-load-balancer-internal": "true" });
        expect(annotations({ exposure: "public" })).to.deep.equal({});
    });

    it("hands the control-plane revision to the chart, for both gateways, and leaves it to the chart otherwise", () => {
        expect((buildIngressValues(resolveIngress("p", { ...GCP, revision: "1-30-3" })) as any).revision).to.equal("1-30-3");
        expect((buildEgressValues(resolveEgress("p", { revision: "canary" })) as any).revision).to.equal("canary");
        expect(buildEgressValues(resolveEgress("p", {}))).not.to.have.property("revision");
    });

    it("selects its pods with labels of its own, never the default ingress gateway's", () => {
        const ingress = buildIngressValues(resolveIngress("p", GCP)) as any;
        const egress = buildEgressValues(resolveEgress("p", {})) as any;
        expect(ingress.labels).to.deep.equal({ app: "istio-private-ingressgateway", istio: "private-ingressgateway" });
        expect(egress.labels.istio).to.equal("private-egressgateway");
        expect(ingress.labels.istio).not.to.equal("ingressgateway");
    });

    it("keeps the egress gateway inside the cluster, with only port 443, the one it serves", () => {
        const values = buildEgressValues(resolveEgress("p", {})) as any;
        expect(values.service.type).to.equal("ClusterIP");
        expect(values.service.ports).to.deep.equal([{ name: "https", port: 443, targetPort: 443, protocol: "TCP" }]);
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
        expect(buildIngressValues(resolveIngress("p", { ...GCP, replicas: 3 }))).to.deep.include({ replicaCount: 3, autoscaling: { enabled: false } });
        expect((buildEgressValues(resolveEgress("p", { autoscaling: { minReplicas: 2, maxReplicas: 6 } })) as any).autoscaling).to.deep.equal({
            enabled: true,
            minReplicas: 2,
            maxReplicas: 6,
            targetCPUUtilizationPercentage: 80,
        });
    });

    it("asks the cloud for a pinned IP, and merges extra values last", () => {
        const values = buildIngressValues(
            resolveIngress("p", { ...GCP, address: { ip: "203.0.113.10" }, values: { service: { externalTrafficPolicy: "Local" }, priorityClassName: "system-cluster-critical" } }),
        ) as any;
        expect(values.service.loadBalancerIP).to.equal("203.0.113.10");
        expect(values.service.externalTrafficPolicy).to.equal("Local");
        expect(values.service.ports).to.have.length(1);
        expect(values.priorityClassName).to.equal("system-cluster-critical");
    });

    const settingsGrid: [string, Record<string, unknown>][] = [
        ["defaults (internal on GCP)", GCP],
        ["internal on AWS, with a revision", { cloud: "aws", revision: "1-30-3" }],
        ["public, narrowed to source ranges", { exposure: "public", loadBalancerSourceRanges: ["203.0.113.0/24"] }],
        ["fixed replicas with a disruption budget", { ...GCP, replicas: 3, podDisruptionBudget: { minAvailable: 2 } }],
        ["autoscaling", { ...GCP, autoscaling: { minReplicas: 2, maxReplicas: 10, targetCPUUtilizationPercentage: 60 } }],
        ["resources", { ...GCP, resources: { requests: { cpu: "200m", memory: "256Mi" }, limits: { cpu: "1", memory: "512Mi" } } }],
        ["a NodePort with a pinned DNS name", { serviceType: "NodePort", address: { hostname: "c2.example.com" } }],
    ];
    for (const [what, settings] of settingsGrid) {
        it(`builds values the chart's schema accepts: ${what}`, () => {
            expect(validator.validateGatewayChartValues(buildIngressValues(resolveIngress("p", settings)), release)).to.deep.equal([]);
            const ingressOnly = ["serviceType", "address", "cloud", "exposure", "loadBalancerSourceRanges"];
            const shared = Object.fromEntries(Object.entries(settings).filter(([k]) => !ingressOnly.includes(k)));
            expect(validator.validateGatewayChartValues(buildEgressValues(resolveEgress("p", shared)), release)).to.deep.equal([]);
        });
    }

    it("lets the chart's schema catch a bad extra value", () => {
        const values = buildIngressValues(resolveIngress("p", { ...GCP, values: { replicas: 2 } }));
        const findings = validator.validateGatewayChartValues(values, release);
        expect(findings.map((f) => f.path)).to.deep.equal(["values.replicas"]);
    });
});
