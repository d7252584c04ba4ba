/** Writes a stack's plan: resources.json, manifests.yaml and outputs.json under `<out>/<stack>/`. */
import * as fs from "node:fs";
import * as path from "node:path";
import { stringify } from "yaml";
import { helmReleasesOf, manifestsOf } from "../engine/manifests";
import { StackPlan } from "../engine/run-stack";
import { render } from "../engine/secrets";

export function stackDir(outDir: string, stack: string): string {
    return path.join(outDir, stack);
}

export function writeStackPlan(outDir: string, plan: StackPlan, showSecrets: boolean): string {
    const dir = stackDir(outDir, plan.stack);
    fs.mkdirSync(dir, { recursive: true });

    const resources = plan.records.map((r) => {
        const secrets: string[] = [];
        const inputs = render(r.inputs, showSecrets, "inputs", secrets);
        const outputs = render(r.outputs, showSecrets, "outputs", secrets);
        return { ...r, inputs, outputs, secrets };
    });
    fs.writeFileSync(path.join(dir, "resources.json"), JSON.stringify(resources, null, 2) + "\n");

    const releases = helmReleasesOf(plan.records).map(
        (r) => `# Helm release ${r.namespace}/${r.name}: chart ${r.chart} ${r.version ?? ""}; Helm renders its objects at install time.`,
    );
    const docs = manifestsOf(plan.records).map(({ record, object }) => `# ${record.urn}\n${stringify(render(object, showSecrets))}`);
    fs.writeFileSync(path.join(dir, "manifests.yaml"), [...releases, docs.join("---\n")].join("\n") + "\n");

    fs.writeFileSync(path.join(dir, "outputs.json"), JSON.stringify(render(plan.outputs, showSecrets), null, 2) + "\n");
    return dir;
}
