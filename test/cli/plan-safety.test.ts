/**
 * `npm run plan` touches only its output directory: hostile or unknown stack names are refused before
 * any file operation, and a stack that fails leaves nothing a later run would read.
 */
import { expect } from "chai";
import * as fs from "node:fs";
import * as path from "node:path";
import { main, plan } from "../../cli/plan";
import { rejectionOf, scratchDir, writeStacks } from "../support/plan";

describe("npm run plan: file safety", () => {
    for (const hostile of ["..", ".", "../etc", "a/../..", "/tmp", "x/y", ""]) {
        it(`refuses --stack ${JSON.stringify(hostile)} and deletes nothing`, async () => {
            const parent = scratchDir();
            const out = path.join(parent, "out");
            fs.mkdirSync(out);
            fs.writeFileSync(path.join(parent, "sibling.txt"), "keep me");
            fs.writeFileSync(path.join(out, "keep.txt"), "keep me too");

            const message = await rejectionOf(plan({ stacks: [hostile], outDir: out, showSecrets: false, log: () => undefined }));

            expect(message).to.match(/^--stack /);
            expect(fs.readdirSync(parent).sort()).to.deep.equal(["out", "sibling.txt"]);
            expect(fs.readdirSync(out)).to.deep.equal(["keep.txt"]);
        });
    }

    it("refuses a stack that has no file, naming the stacks there", async () => {
        const message = await rejectionOf(plan({ stacks: ["cluster9"], outDir: scratchDir(), showSecrets: false, log: () => undefined }));
        expect(message).to.match(/^--stack "cluster9": no Pulumi\.cluster9\.yaml in .*stacks \(stacks: cluster1, cluster1-federation, cluster2/);
    });

    it("leaves no outputs.json or resources.json for a stack whose plan has findings, only its manifests to review", async () => {
        const stacksDir = writeStacks({
            broken: {
                "meshfed:cluster": { name: "broken" },
                "meshfed:objects": [{ apiVersion: "networking.istio.io/v1", kind: "VirtualService", metadata: { name: "vs", namespace: "default" }, spec: { hosts: ["a"], htttp: [] } }],
            },
        });
        const out = scratchDir();
        await rejectionOf(plan({ outDir: out, showSecrets: false, stacksDir, log: () => undefined }));
        expect(fs.readdirSync(path.join(out, "broken")).sort()).to.not.include.members(["outputs.json", "resources.json"]);
        expect(fs.readdirSync(path.join(out, "broken"))).to.include("manifests.yaml");
    });

    it("prints its usage with --help and exits 0", async () => {
        const lines: string[] = [];
        const original = console.log;
        console.log = (line: string) => lines.push(line);
        try {
            expect(await main(["--help"])).to.equal(0);
        } finally {
            console.log = original;
        }
        expect(lines.join("\n")).to.contain("usage: npm run plan -- [--stack <name>]...");
    });
});

describe("npm run plan --stack: what the stack reads", () => {
    it("plans the identity stacks a federation stack reads when they are not in the output directory yet", async () => {
        const out = scratchDir();
        const plans = await plan({ stacks: ["cluster1-federation"], outDir: out, showSecrets: false, log: () => undefined });

        expect(plans.map((p) => p.stack)).to.deep.equal(["cluster1", "cluster2", "cluster1-federation"]);
        for (const s of ["cluster1", "cluster2", "cluster1-federation"]) expect(fs.existsSync(path.join(out, s, "outputs.json")), s).to.equal(true);
    });

    it("reads them as they are when they were planned already, and re-plans only the stack asked for", async () => {
        const out = scratchDir();
        await plan({ stacks: ["cluster2"], outDir: out, showSecrets: false, log: () => undefined });
        const before = fs.readFileSync(path.join(out, "cluster2", "outputs.json"), "utf8");
        const plans = await plan({ stacks: ["cluster1-federation"], outDir: out, showSecrets: false, log: () => undefined });

        expect(plans.map((p) => p.stack)).to.deep.equal(["cluster1", "cluster1-federation"]);
        expect(fs.readFileSync(path.join(out, "cluster2", "outputs.json"), "utf8")).to.equal(before);
    });
});
