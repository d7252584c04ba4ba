/**
 * `npm run plan -- [--stack <name>] [--out <dir>] [--show-secrets] [--stacks <dir>]`: runs the meshfed program for each
 * stack of `stacks/` on the offline engine, checks everything it would apply, and writes the plan files.
 * Exits 1 on bad config or any validation finding.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import meshfed from "../index";
import { listStacks, readStackConfig } from "../engine/stack-config";
import { StackPlan } from "../engine/run-stack";
import { checkPlan, problemsOf } from "../validate/check-plan";
import { SimulatedCluster } from "../engine/kubernetes";
import { replayPlannedStacks } from "../engine/replay";
import { clusterOfRecords, planMeshfedStack } from "./offline";
import { previousRecords } from "./plan-state";
import { StackConfig } from "../engine/stack-config";
import { planInOrder } from "./plan-order";
import { CLUSTER_OBJECTS_FILE, RENDERED_FILE, renderReleases, stackDir, writeStackPlan } from "./plan-files";
import { helmReleasesOf } from "../engine/manifests";
import { summarize } from "./summary";
import { writeTopology } from "./topology/write-topology";
import { runImpact } from "./impact";

const STACKS_DIR = path.join(__dirname, "..", "stacks");

export class FindingsError extends Error {}

export interface PlanOptions {
    stacks?: string[];
    outDir: string;
    showSecrets: boolean;
    stacksDir?: string;
    /** An earlier plan directory (written with --show-secrets) whose keys, certificates and random values are kept. */
    stateDir?: string;
    log?: (line: string) => void;
    /** A progress line per stack (resources registered, objects validated, elapsed): `main` shows it on a terminal, outside CI. */
    progress?: boolean;
    /**
     * Draw out/federation.{mmd,svg} from every plan in the output directory. @default true; the benchmark
     * plans stack by stack and turns it off, since each drawing lays out the whole directory again.
     */
    topology?: boolean;
}

/** Plans the given stacks (all of `stacks/` by default), dependencies first. */
export async function plan(options: PlanOptions): Promise<StackPlan[]> {
    const stacksDir = options.stacksDir ?? STACKS_DIR;
    const log = options.log ?? console.log;
    const all = listStacks(stacksDir);
    const requested = options.stacks ?? all;
    // Names are checked before any file is touched: a name like ".." must never reach rmSync.
    for (const stack of requested) checkStackName(stack, all, stacksDir);
    // Outputs of an earlier run would satisfy StackReferences with stale values: start those stacks afresh.
    for (const stack of options.stacks ? requested : all) fs.rmSync(stackDir(options.outDir, stack), { recursive: true, force: true });

    // The stacks of one cluster (identity, federation) share its simulated state, as they share the cluster.
    const clusters = new Map<string, SimulatedCluster>();
    const planOne = async (stack: string) => {
        const config = readStackConfig(stacksDir, stack);
        const clusterName = clusterNameOf(config);
        let cluster = clusters.get(clusterName);
        if (!cluster) {
            cluster = new SimulatedCluster(clusterName);
            // Planned alone, a stack still sees what its cluster's other stacks, planned before, created.
            if (options.stacks) replayPlannedStacks(cluster, options.outDir, stack, clusterOfRecords);
            clusters.set(clusterName, cluster);
        }
        const progress = options.progress ? new ProgressLine(stack) : undefined;
        let result: StackPlan;
        let problems: string[];
        try {
            result = await planMeshfedStack({
                program: meshfed,
                config,
                outDir: options.outDir,
                cluster,
                previous: options.stateDir ? previousRecords(options.stateDir, stack) : undefined,
                onRegistered: (n) => progress?.show(`${n} resources registered`),
            });
            problems = problemsOf(await checkPlan(result.records, cluster.objects(), (n, total) => progress?.show(`${result.records.length} resources registered, ${n}/${total} objects validated`)));
            progress?.show(`${result.records.length} resources registered and validated, writing`, true);
        } finally {
            progress?.clear();
        }
        const dir = writeStackPlan(options.outDir, result, options.showSecrets);
        if (problems.length > 0) {
            // The manifests stay for review; what later runs read (StackReferences, replay) goes.
            for (const f of ["outputs.json", "resources.json"]) fs.rmSync(path.join(dir, f), { force: true });
            throw new FindingsError(
                `stack "${stack}": ${problems.length} validation or analysis finding(s), nothing would be applied:\n` +
                    problems.map((p) => `  - ${p}`).join("\n"),
            );
        }
        // With Go (npm run verify has built its binary), the chart objects each release creates are rendered too.
        const rendered = renderReleases(dir);
        const notes = config.standIns.map((k) => `${k} is a secret set outside the repo: stood in for offline`);
        if (!rendered && helmReleasesOf(result.records).length > 0) notes.push("the objects Helm renders from the releases are listed once `npm run verify` (Go) has run");
        log(summarize(result, notes, rendered));
        const files = ["resources.json", "manifests.yaml", "outputs.json", ...(fs.existsSync(path.join(dir, CLUSTER_OBJECTS_FILE)) ? [CLUSTER_OBJECTS_FILE] : []), ...(rendered ? [RENDERED_FILE] : [])];
        log(`  wrote ${path.relative(process.cwd(), dir) || dir}/{${files.join(",")}}`);
        return result;
    };
    // A stack that reads one not planned yet in the output directory gets it planned first, with or without
    // `--stack`; one planned there already is read as it is.
    const plans = await planInOrder(requested, new Set(all), planOne);
    // The picture of the federation, drawn from every plan now in the output directory (cli/topology).
    if (options.topology !== false) {
        const { files } = await writeTopology(options.outDir);
        log(`wrote ${files.map((f) => path.relative(process.cwd(), f) || f).join(", ")}`);
    }
    return plans;
}

