/**
 * Values for Istio charts that ship no values schema (`istio/base`, `istio/istiod`): Helm accepts any key
 * and silently ignores the ones the templates never read, so a misspelt `global.meshId` installs a mesh
 * without its ID. This checks every key set against the keys the chart declares: its `values.yaml` (whose
 * `_internal_defaults_do_not_set` block holds the real defaults, set at the top level), the keys its shipped
 * profiles set (`files/profile-*.yaml`), and the selectors its profile template reads. Below a free-form
 * value nothing is checked: a map declared empty (`podAnnotations: {}`), Kubernetes-typed fields
 * (`resources`, `affinity`, …), and `meshConfig`, which the istiod chart passes through as Istio's
 * MeshConfig (not described by values.yaml).
 */
import { readdirSync, readFileSync } from "fs";
import * as path from "path";
import { parse } from "yaml";
import { ISTIO_VERSION } from "./crd-catalog";
import { Finding, objectRef } from "./finding";

export const SCHEMALESS_CHARTS = ["base", "istiod"] as const;
export type SchemalessChart = (typeof SCHEMALESS_CHARTS)[number];

const CHARTS_DIR = path.join(__dirname, "..", "vendor", "istio", ISTIO_VERSION, "charts");
/** Read by every chart's `zzz_profile.yaml`, declared nowhere. */
const PROFILE_SELECTORS = { profile: "", compatibilityVersion: "", platform: "", global: { profile: "", platform: "" } };
/** Free-form wherever they appear: their contents follow Kubernetes' or Istio's API, not values.yaml. */
const FREE_FORM = new Set(["meshConfig", "resources", "affinity", "securityContext", "seccompProfile", "podSecurityContext", "autoscaleBehavior"]);

type Tree = { [key: string]: unknown };

/** The keys a chart declares, as one tree (values are only told apart as map or not). */
export function declaredKeys(chartDir: string): Tree {
    const values = (parse(readFileSync(path.join(chartDir, "values.yaml"), "utf8")) ?? {}) as Tree;
    const { _internal_defaults_do_not_set: defaults, ...rest } = values;
    const profilesDir = path.join(chartDir, "files");
    const profiles = readdirSync(profilesDir)
        .filter((f) => /^profile-.*\.yaml$/.test(f))
        .map((f) => (parse(readFileSync(path.join(profilesDir, f), "utf8")) ?? {}) as Tree);
    return [(defaults ?? {}) as Tree, rest, PROFILE_SELECTORS, ...profiles].reduce(mergeTrees, {});
}

/** The dotted paths of `values` a chart does not declare, each with the keys declared beside it. */
export function undeclaredKeys(values: unknown, declared: Tree, prefix = ""): { path: string; known: string[] }[] {
    if (!isMap(values)) return [];
    return Object.entries(values).flatMap(([k, v]) => {
        const here = prefix ? `${prefix}.${k}` : k;
        if (!(k in declared)) return [{ path: here, known: Object.keys(declared).sort() }];
        const d = declared[k];
        if (FREE_FORM.has(k) || !isMap(d) || Object.keys(d).length === 0) return [];
        return undeclaredKeys(v, d, here);
    });
}

const cache = new Map<SchemalessChart, Tree>();

/** The declared keys of a vendored chart, read once. */
export function vendoredChartKeys(chart: SchemalessChart): Tree {
    if (!cache.has(chart)) cache.set(chart, declaredKeys(path.join(CHARTS_DIR, chart)));
    return cache.get(chart)!;
}

export function isSchemalessChart(chart: string): chart is SchemalessChart {
    return (SCHEMALESS_CHARTS as readonly string[]).includes(chart);
}

/** Findings for a release of `istio/base` or `istio/istiod`, one per undeclared key. */
export function validateChartKeys(chart: SchemalessChart, values: unknown, release: { namespace: string; name: string }): Finding[] {
    const object = objectRef("HelmRelease", release.name, release.namespace);
    return undeclaredKeys(values, vendoredChartKeys(chart)).map(({ path: p, known }) => ({
        object,
        path: `values.${p}`,
        rule: "chart values keys",
        message: `the ${chart} chart ${ISTIO_VERSION} declares no value "${p}"; Helm would ignore it (declared beside it: ${known.join(", ")})`,
    }));
}

function isMap(v: unknown): v is Tree {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Union of two key trees; a map declared empty anywhere stays free-form (a profile filling `env` does not close it). */
function mergeTrees(a: Tree, b: Tree): Tree {
    const out: Tree = { ...a };
    for (const [k, v] of Object.entries(b)) {
        const mine = out[k];
        if (!isMap(mine) || !isMap(v)) out[k] = isMap(mine) ? mine : v;
        else out[k] = Object.keys(mine).length === 0 || Object.keys(v).length === 0 ? {} : mergeTrees(mine, v);
    }
    return out;
}
