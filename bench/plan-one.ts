/**
 * Plans one stack in a process of its own, so its time and peak memory are its own, and prints one JSON
 * line: what it planned and what it cost. Run by bench/run.ts.
 */
import { plan } from "../cli/plan";
import { manifestsOf } from "../engine/manifests";

async function main(): Promise<void> {
    const [stacksDir, outDir, stack] = process.argv.slice(2);
    const started = Date.now();
    const cost = () => {
        const usage = process.resourceUsage();
        return { planMs: Date.now() - started, cpuMs: Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000), maxRssMb: Math.round(usage.maxRSS / 1024) };
    };
    let result;
    try {
        [result] = await plan({ stacks: [stack], outDir, stacksDir, showSecrets: false, topology: false, log: () => undefined });
    } catch (err) {
        // A plan refused by validation has still done (and paid for) everything but writing its summary: report
        // what it cost and why it was refused; the benchmark counts the size as failing.
        const message = err instanceof Error ? err.message : String(err);
        // The first finding says why (plan's message: a header line, then one line per finding).
        const lines = message.split("\n");
        const failed = `${lines.length - 1 || 1} finding(s), first: ${(lines[1] ?? lines[0]).replace(/^\s*-\s*/, "").slice(0, 160)}`;
        process.stdout.write(JSON.stringify({ stack, failed, ...cost() }) + "\n");
        return;
    }
    const usage = process.resourceUsage();
    const imports = result.outputs.imports;
    process.stdout.write(
        JSON.stringify({
            stack,
            resources: result.records.length,
            objects: manifestsOf(result.records).length,
            // The consuming side only: what ServiceImports applies (an exporter's objects are not per import).
            consumerObjects: manifestsOf(result.records).filter((m) => m.record.urn.includes("meshfed:federation:ServiceImports")).length,
            imports: Array.isArray(imports) ? imports.length : 0,
            planMs: Date.now() - started,
            cpuMs: Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000),
            maxRssMb: Math.round(usage.maxRSS / 1024),
        }) + "\n",
    );
}

main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
});