/**
 * One line, rewritten in place on the terminal while a stack plans (`c1-federation: 3120 resources registered,
 * 12 s`), at most every 200 ms, and erased before the stack's summary prints.
 */
class ProgressLine {
    private readonly started = Date.now();
    private shown = 0;

    constructor(private readonly stack: string) {}

    show(what: string, now = false): void {
        const t = Date.now();
        if (!now && t - this.shown < 200) return;
        this.shown = t;
        process.stdout.write(`\r\x1b[K  ${this.stack}: ${what}, ${((t - this.started) / 1000).toFixed(0)} s`);
    }

    clear(): void {
        if (this.shown > 0) process.stdout.write("\r\x1b[K");
    }
}

/** Pulumi's stack name syntax, and a stack file in the stacks directory; refused otherwise, naming the choices. */
export function checkStackName(stack: string, known: string[], stacksDir: string): void {
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(stack) || stack.includes("..")) {
        throw new Error(`--stack "${stack}": a stack name is letters, digits, '-', '_' and '.', starting with a letter or digit`);
    }
    if (!known.includes(stack)) {
        throw new Error(`--stack "${stack}": no Pulumi.${stack}.yaml in ${stacksDir} (stacks: ${known.join(", ") || "none"})`);
    }
}

/** The cluster a stack deploys to: `meshfed:cluster.name`, else the stack itself. */
function clusterNameOf(config: StackConfig): string {
    try {
        return JSON.parse(config.values["meshfed:cluster"] ?? "{}").name ?? config.stack;
    } catch {
        return config.stack;
    }
}

const USAGE = `usage: npm run plan -- [--stack <name>]... [--out <dir>] [--show-secrets] [--stacks <dir>]

  --stack <name>   plan this stack only (repeatable); the stacks it references must be planned in --out
  --out <dir>      where plans are written, one folder per stack (default: out)
  --show-secrets   write secret values in clear (default: [secret])
  --stacks <dir>   the folder of Pulumi.<stack>.yaml files (default: stacks/)
  --state <dir>    keep the keys, certificates and random values of the plans in <dir> (written with
                   --show-secrets), as a deployment keeps its state: two plans of one config are identical
  --impact <stack> then list the stacks and objects that read that stack's outputs (its contract)
  --diff <dir>     with --impact: compare with the plans in <dir> and list what actually changed
  -h, --help       this text`;

export async function main(argv: string[]): Promise<number> {
    let args;
    try {
        args = parseArgs({
            args: argv,
            options: {
                stack: { type: "string", multiple: true },
                out: { type: "string", default: "out" },
                stacks: { type: "string" },
                state: { type: "string" },
                "show-secrets": { type: "boolean", default: false },
                impact: { type: "string" },
                diff: { type: "string" },
                help: { type: "boolean", short: "h", default: false },
            },
            strict: true,
            allowPositionals: false,
        });
    } catch (err) {
        console.error(`${(err as Error).message}\n${USAGE}`);
        return 1;
    }
    if (args.values.help) {
        console.log(USAGE);
        return 0;
    }
    const { impact, diff } = args.values;
    if (diff !== undefined && (impact === undefined || path.resolve(diff) === path.resolve(args.values.out!))) {
        console.error(`--diff ${diff}: needs --impact <stack>, and a plan directory other than --out (the plan overwrites --out)\n${USAGE}`);
        return 1;
    }
    try {
        await plan({
            stacks: args.values.stack,
            outDir: args.values.out!,
            showSecrets: args.values["show-secrets"]!,
            stacksDir: args.values.stacks,
            stateDir: args.values.state,
            // On a terminal only: not in CI logs (CI=true), nor when the output goes to a file or a test.
            progress: process.stdout.isTTY === true && !/^(1|true)$/i.test(process.env.CI ?? ""),
        });
        if (impact !== undefined) runImpact(args.values.out!, impact, diff, console.log);
        return 0;
    } catch (err) {
        console.error(`plan failed: ${(err as Error).message}`);
        return 1;
    }
}

if (require.main === module) {
    main(process.argv.slice(2)).then((code) => process.exit(code));
}
