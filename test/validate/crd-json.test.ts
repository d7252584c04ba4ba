import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CRD_FILE, CrdCatalog } from "../../validate/crd-catalog";
import { CRD_JSON_FILE, crdJsonText, prebuiltCrds } from "../../validate/crd-json";

describe("validate/crds.gen.json, the vendored CRDs prebuilt as JSON", () => {
    const yaml = fs.readFileSync(CRD_FILE, "utf8");

    it("is what validate/crd-json.ts generates from the vendored YAML today (else: npx ts-node validate/crd-json.ts)", () => {
        const expected = crdJsonText(path.relative(path.join(__dirname, "..", ".."), CRD_FILE), yaml);
        expect(fs.readFileSync(CRD_JSON_FILE, "utf8") === expected, "validate/crds.gen.json is stale").to.equal(true);
    });

    it("gives the catalog the YAML gives: every served (group, version, kind) with the same schema", () => {
        const copy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "crd-json-")), "crds.yaml");
        fs.writeFileSync(copy, yaml);
        const fromYaml = CrdCatalog.load(copy); // not the vendored path: parsed as YAML
        const fromJson = CrdCatalog.load();
        expect(fromJson.all()).to.have.length(33);
        expect(fromJson.all()).to.deep.equal(fromYaml.all());
        expect(fromJson.lookup("networking.istio.io/v1alpha1", "Nope")).to.deep.equal(fromYaml.lookup("networking.istio.io/v1alpha1", "Nope"));
    });

    it("is not used for a YAML it was not generated from", () => {
        expect(prebuiltCrds(yaml)).to.have.length(15);
        expect(prebuiltCrds(yaml + "\n# changed\n")).to.equal(undefined);
    });
});
