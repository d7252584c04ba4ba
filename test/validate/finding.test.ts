import { expect } from "chai";
import { formatFinding } from "../../validate";
import { childPath, pointerToPath } from "../../validate/field-path";

describe("how findings name objects and fields", () => {
    it("prints object, path and message on one line", () => {
        expect(formatFinding({ object: "VirtualService bookinfo/reviews", path: "spec.http[0].foo", rule: "unknown field", message: "unknown field \"foo\"" }))
            .to.equal("VirtualService bookinfo/reviews: spec.http[0].foo: unknown field \"foo\"");
    });

    it("omits the path for a finding on the object root", () => {
        expect(formatFinding({ object: "Namespace bookinfo", path: "", rule: "x", message: "bad" })).to.equal("Namespace bookinfo: bad");
    });

    it("indexes lists, dots identifiers and quotes other map keys", () => {
        expect(childPath(childPath(childPath("", "spec"), "ports"), 0)).to.equal("spec.ports[0]");
        expect(childPath("metadata.labels", "app.kubernetes.io/name")).to.equal("metadata.labels[\"app.kubernetes.io/name\"]");
        expect(childPath("spec.portLevelMtls", "8080")).to.equal("spec.portLevelMtls[\"8080\"]");
    });

    it("reads a JSON pointer against the data, telling list indexes from numeric map keys", () => {
        const data = { spec: { http: [{ route: [{}] }], portLevelMtls: { "8080": {} } } };
        expect(pointerToPath("/spec/http/0/route/0", data)).to.equal("spec.http[0].route[0]");
        expect(pointerToPath("/spec/portLevelMtls/8080", data)).to.equal("spec.portLevelMtls[\"8080\"]");
        expect(pointerToPath("/service/type", {}, "values")).to.equal("values.service.type");
    });
});
