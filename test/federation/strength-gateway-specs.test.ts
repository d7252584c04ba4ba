/**
 * A gateway's deployment settings as a platform engineer writes them: what is kept as given, what the
 * defaults are, and refusals naming the full key (meshfed:gateways.<role>.<field>) and what is allowed.
 */
import { expect } from "chai";
import { resolveEgress, resolveIngress } from "../../components/gateway/gateway-specs";

const EGRESS = "meshfed:gateways.egress";
const INGRESS = "meshfed:gateways.ingress";
const egress = (s: Record<string, unknown>) => resolveEgress(EGRESS, s);

describe("gateway deployment settings: kept as given", () => {
    it("keeps a PodDisruptionBudget from 2 replicas, fixed or autoscaled", () => {
        expect(egress({ replicas: 2, podDisruptionBudget: { minAvailable: 1 } }).podDisruptionBudget).to.deep.equal({ minAvailable: 1 });
        expect(egress({ autoscaling: { minReplicas: 2, maxReplicas: 2 }, podDisruptionBudget: { maxUnavailable: 1 } }).podDisruptionBudget).to.deep.equal({ maxUnavailable: 1 });
    });

    it("keeps autoscaling bounds that are equal, and the CPU target, 80 % unless set", () => {
        expect(egress({ autoscaling: { minReplicas: 3, maxReplicas: 3 } }).autoscaling).to.deep.equal({ minReplicas: 3, maxReplicas: 3, targetCPUUtilizationPercentage: 80 });
        expect(egress({ autoscaling: { minReplicas: 2, maxReplicas: 5, targetCPUUtilizationPercentage: 60 } }).autoscaling).to.deep.equal({ minReplicas: 2, maxReplicas: 5, targetCPUUtilizationPercentage: 60 });
    });

    it("keeps chart versions with multi-digit parts and pre-release tags, and a chart repository of one's own", () => {
        for (const version of ["1.30.3", "10.20.30", "1.30.3-beta.1", "1.31.0-alpha-2"]) {
            expect(egress({ chart: { version } }).chart.version, version).to.equal(version);
        }
        expect(egress({ chart: { repository: "oci://registry.example.com/istio" } }).chart.repository).to.equal("oci://registry.example.com/istio");
    });

    it("keeps only the resources given: limits without requests", () => {
        expect(egress({ resources: { limits: { cpu: "2", memory: "1Gi" } } }).resources).to.deep.equal({ limits: { cpu: "2", memory: "1Gi" } });
    });

    it("keeps access logging and chart values as given", () => {
        const r = egress({ accessLogging: true, values: { podAnnotations: { team: "mesh" } } });
        expect(r.accessLogging).to.equal(true);
        expect(r.values).to.deep.equal({ podAnnotations: { team: "mesh" } });
    });
});

describe("gateway deployment settings: refusals name the key", () => {
    const cases: [string, () => unknown, string][] = [
        ["a PodDisruptionBudget for the default single replica", () => egress({ podDisruptionBudget: { minAvailable: 1 } }),
            `${EGRESS}.podDisruptionBudget: {"minAvailable":1} is not valid; a PodDisruptionBudget needs at least 2 replicas (replicas or autoscaling.minReplicas)`],
        ["a PodDisruptionBudget for an autoscaler that may go down to one", () => egress({ autoscaling: { minReplicas: 1, maxReplicas: 4 }, podDisruptionBudget: { minAvailable: 1 } }),
            `${EGRESS}.podDisruptionBudget: {"minAvailable":1} is not valid; a PodDisruptionBudget needs at least 2 replicas`],
        ["a PodDisruptionBudget that is not a map", () => egress({ replicas: 2, podDisruptionBudget: 1 }), `${EGRESS}.podDisruptionBudget: 1 is not valid`],
        ["a PodDisruptionBudget setting the chart does not know", () => egress({ replicas: 2, podDisruptionBudget: { minAvailable: 1, selector: {} } }), `${EGRESS}.podDisruptionBudget.selector`],
        ["a chart that is not a map", () => egress({ chart: "1.30.3" }), `${EGRESS}.chart: "1.30.3" is not valid`],
        ["a chart setting meshfed does not know", () => egress({ chart: { name: "gateway" } }), `${EGRESS}.chart.name`],
        ["a chart repository that is not a string", () => egress({ chart: { repository: 7 } }), `${EGRESS}.chart.repository: 7 is not valid`],
        ["access logging as a string", () => egress({ accessLogging: "yes" }), `${EGRESS}.accessLogging: "yes" is not valid`],
        ["chart values as a list", () => egress({ values: [] }), `${EGRESS}.values: [] is not valid`],
        ["a missing minReplicas", () => egress({ autoscaling: { maxReplicas: 3 } }), `${EGRESS}.autoscaling.minReplicas: a missing value is not valid`],
        ["a maxReplicas over 100", () => egress({ autoscaling: { minReplicas: 2, maxReplicas: 101 } }), `${EGRESS}.autoscaling.maxReplicas: 101 is not valid`],
        ["a maxReplicas below minReplicas", () => egress({ autoscaling: { minReplicas: 3, maxReplicas: 2 } }), `${EGRESS}.autoscaling.maxReplicas: 2 is not valid; must be at least minReplicas (3)`],
        ["a CPU target of 0 %", () => egress({ autoscaling: { minReplicas: 2, maxReplicas: 3, targetCPUUtilizationPercentage: 0 } }), `${EGRESS}.autoscaling.targetCPUUtilizationPercentage: 0 is not valid`],
        ["requests as a string", () => egress({ resources: { requests: "1" } }), `${EGRESS}.resources.requests: "1" is not valid`],
        ["source ranges as one string", () => resolveIngress(INGRESS, { cloud: "gcp", loadBalancerSourceRanges: "10.0.0.0/8" }),
            `${INGRESS}.loadBalancerSourceRanges: "10.0.0.0/8" is not valid; expected a list of CIDRs`],
    ];
    for (const version of ["v1.30.3", "1.30", "1.30.3-", "1.30.3-beta_1", "1.30.3x", "x1.30.3", "a.30.3", "1.b.3", "1.30.c"]) {
        cases.push([`chart version ${version}`, () => egress({ chart: { version } }), `${EGRESS}.chart.version: "${version}" is not valid; expected a chart version such as 1.30.3`]);
    }
    for (const [what, run, message] of cases) {
        it(`refuses ${what}`, () => {
            expect(run).to.throw(message);
        });
    }
});
