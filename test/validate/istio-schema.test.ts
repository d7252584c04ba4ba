import { expect } from "chai";
import { formatFinding, KubeObject, loadValidator, Validator } from "../../validate";
import { destinationRule, gateway, serviceEntry, specOf, virtualService } from "./fixtures";

describe("validating Istio objects against the Istio 1.30.3 CRD schemas", () => {
    let validator: Validator;
    before(async () => {
        validator = await loadValidator();
    });

    describe("valid networking.istio.io/v1 objects", () => {
        const makers = { Gateway: gateway, VirtualService: virtualService, DestinationRule: destinationRule, ServiceEntry: serviceEntry };
        for (const [kind, make] of Object.entries(makers)) {
            it(`accepts a ${kind} such as meshfed generates, with no findings`, () => {
                expect(validator.validateObject(make()).map(formatFinding)).to.deep.equal([]);
            });
        }
    });

    it("rejects a misspelt field, naming the object, the full path and the allowed fields", () => {
        const vs = virtualService();
        const destination = specOf(vs).http[1].route[0].destination;
        destination.hostt = destination.host;
        delete destination.host;

        expect(validator.validateObject(vs).map(formatFinding)).to.have.members([
            "VirtualService bookinfo/reviews: spec.http[1].route[0].destination.host: required field \"host\" is missing",
            "VirtualService bookinfo/reviews: spec.http[1].route[0].destination.hostt: unknown field \"hostt\" (allowed: host, port, subset)",
        ]);
    });

    it("rejects an unknown metadata field, which the CRD schema leaves implicit", () => {
        const gw = gateway();
        (gw.metadata as Record<string, unknown>).lables = { app: "x" };

        const [finding, ...rest] = validator.validateObject(gw);
        expect(rest).to.deep.equal([]);
        expect(finding).to.include({ object: "Gateway istio-ingress/cross-network", path: "metadata.lables", rule: "unknown field" });
    });

    it("rejects a value outside an enum and lists the allowed values", () => {
        const gw = gateway();
        specOf(gw).servers[0].tls.mode = "MUTUALL";

        expect(validator.validateObject(gw).map(formatFinding)).to.deep.equal([
            "Gateway istio-ingress/cross-network: spec.servers[0].tls.mode: unsupported value \"MUTUALL\" " +
                "(allowed: \"PASSTHROUGH\", \"SIMPLE\", \"MUTUAL\", \"AUTO_PASSTHROUGH\", \"ISTIO_MUTUAL\", \"OPTIONAL_MUTUAL\")",
        ]);
    });

    it("rejects a value of the wrong type once, not again for the enum it cannot match", () => {
        const dr = destinationRule();
        specOf(dr).trafficPolicy.loadBalancer.simple = 3;

        expect(validator.validateObject(dr)).to.deep.equal([
            { object: "DestinationRule bookinfo/reviews", path: "spec.trafficPolicy.loadBalancer.simple", rule: "type", message: "must be string, got integer 3" },
        ]);
    });

    it("rejects an int32 field beyond its range", () => {
        const dr = destinationRule();
        specOf(dr).trafficPolicy.connectionPool.tcp.maxConnections = 3_000_000_000;

        expect(validator.validateObject(dr).map((f) => [f.path, f.rule, f.message])).to.deep.equal([
            ["spec.trafficPolicy.connectionPool.tcp.maxConnections", "format", "3000000000 is not a valid int32"],
        ]);
    });

    it("rejects two members of a protobuf oneof set together, naming both", () => {
        const dr = destinationRule();
        specOf(dr).trafficPolicy.loadBalancer.consistentHash = { useSourceIp: true };

        expect(validator.validateObject(dr)).to.deep.equal([
            {
                object: "DestinationRule bookinfo/reviews",
                path: "spec.trafficPolicy.loadBalancer",
                rule: "oneOf",
                message: "at most one of simple, consistentHash may be set, found simple and consistentHash",
            },
        ]);
    });

    it("rejects two entries of an x-kubernetes-list-type map list with the same key", () => {
        const se = serviceEntry();
        specOf(se).ports.push({ number: 9443, name: "http", protocol: "HTTPS" });

        expect(validator.validateObject(se).map(formatFinding)).to.deep.equal([
            "ServiceEntry bookinfo/reviews-remote: spec.ports[1]: duplicate entry: name \"http\" is already used by spec.ports[0] (x-kubernetes-list-type map keyed by name)",
        ]);
    });

    it("reports an Istio API version that does not serve the kind", () => {
        const vs = { ...virtualService(), apiVersion: "networking.istio.io/v9" };

        expect(validator.validateObject(vs)).to.deep.equal([
            {
                object: "VirtualService bookinfo/reviews",
                path: "apiVersion",
                rule: "unknown version",
                message: "networking.istio.io/v9 does not serve VirtualService (served: networking.istio.io/v1, networking.istio.io/v1alpha3, networking.istio.io/v1beta1)",
            },
        ]);
    });

    it("reports a kind that the Istio API group does not define", () => {
        const se = { ...serviceEntry(), kind: "ServiceEntri" };

        expect(validator.validateObject(se).map((f) => [f.path, f.rule])).to.deep.equal([["kind", "unknown kind"]]);
        expect(validator.validateObject(se)[0].message).to.contain("ServiceEntry");
    });

    it("accepts the older served versions of the same kind", () => {
        const dr = { ...destinationRule(), apiVersion: "networking.istio.io/v1beta1" };

        expect(validator.validateObject(dr)).to.deep.equal([]);
    });

    it("reports a missing kind instead of guessing which schema applies", () => {
        const vs = virtualService() as Partial<KubeObject>;
        delete vs.kind;

        expect(validator.validateObject(vs as KubeObject).map((f) => [f.path, f.rule, f.message])).to.deep.equal([
            ["kind", "required", "kind is required, got nothing"],
        ]);
    });

    it("leaves the spec of non-Istio kinds alone (no schema here), checking only metadata", () => {
        const deployment = { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "istiod", namespace: "istio-system" }, spec: { anything: true } };

        expect(validator.validateObject(deployment)).to.deep.equal([]);
    });
});
