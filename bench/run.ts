/**
 * `npm run bench [-- 3x50 3x200 10x100 20x200 30x200] [--all]`: plans synthetic federations (bench/synthetic.ts)
 * stack by stack, each in its own process, and reports per size: resources, Kubernetes objects, objects per
 * imported service on the consumer side, wall and CPU time and peak memory per stack, and how CPU per
 * import grows with the number of services. Writes bench/results.json and bench/results.md; prints the
 * budgets of issue #15 as pass/fail. Without --all, the largest sizes plan every identity stack (their
 * federation stacks read them) but only the first federation stack.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Size, writeSyntheticStacks } from "./synthetic";

interface StackResult {
    stack: string;
    /** Why the plan was refused (validation or analysis findings), when it was. */
    failed?: string;
    resources: number;
    objects: number;
    consumerObjects: number;
    imports: number;
    planMs: number;
    wallMs: number;
    cpuMs: number;
    maxRssMb: number;
}

interface SizeResult extends Size {
    identity: StackResult[];
    federation: StackResult[];
}

const DEFAULT_SIZES = ["3x50", "3x200", "10x100", "20x200", "30x200"];
const LARGE = 2000; // imports per federation stack above which only one is planned without --all

function parseSize(s: string): Size {
    const m = /^(\d+)x(\d+)$/.exec(s);
    if (!m || Number(m[1]) < 2 || Number(m[2]) < 1) throw new Error(`size "${s}": expected <clusters>x<services>, e.g. 3x50, with at least 2 clusters`);
    return { clusters: Number(m[1]), services: Number(m[2]) };
}

/** Compiled by `npm run build:cli` (.build/bench/run.js), the planners run compiled too; from the sources, on ts-node. */
const COMPILED = __filename.endsWith(".js");
/** bench/ of the repository, where the results go, whether this runs from .build/bench or from the sources. */
const BENCH_DIR = COMPILED ? path.join(__dirname, "..", "..", "bench") : __dirname;

/**
 * The heap limit `npm run plan` gives the planner (package.json): the live set of a 30 × 200 federation
 * stack is under 512 MB, and without a limit V8 lets garbage grow the heap to twice that before collecting.
 */
const HEAP_LIMIT = `--max-old-space-size=${process.env.MESHFED_PLAN_HEAP_MB ?? 768}`;

function planOne(stacksDir: string, outDir: string, stack: string): StackResult {
    const started = Date.now();
    const planner = COMPILED ? [path.join(__dirname, "plan-one.js")] : ["-r", "ts-node/register/transpile-only", path.join(__dirname, "plan-one.ts")];
    const out = execFileSync(process.execPath, [HEAP_LIMIT, ...planner, stacksDir, outDir, stack], {
        encoding: "utf8",
        maxBuffer: 16 * 1024 * 1024,
    });
    return { ...JSON.parse(out.trim().split("\n").pop()!), wallMs: Date.now() - started };
}

function runSize(size: Size, all: boolean, log: (line: string) => void): SizeResult {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `meshfed-bench-${size.clusters}x${size.services}-`));
    const stacksDir = path.join(dir, "stacks");
    const outDir = path.join(dir, "out");
    const stacks = writeSyntheticStacks(stacksDir, size);
    const identity = stacks.filter((s) => !s.endsWith("-federation"));
    const federation = stacks.filter((s) => s.endsWith("-federation"));
    const wanted = all || (size.clusters - 1) * size.services <= LARGE ? federation : federation.slice(0, 1);
    const result: SizeResult = { ...size, identity: [], federation: [] };
    for (const s of identity) {
        result.identity.push(planOne(stacksDir, outDir, s));
        log(`  ${s}: ${fmt(result.identity[result.identity.length - 1])}`);
    }
    for (const s of wanted) {
        result.federation.push(planOne(stacksDir, outDir, s));
        log(`  ${s}: ${fmt(result.federation[result.federation.length - 1])}`);
    }
    fs.rmSync(dir, { recursive: true, force: true });
    return result;
}

function fmt(r: StackResult): string {
    if (r.failed) return `REFUSED after ${(r.wallMs / 1000).toFixed(1)} s wall, ${(r.cpuMs / 1000).toFixed(1)} s CPU, ${r.maxRssMb} MB: ${r.failed}`;
    return `${r.resources} resources, ${r.objects} objects, ${r.imports} imports, ${(r.wallMs / 1000).toFixed(1)} s wall, ${(r.cpuMs / 1000).toFixed(1)} s CPU, ${r.maxRssMb} MB`;
}

const max = (xs: number[]) => Math.max(...xs);
const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Federation stacks that planned (a refused plan has no counts). */
const planned = (r: SizeResult) => r.federation.filter((f) => !f.failed);
const refused = (r: SizeResult) => r.federation.filter((f) => f.failed);

/** The consumer's objects per imported service: what ServiceImports applies, shared objects included, over the imports. */
function objectsPerImport(r: SizeResult): number {
    return avg(planned(r).map((f) => f.consumerObjects / f.imports));
}

function cpuPerImportMs(r: SizeResult): number {
    return avg(planned(r).map((f) => f.cpuMs / f.imports));
}

