/**
 * Writes a stack's plan: resources.json, manifests.yaml and outputs.json under `<out>/<stack>/`, and
 * cluster-objects.yaml when the stack declares `meshfed:offline.clusterObjects`.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { stringify } from "yaml";
import { helmReleasesOf, manifestsOf } from "../engine/manifests";
import { StackPlan } from "../engine/run-stack";
import { render } from "../engine/secrets";
import { rememberSecretOutputs } from "../engine/stack-refs";

export const CLUSTER_OBJECTS_FILE = "cluster-objects.yaml";
/** The objects Helm renders from the stack's releases, written by `npm run verify`. */
export const RENDERED_FILE = "rendered.yaml";

export function stackDir(outDir: string, stack: string): string {
    return path.join(outDir, stack);
}

export function writeStackPlan(outDir: string, plan: StackPlan, showSecrets: boolean): string {
    const dir = stackDir(outDir, plan.stack);
    fs.mkdirSync(dir, { recursive: true });

    // Written record by record: a large plan's files are tens of MB, which as one string (and one rendered
    // copy of every record) would double the planner's peak memory.
    writeJsonArray(path.join(dir, "resources.json"), plan.records, (r) => {
        const secrets: string[] = [];
        const inputs = render(r.inputs, showSecrets, "inputs", secrets);
        const outputs = render(r.outputs, showSecrets, "outputs", secrets);
        return { ...r, inputs, outputs, secrets };
    });

    const releases = helmReleasesOf(plan.records).map(
        (r) => `# Helm release ${r.namespace}/${r.name}: chart ${r.chart} ${r.version ?? ""}; Helm renders its objects at install time.\n`,
    );
    const docs = manifestsOf(plan.records).map(({ record, object }, i) => () => `${i > 0 ? "---\n" : ""}# ${record.urn}\n${stringify(render(object, showSecrets))}`);
    writeChunks(path.join(dir, "manifests.yaml"), [...releases.map((r) => () => r), ...docs, () => "\n"]);

    fs.writeFileSync(path.join(dir, "outputs.json"), JSON.stringify(render(plan.outputs, showSecrets), null, 2) + "\n");
    rememberSecretOutputs(outDir, plan.stack, plan.outputs);

    // What the offline world says the cluster already has: `npm run verify` analyzes it with the rest.
    const clusterObjects = plan.clusterObjects ?? [];
    const existing = path.join(dir, CLUSTER_OBJECTS_FILE);
    if (clusterObjects.length > 0) {
        const header = "# meshfed:offline.clusterObjects: objects the cluster already has (not applied by the stack)\n";
        fs.writeFileSync(existing, header + clusterObjects.map((o) => stringify(render(o, showSecrets))).join("---\n"));
    } else {
        fs.rmSync(existing, { force: true });
    }
    return dir;
}

/** The meshfed-verify binary `npm run verify` builds (verify/bin, not committed). */
export const VERIFY_BINARY = path.join(__dirname, "..", "verify", "bin", "meshfed-verify");

/**
 * When `npm run verify` has built its binary (Go present), renders the stack's Helm releases with Helm's
 * engine into `<dir>/rendered.yaml` and returns, per release (`namespace/name`), the kinds it creates;
 * undefined without the binary, so `npm run plan` keeps working without Go.
 */
export function renderReleases(dir: string, binary = VERIFY_BINARY): Record<string, string> | undefined {
    if (!fs.existsSync(binary)) return undefined;
    const r = spawnSync(binary, ["--render-stack", dir, "--vendor", path.join(__dirname, "..", "vendor", "istio")], { encoding: "utf8" });
    if (r.error || r.status !== 0) throw new Error(`rendering the Helm releases of ${dir} failed: ${(r.stderr || String(r.error)).trim()}`);
    return JSON.parse(r.stdout) as Record<string, string>;
}

/** Writes the texts the thunks make, one at a time, so only one is in memory. */
function writeChunks(file: string, chunks: (() => string)[]): void {
    const fd = fs.openSync(file, "w");
    try {
        for (const chunk of chunks) fs.writeSync(fd, chunk());
    } finally {
        fs.closeSync(fd);
    }
}

/** The bytes of `JSON.stringify(items.map(each), null, 2) + "\n"`, written element by element. */
function writeJsonArray<T>(file: string, items: T[], each: (item: T) => unknown): void {
    if (items.length === 0) return writeChunks(file, [() => "[]\n"]);
    const element = (item: T, i: number) => () => `  ${JSON.stringify(each(item), null, 2).replace(/\n/g, "\n  ")}${i < items.length - 1 ? "," : ""}\n`;
    writeChunks(file, [() => "[\n", ...items.map(element), () => "]\n"]);
}
