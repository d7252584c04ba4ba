import { expect } from "chai";
import { resolveEgress, resolveIngress } from "../../components/gateway/gateway-specs";

describe("private gateway settings: bad input fails before anything is installed", () => {
    const cases: [string, () => unknown, string][] = [
        ["an unknown service type", () => resolveIngress("meshfed:gateways.ingress", { serviceType: "ExternalName" }),
            'meshfed:gateways.ingress.serviceType: "ExternalName" is not valid; allowed: LoadBalancer, NodePort, ClusterIP'],
        ["a port out of range", () => resolveIngress("meshfed:gateways.ingress", { port: 70000 }),
            "meshfed:gateways.ingress.port: 70000 is not valid; expected a whole number from 1 to 65535"],
        ["a bad annotation key", () => resolveIngress("meshfed:gateways.ingress", { serviceAnnotations: { "bad key!": "x" } }),
            'meshfed:gateways.ingress.serviceAnnotations["bad key!"]: "bad key!" is not valid; an annotation key is'],
        ["a non-string annotation value", () => resolveIngress("meshfed:gateways.ingress", { serviceAnnotations: { "a/b": true } }),
            'meshfed:gateways.ingress.serviceAnnotations["a/b"]: true is not valid; annotation values are strings'],
        ["a NodePort gateway peers could not find", () => resolveIngress("meshfed:gateways.ingress", { serviceType: "NodePort" }),
            "meshfed:gateways.ingress.address: a missing value is not valid; a NodePort ingress gateway has no load-balancer address"],
        ["a pinned address that is neither IP nor DNS name", () => resolveIngress("meshfed:gateways.ingress", { address: { ip: "300.1.1.1" } }),
            'meshfed:gateways.ingress.address.ip: "300.1.1.1" is not valid; expected an IPv4 or IPv6 address'],
        ["replicas and autoscaling together", () => resolveEgress("meshfed:gateways.egress", { replicas: 2, autoscaling: { minReplicas: 1, maxReplicas: 2 } }),
            "meshfed:gateways.egress.autoscaling: {\"minReplicas\":1,\"maxReplicas\":2} is not valid; set either replicas or autoscaling, not both"],
        ["a disruption budget for a single replica", () => resolveEgress("meshfed:gateways.egress", { replicas: 1, podDisruptionBudget: { minAvailable: 1 } }),
            "needs at least 2 replicas"],
        ["a source range that is not a CIDR", () => resolveIngress("meshfed:gateways.ingress", { loadBalancerSourceRanges: ["10.0.0.1"] }),
            'meshfed:gateways.ingress.loadBalancerSourceRanges[0]: "10.0.0.1" is not valid; expected a CIDR'],
        ["a misspelt setting", () => resolveEgress("meshfed:gateways.egress", { replica: 2 }),
            "meshfed:gateways.egress.replica: 2 is not valid; unknown setting"],
    ];
    for (const [what, run, message] of cases) {
        it(`rejects ${what}`, () => {
            expect(run).to.throw(message);
        });
    }
});