function table(results: SizeResult[]): string {
    const lines = [
        "| clusters × services | imports / stack | resources (fed.) | objects (fed.) | consumer objects / import | fed. stack wall (max) | CPU (max) | CPU / import | peak RSS (max) | identity stack wall (avg) |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ];
    for (const r of results) {
        const f = r.federation;
        if (planned(r).length === 0) {
            lines.push(`| ${r.clusters} × ${r.services} | refused (${refused(r).length} of ${f.length} planned): ${refused(r)[0].failed!.replace(/\|/g, "\\|").slice(0, 110)}… | | | | ${(max(f.map((x) => x.wallMs)) / 1000).toFixed(1)} s | ${(max(f.map((x) => x.cpuMs)) / 1000).toFixed(1)} s | | ${max([...f, ...r.identity].map((x) => x.maxRssMb))} MB | ${(avg(r.identity.map((x) => x.wallMs)) / 1000).toFixed(1)} s |`);
            continue;
        }
        const p0 = planned(r)[0];
        lines.push(
            `| ${r.clusters} × ${r.services}${refused(r).length ? ` (${refused(r).length} refused)` : ""} | ${p0.imports} | ${p0.resources} | ${p0.objects} | ${objectsPerImport(r).toFixed(2)} | ${(max(f.map((x) => x.wallMs)) / 1000).toFixed(1)} s | ` +
                `${(max(f.map((x) => x.cpuMs)) / 1000).toFixed(1)} s | ${cpuPerImportMs(r).toFixed(2)} ms | ${max([...f, ...r.identity].map((x) => x.maxRssMb))} MB | ${(avg(r.identity.map((x) => x.wallMs)) / 1000).toFixed(1)} s |`,
        );
    }
    return lines.join("\n");
}

function budgets(results: SizeResult[]): { name: string; ok: boolean; detail: string }[] {
    const out: { name: string; ok: boolean; detail: string }[] = [];
    const at = (c: number, s: number) => results.find((r) => r.clusters === c && r.services === s);
    // A refused plan fails its size's budgets whatever it cost: nothing it planned could be applied.
    const why = (r: SizeResult) => (refused(r).length ? `; plan refused: ${refused(r)[0].failed}` : "");
    const big = at(20, 200);
    if (big) {
        const wall = max(big.federation.map((f) => f.wallMs)) / 1000;
        const rss = max(big.federation.map((f) => f.maxRssMb));
        out.push({ name: "20×200 federation stack < 60 s wall", ok: wall < 60 && !why(big), detail: `${wall.toFixed(1)} s${why(big)}` });
        out.push({ name: "20×200 federation stack < 1 GiB RSS", ok: rss < 1024 && !why(big), detail: `${rss} MB${why(big)}` });
    }
    const huge = at(30, 200);
    if (huge) {
        const rss = max(huge.federation.map((f) => f.maxRssMb));
        out.push({ name: "30×200 federation stack < 1 GiB RSS", ok: rss < 1024 && !why(huge), detail: `${rss} MB${why(huge)}` });
    }
    const m50 = results.find((r) => r.services === 50);
    const m200 = results.find((r) => r.services === 200 && r.clusters === m50?.clusters);
    if (m50 && m200) {
        const ratio = cpuPerImportMs(m200) / cpuPerImportMs(m50);
        out.push({ name: `CPU per import at M=200 ≤ 1.1 × at M=50 (${m50.clusters} clusters)`, ok: ratio <= 1.1, detail: `${ratio.toFixed(2)} ×` });
    }
    for (const r of results.filter((x) => planned(x).length > 0)) {
        const per = objectsPerImport(r);
        out.push({ name: `≤ 2 objects per imported service at ${r.clusters}×${r.services}`, ok: per <= 2, detail: per.toFixed(2) });
    }
    return out;
}

const loadAtStart = os.loadavg().map((l) => Number(l.toFixed(1)));

function main(argv: string[]): number {
    const all = argv.includes("--all");
    const sizes = (argv.filter((a) => !a.startsWith("--")).length > 0 ? argv.filter((a) => !a.startsWith("--")) : DEFAULT_SIZES).map(parseSize);
    const results: SizeResult[] = [];
    for (const size of sizes) {
        console.log(`size ${size.clusters}×${size.services}`);
        results.push(runSize(size, all, (l) => console.log(l)));
    }
    const checks = budgets(results);
    // The load average says whether the machine was shared while it ran: wall times grow with it, CPU times much less.
    const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, date: new Date().toISOString(), loadAverageAtStart: loadAtStart, loadAverageAtEnd: os.loadavg().map((l) => Number(l.toFixed(1))) };
    fs.writeFileSync(path.join(BENCH_DIR, "results.json"), JSON.stringify({ machine, results, budgets: checks }, null, 2) + "\n");
    const md = `${table(results)}\n\n${checks.map((c) => `- ${c.ok ? "pass" : "FAIL"}: ${c.name} (${c.detail})`).join("\n")}\n\nMachine: ${machine.cpus} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.date}; load average ${machine.loadAverageAtStart.join(", ")} at start, ${machine.loadAverageAtEnd.join(", ")} at end.\n`;
    fs.writeFileSync(path.join(BENCH_DIR, "results.md"), md);
    console.log(`\n${md}`);
    return checks.every((c) => c.ok) ? 0 : 1;
}

process.exit(main(process.argv.slice(2)));
