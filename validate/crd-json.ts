/**
 * The vendored CRD bundle (`vendor/istio/<version>/crd-all.gen.yaml`, 17k lines) as JSON, reduced to what
 * CrdCatalog reads: parsing the YAML took most of a second of every planning process, JSON.parse of this
 * takes milliseconds. `validate/crds.gen.json` is generated from the YAML by this module
 * (`npx ts-node validate/crd-json.ts`) and committed; it records the SHA-256 of the YAML it was made from,
 * and is used only while that still matches (else the YAML is parsed, as before). The test
 * test/validate/crd-json.test.ts fails when it is stale.
 */
import { createHash } from "crypto";
import { existsSync, readFileSync, writeFileSync } from "fs";
import * as path from "path";
import { parseAllDocuments } from "yaml";
import type { CrdDocument } from "./crd-catalog";

/** Next to this module, in the sources; the CLI build (tsconfig.cli.json) copies it next to the compiled one. */
export const CRD_JSON_FILE = path.join(__dirname, "crds.gen.json");

export interface CrdJson {
    /** The YAML bundle it was generated from, relative to the repository. */
    source: string;
    /** SHA-256 of that YAML, hex. */
    sha256: string;
    crds: CrdDocument[];
}

export function sha256Of(text: string): string {
    return createHash("sha256").update(text).digest("hex");
}

/** The CustomResourceDefinitions of a YAML bundle, with the fields the catalog reads, in bundle order. */
export function crdDocumentsOfYaml(yaml: string): CrdDocument[] {
    const out: CrdDocument[] = [];
    for (const doc of parseAllDocuments(yaml)) {
        const crd = doc.toJSON() as CrdDocument | null;
        if (crd?.kind !== "CustomResourceDefinition" || !crd.spec) continue;
        const { group, names, versions } = crd.spec;
        out.push({
            kind: crd.kind,
            spec: {
                group,
                names: { kind: names.kind },
                versions: versions.map((v) => ({ name: v.name, served: v.served, ...(v.schema ? { schema: { openAPIV3Schema: v.schema.openAPIV3Schema } } : {}) })),
            },
        });
    }
    return out;
}

/** The JSON file's text: one CRD per line, so a regenerated file's diff names the CRDs that changed. */
export function crdJsonText(source: string, yaml: string): string {
    const crds = crdDocumentsOfYaml(yaml).map((d) => JSON.stringify(d));
    return `{"source": ${JSON.stringify(source)}, "sha256": ${JSON.stringify(sha256Of(yaml))}, "crds": [\n${crds.join(",\n")}\n]}\n`;
}

/** The CRDs of `yaml` from the generated JSON, when it was generated from exactly this YAML; else undefined. */
export function prebuiltCrds(yaml: string, file: string = CRD_JSON_FILE): CrdDocument[] | undefined {
    if (!existsSync(file)) return undefined;
    const json = JSON.parse(readFileSync(file, "utf8")) as CrdJson;
    return json.sha256 === sha256Of(yaml) ? json.crds : undefined;
}

if (require.main === module) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { CRD_FILE } = require("./crd-catalog") as typeof import("./crd-catalog");
    const root = path.join(__dirname, "..");
    writeFileSync(CRD_JSON_FILE, crdJsonText(path.relative(root, CRD_FILE), readFileSync(CRD_FILE, "utf8")));
    console.log(`wrote ${path.relative(process.cwd(), CRD_JSON_FILE)} from ${path.relative(process.cwd(), CRD_FILE)}`);
}
