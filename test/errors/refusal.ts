/** Plans one catalogue case with `npm run plan`'s own code and returns how it was refused. */
import * as fs from "node:fs";
import * as path from "node:path";
import { stringify } from "yaml";
import { plan } from "../../cli/plan";
import { PlanError } from "../../engine/run-stack";
import { ResourceRecord } from "../../engine/records";
import { scratchDir } from "../support/plan";
import { CatalogueContext, ErrorCase } from "./cases";
import { baseStacks, Stacks } from "./stacks";

const quiet = () => {};

export function writeStackFiles(stacks: Stacks, dir = scratchDir("meshfed-catalogue-")): string {
    for (const [stack, config] of Object.entries(stacks)) fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), stringify({ config }));
    return dir;
}

/** Plans every base stack once: the state each case starts from. */
export async function planBase(): Promise<{ outDir: string; ctx: CatalogueContext }> {
    const stacksDir = writeStackFiles(baseStacks());
    const outDir = scratchDir("meshfed-catalogue-out-");
    const plans = await plan({ outDir, stacksDir, showSecrets: false, log: quiet });
    const cluster2 = plans.find((p) => p.stack === "cluster2")!;
    const caCertPem = String((cluster2.outputs.caCertPem as { value?: unknown })?.value ?? cluster2.outputs.caCertPem);
    return { outDir, ctx: { caCertPem } };
}

export interface Refusal {
    /** As `npm run plan` prints it, the scratch directories replaced by `stacks/` and `out/`. */
    printed: string;
    /** What had been registered when the plan failed (none for a stack file refused before running). */
    registered: ResourceRecord[];
    error: unknown;
}

export async function refusalOf(c: ErrorCase, base: { outDir: string; ctx: CatalogueContext }): Promise<Refusal> {
    const stacks = baseStacks();
    c.edit?.(stacks, base.ctx);
    const stacksDir = writeStackFiles(stacks);
    if (c.file !== undefined) fs.writeFileSync(path.join(stacksDir, `Pulumi.${c.stack}.yaml`), c.file);
    const outDir = scratchDir("meshfed-catalogue-out-");
    fs.cpSync(base.outDir, outDir, { recursive: true });
    for (const stack of c.replan ?? []) await plan({ stacks: [stack], outDir, stacksDir, showSecrets: false, log: quiet });
    try {
        await plan({ stacks: [c.stack], outDir, stacksDir, showSecrets: false, log: quiet });
    } catch (error) {
        const message = (error as Error).message.split(stacksDir).join("stacks").split(outDir).join("out");
        const registered = error instanceof PlanError ? error.records.filter((r) => r.custom && !r.read) : [];
        return { printed: `plan failed: ${message}`, registered, error };
    }
    throw new Error(`${c.id} (${c.title}): stack ${c.stack} planned without complaint`);
}
