import { expect } from "chai";
import { createCelEnvironment } from "../../validate/cel-env";
import { CrdCatalog } from "../../validate/crd-catalog";
import { formatFinding, KubeObject, loadValidator, Validator } from "../../validate";
import { CelRule, Schema } from "../../validate/schema";
import { destinationRule, serviceEntry, specOf, wasmPlugin } from "./fixtures";

function rulesIn(schema: Schema, found = new Map<string, CelRule>()): Map<string, CelRule> {
    for (const rule of schema["x-kubernetes-validations"] ?? []) found.set(rule.rule, rule);
    const children = [
        ...Object.values(schema.properties ?? {}),
        ...(schema.items ? [schema.items] : []),
        ...(typeof schema.additionalProperties === "object" ? [schema.additionalProperties] : []),
    ];
    for (const child of children) rulesIn(child, found);
    return found;
}

describe("evaluating the CRDs' CEL validation rules (x-kubernetes-validations)", () => {
    let validator: Validator;
    before(async () => {
        validator = await loadValidator();
    });

    it("parses and type-checks every distinct rule of the vendored CRDs, URL library included", async () => {
        const env = await createCelEnvironment();
        const rules = new Map<string, CelRule>();
        for (const crd of CrdCatalog.load().all()) rulesIn(crd.schema, rules);

        const failing = [...rules.keys()].filter((rule) => !env.check(rule).valid);
        expect(rules.size).to.equal(36);
        expect(failing).to.deep.equal([]);
    });

    it("rejects a ServiceEntry with resolution NONE and endpoints, quoting the rule and its message", () => {
        const se = serviceEntry();
        specOf(se).resolution = "NONE";

        expect(validator.validateObject(se).map(formatFinding)).to.deep.equal([
            "ServiceEntry bookinfo/reviews-remote: spec: NONE mode cannot set endpoints " +
                "(rule: ((has(self.resolution) ? self.resolution : \"NONE\") == \"NONE\") ? !has(self.endpoints) : true)",
        ]);
    });

    it("treats an unset resolution as NONE, as the rule does, so endpoints are rejected then too", () => {
        const se = serviceEntry();
        delete specOf(se).resolution;

        expect(validator.validateObject(se).map((f) => f.message)).to.satisfy((messages: string[]) =>
            messages.some((m) => m.startsWith("NONE mode cannot set endpoints")));
    });

    it("rejects a duration below the 1ms floor and accepts one above it", () => {
        const tooShort = destinationRule();
        specOf(tooShort).trafficPolicy.connectionPool.tcp.connectTimeout = "500us";
        const longEnough = destinationRule();
        specOf(longEnough).trafficPolicy.connectionPool.tcp.connectTimeout = "1.5ms";

        expect(validator.validateObject(tooShort)).to.deep.equal([
            {
                object: "DestinationRule bookinfo/reviews",
                path: "spec.trafficPolicy.connectionPool.tcp.connectTimeout",
                rule: "CEL",
                message: "must be a valid duration greater than 1ms, got \"500us\" (rule: duration(self) >= duration('1ms'))",
            },
        ]);
        expect(validator.validateObject(longEnough)).to.deep.equal([]);
    });

    it("binds self to each map value of an additionalProperties node (endpoint port numbers as CEL ints)", () => {
        const se = serviceEntry();
        specOf(se).endpoints[0].ports = { http: 0 };

        expect(validator.validateObject(se).map(formatFinding)).to.deep.equal([
            "ServiceEntry bookinfo/reviews-remote: spec.endpoints[0].ports.http: port must be between 1-65535, got 0 (rule: 0 < self && self <= 65535)",
        ]);
    });

    it("binds self to the whole list for a rule on an array node (duplicate port numbers)", () => {
        const se = serviceEntry();
        specOf(se).ports.push({ number: 9080, name: "http-alt", protocol: "HTTP" });

        expect(validator.validateObject(se).map((f) => `${f.path}: ${f.message.split(" (")[0]}`)).to.deep.equal([
            "spec.ports: port number cannot be duplicated",
        ]);
    });

    it("reports a rule that fails to evaluate instead of skipping it", () => {
        const se = serviceEntry();
        specOf(se).resolution = "DNS";
        specOf(se).endpoints = [{ address: "unix://" }];

        const findings = validator.validateObject(se).filter((f) => f.path === "spec.endpoints[0].address");
        expect(findings.map((f) => f.message.split(";")[0])).to.include(
            "UDS must be an absolute path or abstract socket (rule evaluation error: string.substring(start, end): end index out of range",
        );
    });

    describe("rules that use the Kubernetes URL library", () => {
        const goodUrls = [
            "oci://ghcr.io/istio-ecosystem/wasm-extensions/basic_auth:1.12.0",
            "https://storage.example.com/plugins/basic-auth.wasm",
            "file:///opt/filters/basic-auth.wasm",
            // No scheme: the rule retries with "http://" in front.
            "ghcr.io/istio-ecosystem/basic_auth:1.12.0",
        ];
        for (const url of goodUrls) {
            it(`accepts the WasmPlugin url ${url}`, () => {
                expect(validator.validateObject(wasmPlugin(url))).to.deep.equal([]);
            });
        }

        for (const url of ["ftp://plugins.example.com/basic-auth.wasm", "localhost:5000/basic-auth"]) {
            it(`rejects the WasmPlugin url ${url} with the rule's message`, () => {
                const findings = validator.validateObject(wasmPlugin(url));
                expect(findings.map((f) => [f.path, f.rule])).to.deep.equal([["spec.url", "CEL"]]);
                expect(findings[0].message).to.match(/^url must have schema one of \[http, https, file, oci\], got ".*" \(rule: isURL\(self\)/);
            });
        }

        it("accepts an https jwksUri and rejects one that is no URL at all, with the parse error", () => {
            const auth = (jwksUri: string): KubeObject => ({
                apiVersion: "security.istio.io/v1",
                kind: "RequestAuthentication",
                metadata: { name: "jwt", namespace: "bookinfo" },
                spec: { jwtRules: [{ issuer: "https://issuer.example.com", jwksUri }] },
            });

            expect(validator.validateObject(auth("https://issuer.example.com/.well-known/jwks.json"))).to.deep.equal([]);
            const [finding] = validator.validateObject(auth("issuer.example.com/jwks"));
            expect(finding.path).to.equal("spec.jwtRules[0].jwksUri");
            expect(finding.message).to.contain("url must have scheme http:// or https://");
            expect(finding.message).to.contain("parse \"issuer.example.com/jwks\": invalid URI for request");
        });
    });
});
