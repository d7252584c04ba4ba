import { expect } from "chai";
import { formatFinding, KubeObject, loadValidator, Validator } from "../../validate";
import { virtualService } from "./fixtures";

const configMap = (metadata: KubeObject["metadata"]): KubeObject => ({ apiVersion: "v1", kind: "ConfigMap", metadata });

describe("validating names, namespaces, labels and annotations of every object", () => {
    let validator: Validator;
    before(async () => {
        validator = await loadValidator();
    });

    it("rejects an Istio object whose name is not a DNS-1123 subdomain", () => {
        const vs = virtualService();
        vs.metadata.name = "Reviews_v2";

        expect(validator.validateObject(vs)).to.deep.equal([
            {
                object: "VirtualService bookinfo/Reviews_v2",
                path: "metadata.name",
                rule: "DNS-1123 subdomain",
                message: "invalid name \"Reviews_v2\": must be a DNS-1123 subdomain: lower case alphanumeric characters, '-' or '.', starting and ending with an alphanumeric character, at most 253 characters",
            },
        ]);
    });

    it("accepts dots in most names but not in a Namespace name, which must be a DNS-1123 label", () => {
        expect(validator.validateObject(configMap({ name: "mesh.ca.bundle", namespace: "istio-system" }))).to.deep.equal([]);
        const namespace = { apiVersion: "v1", kind: "Namespace", metadata: { name: "mesh.ca" } };
        expect(validator.validateObject(namespace).map((f) => f.rule)).to.deep.equal(["DNS-1123 label"]);
    });

    it("rejects a Service name that starts with a digit (a DNS-1035 label), which other kinds allow", () => {
        expect(validator.validateObject(configMap({ name: "2-reviews", namespace: "bookinfo" }))).to.deep.equal([]);
        const service = { apiVersion: "v1", kind: "Service", metadata: { name: "2-reviews", namespace: "bookinfo" } };
        expect(validator.validateObject(service).map((f) => f.rule)).to.deep.equal(["DNS-1035 label"]);
    });

    it("rejects a name longer than 253 characters, stating the length", () => {
        const [finding] = validator.validateObject(configMap({ name: "a".repeat(254) }));
        expect(finding.message).to.contain("(254 characters)");
    });

    it("rejects a namespace that is not a DNS-1123 label", () => {
        expect(validator.validateObject(configMap({ name: "ca", namespace: "Istio_System" })).map(formatFinding)).to.deep.equal([
            "ConfigMap Istio_System/ca: metadata.namespace: invalid namespace \"Istio_System\": must be a DNS-1123 label: lower case alphanumeric characters or '-', starting and ending with an alphanumeric character, at most 63 characters",
        ]);
    });

    it("rejects a missing name", () => {
        expect(validator.validateObject(configMap({ namespace: "bookinfo" })).map(formatFinding)).to.deep.equal([
            "ConfigMap bookinfo/<unnamed>: metadata.name: name is required, got nothing",
        ]);
    });

    it("accepts empty and well-formed label values, rejects a value with a space or over 63 characters", () => {
        const labels = { "app.kubernetes.io/name": "reviews", "topology.istio.io/network": "", version: "v1.2_rc-3" };
        expect(validator.validateObject(configMap({ name: "ok", labels }))).to.deep.equal([]);

        const bad = configMap({ name: "bad", labels: { "meshfed.io/peer": "cluster 2", "meshfed.io/long": "x".repeat(64) } });
        expect(validator.validateObject(bad).map((f) => [f.path, f.rule])).to.deep.equal([
            ["metadata.labels[\"meshfed.io/peer\"]", "label value"],
            ["metadata.labels[\"meshfed.io/long\"]", "label value"],
        ]);
    });

    it("rejects label keys with an invalid prefix or name part", () => {
        const bad = configMap({ name: "bad", labels: { "Meshfed.io/peer": "a", "meshfed.io/-peer": "b", "a/b/c": "c" } });

        expect(validator.validateObject(bad).map((f) => [f.path, f.rule])).to.deep.equal([
            ["metadata.labels[\"Meshfed.io/peer\"]", "label key"],
            ["metadata.labels[\"meshfed.io/-peer\"]", "label key"],
            ["metadata.labels[\"a/b/c\"]", "label key"],
        ]);
    });

    it("rejects an invalid annotation key and a non-string label value, but not long annotation values", () => {
        const obj = configMap({
            name: "ca",
            annotations: { "sidecar.istio.io/inject": "false", "meshfed io/bad key": "x", "meshfed.io/ca-bundle": "x".repeat(5000) },
            labels: { replicas: 3 as unknown as string },
        });

        expect(validator.validateObject(obj).map((f) => [f.path, f.rule])).to.deep.equal([
            ["metadata.labels.replicas", "type"],
            ["metadata.annotations[\"meshfed io/bad key\"]", "annotation key"],
        ]);
    });
});
