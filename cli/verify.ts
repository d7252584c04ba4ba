/**
 * `npm run verify [-- --out DIR]`: plans the example stacks (`stacks/`) and every scenario (`scenarios/<name>/`,
 * each a directory of `Pulumi.<stack>.yaml`) into `DIR/<scenario>/` with secrets shown, then checks each plan
 * with Istio's and Helm's own code (the Go module `verify/`): Helm renders the releases, all of Istio's
 * analyzers run over each cluster, then the Envoy and handshake checks. Also runs `go test ./...` in
 * `verify/` (each check's broken fixtures). Needs Go ≥ 1.24; exits 1 without it, and on any finding.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { plan } from "./plan";

const ROOT = path.join(__dirname, "..");
const VERIFY_DIR = path.join(ROOT, "verify");
const BINARY = path.join(VERIFY_DIR, "bin", "meshfed-verify");
export const MIN_GO = [1, 24] as const;
export const GO_MISSING = `npm run verify needs Go ≥ ${MIN_GO.join(".")} (https://go.dev/dl)`;

/** The Go toolchain's version as [major, minor], or undefined when `go` is missing. */
export function goVersion(goBinary = "go"): [number, number] | undefined {
    const r = spawnSync(goBinary, ["version"], { encoding: "utf8" });
    if (r.error || r.status !== 0) return undefined;
    const m = /go(\d+)\.(\d+)/.exec(r.stdout);
    return m ? [Number(m[1]), Number(m[2])] : undefined;
}

export function goIsRecentEnough(v: [number, number] | undefined): boolean {
    return v !== undefined && (v[0] > MIN_GO[0] || (v[0] === MIN_GO[0] && v[1] >= MIN_GO[1]));
}

/** What verify plans: the examples, then each scenario directory holding Pulumi.<stack>.yaml files. */
export function scenarios(root = ROOT): { name: string; stacksDir: string }[] {
    const out = [{ name: "examples", stacksDir: path.join(root, "stacks") }];
    const dir = path.join(root, "scenarios");
    if (!fs.existsSync(dir)) return out;
    for (const name of fs.readdirSync(dir).sort()) {
        const stacksDir = path.join(dir, name);
        if (!fs.statSync(stacksDir).isDirectory()) continue;
        if (!fs.readdirSync(stacksDir).some((f) => /^Pulumi\..+\.yaml$/.test(f))) continue;
        out.push({ name, stacksDir });
    }
    return out;
}

function run(cmd: string, args: string[], cwd: string): boolean {
    const r = spawnSync(cmd, args, { cwd, stdio: "inherit" });
    return !r.error && r.status === 0;
}

export async function main(argv: string[]): Promise<number> {
    let args;
    try {
        args = parseArgs({ args: argv, options: { out: { type: "string", default: path.join("out", "verify") } }, strict: true });
    } catch (err) {
        console.error(`${(err as Error).message}\nusage: npm run verify -- [--out <dir>]`);
        return 1;
    }
    const version = goVersion();
    if (!goIsRecentEnough(version)) {
        console.error(version ? `${GO_MISSING}; found go${version.join(".")}` : GO_MISSING);
        return 1;
    }
    const outDir = path.resolve(args.values.out!);
    const started = Date.now();
    const failures: string[] = [];

    console.log(`verify: building verify/cmd/meshfed-verify with go${version!.join(".")} (the first build downloads and compiles Istio and Helm: minutes)`);
    if (!run("go", ["build", "-o", BINARY, "./cmd/meshfed-verify"], VERIFY_DIR)) {
        console.error("verify: building meshfed-verify failed");
        return 1;
    }

    for (const s of scenarios()) {
        const dir = path.join(outDir, s.name);
        fs.rmSync(dir, { recursive: true, force: true });
        console.log(`\n=== scenario ${s.name} (${path.relative(ROOT, s.stacksDir)}) → ${path.relative(process.cwd(), dir) || dir}`);
        try {
            const plans = await plan({ outDir: dir, showSecrets: true, stacksDir: s.stacksDir, log: () => undefined });
            console.log(`planned ${plans.length} stack(s): ${plans.map((p) => p.stack).join(", ")}`);
        } catch (err) {
            console.error(`scenario ${s.name}: plan failed: ${(err as Error).message}`);
            failures.push(`${s.name}: plan failed`);
            continue;
        }
        if (!run(BINARY, ["--out", dir, "--vendor", path.join(ROOT, "vendor", "istio")], ROOT)) failures.push(`${s.name}: findings`);
    }

    console.log("\n=== go test ./... (verify/: each check's fixtures, the broken ones must fail their check)");
    if (!run("go", ["test", "./..."], VERIFY_DIR)) failures.push("go test ./... failed");

    const seconds = Math.round((Date.now() - started) / 1000);
    if (failures.length > 0) {
        console.error(`\nverify failed (${seconds}s):\n${failures.map((f) => `  - ${f}`).join("\n")}`);
        return 1;
    }
    console.log(`\nverify: every scenario proven, no findings (${seconds}s)`);
    return 0;
}

if (require.main === module) {
    main(process.argv.slice(2)).then((code) => process.exit(code));
}
