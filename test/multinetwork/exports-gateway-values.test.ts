/**
 * The istio/gateway chart values of the two cross-network gateways, built directly from resolved settings:
 * what the load balancer opens, which network the proxies forward to, and the deployment knobs.
 */
import { expect } from "chai";
import { resolveEgress, resolveIngress } from "../../components/gateway/gateway-specs";
import { buildNetworkEgressValues, buildNetworkGatewayValues } from "../../components/multinetwork/network-gateway-values";
import { loadValidator, Validator } from "../../validate";

const GCP = { cloud: "gcp" };
const ingress = (s: Record<string, unknown>, network = "network1") => buildNetworkGatewayValues(resolveIngress("p", { ...GCP, ...s }), network) as Record<string, any>;
const egress = (s: Record<string, unknown>) => buildNetworkEgressValues(resolveEgress("p", s)) as Record<string, any>;
const DEPLOYMENT_KEYS = ["replicaCount", "autoscaling", "resources", "podDisruptionBudget", "revision"];

describe("istio/gateway chart values for the cross-network gateways", () => {
    it("opens the readiness port and the peers' port on the load balancer, the latter always landing on the pods' 15443", () => {
        expect(ingress({ port: 8443 }, "network2").service).to.deep.equal({
            type: "LoadBalancer",
            ports: [
                { name: "status-port", port: 15021, targetPort: 15021, protocol: "TCP" },
                { name: "tls", port: 8443, targetPort: 15443, protocol: "TCP" },
            ],
            annotations: { "networking.gke.io/load-balancer-type": "Internal" },
        });
    });

    it("puts the proxies on the cluster's network and limits them to its endpoints", () => {
        const values = ingress({}, "network2");
        expect(values.labels).to.deep.equal({ app: "istio-network-gateway", istio: "network-gateway", "topology.istio.io/network": "network2" });
        expect(values.env).to.deep.equal({ ISTIO_META_REQUESTED_NETWORK_VIEW: "network2" });
        expect(ingress({}, "west-net").labels["topology.istio.io/network"]).to.equal("west-net");
    });

    it("narrows the load balancer to the source ranges given, and admits any client when none are", () => {
        expect(ingress({ loadBalancerSourceRanges: ["203.0.113.0/24", "198.51.100.0/24"] }).service.loadBalancerSourceRanges).to.deep.equal(["203.0.113.0/24", "198.51.100.0/24"]);
        expect(ingress({}).service).not.to.have.property("loadBalancerSourceRanges");
    });

    it("asks a LoadBalancer for a pinned IP, but not a NodePort, nor for a pinned DNS name", () => {
        expect(ingress({ address: { ip: "192.0.2.21" } }).service.loadBalancerIP).to.equal("192.0.2.21");
        expect(ingress({ serviceType: "NodePort", address: { ip: "192.0.2.21" } }).service).not.to.have.property("loadBalancerIP");
        expect(ingress({ address: { hostname: "east.example.com" } }).service).not.to.have.property("loadBalancerIP");
    });

    it("runs the egress gateway inside the cluster, on 15443 alone, with labels of its own and no network", () => {
        const values = egress({});
        expect(values).to.deep.equal({
            labels: { app: "istio-network-egressgateway", istio: "network-egressgateway" },
            service: { type: "ClusterIP", ports: [{ name: "tls", port: 15443, targetPort: 15443, protocol: "TCP" }] },
        });
    });

    it("leaves replicas, autoscaling, resources, disruption budget and revision to the chart unless set", () => {
        for (const values of [ingress({}), egress({})]) for (const k of DEPLOYMENT_KEYS) expect(values, k).not.to.have.property(k);
    });

    it("hands a fixed replica count to the chart with its autoscaler off, on both gateways", () => {
        for (const values of [ingress({ replicas: 3 }), egress({ replicas: 2 })]) expect(values.autoscaling).to.deep.equal({ enabled: false });
        expect(ingress({ replicas: 3 }).replicaCount).to.equal(3);
        expect(egress({ replicas: 2 }).replicaCount).to.equal(2);
    });

    it("turns the autoscaler on with the bounds given", () => {
        const autoscaling = { minReplicas: 2, maxReplicas: 6, targetCPUUtilizationPercentage: 60 };
        expect(ingress({ autoscaling }).autoscaling).to.deep.equal({ enabled: true, ...autoscaling });
        expect(egress({ autoscaling }).autoscaling).to.deep.equal({ enabled: true, ...autoscaling });
        expect(ingress({ autoscaling })).not.to.have.property("replicaCount");
    });

    it("passes resources, the disruption budget and the revision through", () => {
        const resources = { requests: { cpu: "200m", memory: "256Mi" }, limits: { memory: "512Mi" } };
        const podDisruptionBudget = { minAvailable: 1 };
        for (const values of [ingress({ replicas: 2, resources, podDisruptionBudget, revision: "1-30-3" }), egress({ replicas: 2, resources, podDisruptionBudget, revision: "1-30-3" })]) {
            expect(values).to.deep.include({ resources, podDisruptionBudget, revision: "1-30-3" });
        }
    });

    it("merges extra values last, over meshfed's own", () => {
        const values = ingress({ values: { service: { externalTrafficPolicy: "Local" }, env: { EXTRA: "1" } } }, "network2");
        expect(values.service.externalTrafficPolicy).to.equal("Local");
        expect(values.service.ports).to.have.length(2);
        expect(values.env).to.deep.equal({ ISTIO_META_REQUESTED_NETWORK_VIEW: "network2", EXTRA: "1" });
        expect(egress({ values: { priorityClassName: "system-cluster-critical" } }).priorityClassName).to.equal("system-cluster-critical");
    });

    describe("against the chart's values schema", () => {
        let validator: Validator;
        before(async () => {
            validator = await loadValidator();
        });
        const grid: [string, Record<string, unknown>][] = [
            ["defaults", {}],
            ["fixed replicas with a budget, resources and a revision", { replicas: 3, podDisruptionBudget: { minAvailable: 2 }, resources: { requests: { cpu: "100m" } }, revision: "canary" }],
            ["autoscaling", { autoscaling: { minReplicas: 2, maxReplicas: 4 } }],
        ];
        for (const [what, s] of grid) {
            it(`accepts both gateways' values: ${what}`, () => {
                expect(validator.validateGatewayChartValues(ingress({ ...s, loadBalancerSourceRanges: ["203.0.113.0/24"], address: { ip: "192.0.2.21" } }), { namespace: "istio-network-gateway", name: "istio-network-gateway" })).to.deep.equal([]);
                expect(validator.validateGatewayChartValues(egress(s), { namespace: "istio-network-egress", name: "istio-network-egressgateway" })).to.deep.equal([]);
            });
        }
    });
});
