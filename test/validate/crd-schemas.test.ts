import { expect } from "chai";
import { CrdCatalog } from "../../validate/crd-catalog";
import { CrdSchemas } from "../../validate/crd-schemas";

describe("the vendored Istio 1.30.3 CRD schemas", () => {
    const catalog = CrdCatalog.load();

    it("serve 33 (group, version, kind) combinations across the four Istio API groups", () => {
        expect(catalog.all()).to.have.length(33);
        expect([...catalog.groups].sort()).to.deep.equal(["extensions.istio.io", "networking.istio.io", "security.istio.io", "telemetry.istio.io"]);
    });

    it("all compile once made strict, and reject an unknown top-level field", () => {
        const schemas = new CrdSchemas();
        const rejected = catalog.all().filter((crd) => {
            const obj = { apiVersion: `${crd.group}/${crd.version}`, kind: crd.kind, metadata: { name: "x" }, spec: {}, sepc: {} };
            const findings = schemas.validate(obj, crd, "test");
            return findings.some((f) => f.path === "sepc" && f.rule === "unknown field");
        });
        expect(rejected).to.have.length(33);
    });
});
