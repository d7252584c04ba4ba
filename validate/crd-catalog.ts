import { readFileSync } from "fs";
import * as path from "path";
import { crdDocumentsOfYaml, prebuiltCrds } from "./crd-json";
import { Schema } from "./schema";

/** The Istio release whose CRDs the project validates against (see vendor/istio/README.md). */
export const ISTIO_VERSION = "1.30.3";

export const CRD_FILE = path.join(__dirname, "..", "vendor", "istio", ISTIO_VERSION, "crd-all.gen.yaml");

/** `openAPIV3Schema` of one served version of one kind. */
export interface CrdVersion {
    group: string;
    version: string;
    kind: string;
    schema: Schema;
}

/** Why an apiVersion/kind pair has no schema; reported as a finding on `apiVersion` or `kind`. */
export interface CrdLookupProblem {
    path: "apiVersion" | "kind";
    rule: "unknown kind" | "unknown version";
    message: string;
}

/** A CustomResourceDefinition, as far as the catalog reads it. */
export interface CrdDocument {
    kind?: string;
    spec?: {
        group: string;
        names: { kind: string };
        versions: { name: string; served: boolean; schema?: { openAPIV3Schema?: Schema } }[];
    };
}

/** `networking.istio.io/v1` → group and version; core `v1` has the empty group. */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
    const slash = apiVersion.lastIndexOf("/");
    return slash < 0
        ? { group: "", version: apiVersion }
        : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

let vendored: CrdCatalog | undefined;

/**
 * Every served version of every CustomResourceDefinition in a CRD bundle, indexed by
 * group/version/kind. Only served versions count: the API server rejects the others.
 */
export class CrdCatalog {
    private readonly byGvk = new Map<string, CrdVersion>();
    private readonly servedVersions = new Map<string, string[]>();
    private readonly kindsByGroup = new Map<string, string[]>();

    /**
     * The catalog of a CRD bundle. The vendored bundle is read once per process, from its prebuilt JSON
     * (validate/crd-json.ts) while that matches the YAML byte for byte; other files are parsed as YAML.
     * Callers share the one catalog of the vendored bundle: nothing may modify what it returns.
     */
    static load(file: string = CRD_FILE): CrdCatalog {
        if (file === CRD_FILE) return (vendored ??= CrdCatalog.fromYaml(readFileSync(file, "utf8"), true));
        return CrdCatalog.fromYaml(readFileSync(file, "utf8"), false);
    }

    private static fromYaml(yaml: string, prebuilt: boolean): CrdCatalog {
        const catalog = new CrdCatalog();
        for (const crd of (prebuilt ? prebuiltCrds(yaml) : undefined) ?? crdDocumentsOfYaml(yaml)) catalog.add(crd.spec!);
        return catalog;
    }

    /** Groups the bundle defines, e.g. `networking.istio.io`. */
    get groups(): ReadonlySet<string> {
        return new Set(this.kindsByGroup.keys());
    }

    hasGroup(group: string): boolean {
        return this.kindsByGroup.has(group);
    }

    /** Every (group, version, kind) with a schema. */
    all(): CrdVersion[] {
        return [...this.byGvk.values()];
    }

    /** The schema for an object's apiVersion and kind, or why there is none. */
    lookup(apiVersion: string, kind: string): CrdVersion | CrdLookupProblem {
        const { group, version } = splitApiVersion(apiVersion);
        const found = this.byGvk.get(`${group}/${version}/${kind}`);
        if (found) return found;
        const kinds = this.kindsByGroup.get(group) ?? [];
        if (!kinds.includes(kind)) {
            return {
                path: "kind",
                rule: "unknown kind",
                message: `kind ${JSON.stringify(kind)} is not defined in API group ${group} (kinds: ${kinds.join(", ")})`,
            };
        }
        const served = this.servedVersions.get(`${group}/${kind}`) ?? [];
        return {
            path: "apiVersion",
            rule: "unknown version",
            message: `${apiVersion} does not serve ${kind} (served: ${served.map((v) => `${group}/${v}`).join(", ")})`,
        };
    }

    private add(spec: NonNullable<CrdDocument["spec"]>): void {
        const kind = spec.names.kind;
        for (const v of spec.versions) {
            const schema = v.schema?.openAPIV3Schema;
            if (!v.served || !schema) continue;
            this.byGvk.set(`${spec.group}/${v.name}/${kind}`, { group: spec.group, version: v.name, kind, schema });
            this.servedVersions.set(`${spec.group}/${kind}`, [...(this.servedVersions.get(`${spec.group}/${kind}`) ?? []), v.name]);
        }
        const kinds = this.kindsByGroup.get(spec.group) ?? [];
        if (!kinds.includes(kind)) this.kindsByGroup.set(spec.group, [...kinds, kind].sort());
    }
}
