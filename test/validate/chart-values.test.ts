import { expect } from "chai";
import { formatFinding, loadValidator, Validator } from "../../validate";

const release = { namespace: "istio-ingress", name: "istio-ingressgateway" };

/** Values in the shape meshfed's gateway components pass to the istio/gateway chart. */
function gatewayValues(): Record<string, any> {
    return {
        kind: "Deployment",
        labels: { istio: "ingressgateway" },
        service: { type: "LoadBalancer", ports: [{ name: "https", port: 443, protocol: "TCP", targetPort: 8443 }] },
        autoscaling: { enabled: true, minReplicas: 2, maxReplicas: 5 },
        resources: { requests: { cpu: "100m", memory: "128Mi" } },
        imagePullPolicy: "IfNotPresent",
        podDisruptionBudget: { minAvailable: 1 },
    };
}

describe("validating istio/gateway Helm values against the chart's values.schema.json", () => {
    let validator: Validator;
    before(async () => {
        validator = await loadValidator();
    });

    it("accepts the values meshfed passes to the chart", () => {
        expect(validator.validateGatewayChartValues(gatewayValues(), release)).to.deep.equal([]);
    });

    it("rejects an unknown top-level key, as helm install does, naming the release", () => {
        const values = { ...gatewayValues(), replicas: 3 };

        const findings = validator.validateGatewayChartValues(values, release);
        expect(findings.map((f) => [f.object, f.path, f.rule])).to.deep.equal([
            ["HelmRelease istio-ingress/istio-ingressgateway", "values.replicas", "chart values schema"],
        ]);
        expect(findings[0].message).to.match(/^unknown field "replicas" \(allowed: .*replicaCount/);
    });

    it("rejects a value outside an enum of the schema", () => {
        const values = { ...gatewayValues(), kind: "StatefulSet" };

        expect(validator.validateGatewayChartValues(values, release).map(formatFinding)).to.deep.equal([
            "HelmRelease istio-ingress/istio-ingressgateway: values.kind: unsupported value \"StatefulSet\" (allowed: \"Deployment\", \"DaemonSet\")",
        ]);
    });

    it("rejects a nested value of the wrong type", () => {
        const values = gatewayValues();
        values.service.ports[0].port = "443";

        expect(validator.validateGatewayChartValues(values, release).map(formatFinding)).to.deep.equal([
            "HelmRelease istio-ingress/istio-ingressgateway: values.service.ports[0].port: must be integer, got string \"443\"",
        ]);
    });

    it("leaves nested keys the schema does not close open, as Helm does (service.type is free text)", () => {
        const values = gatewayValues();
        values.service.type = "Bogus";
        values.service.externalName = "x";

        expect(validator.validateGatewayChartValues(values, release)).to.deep.equal([]);
    });
});
