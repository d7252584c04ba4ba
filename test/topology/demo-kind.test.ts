import { expect } from "chai";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

// The live path needs Docker and network access, which CI lacks: it is parsed here, not run.
const SCRIPT = path.join(__dirname, "..", "..", "scripts", "demo-kind.sh");

describe("live path: scripts/demo-kind.sh", () => {
    it("is valid bash (bash -n), executable, and stops at the first failing command", () => {
        execFileSync("bash", ["-n", SCRIPT]);
        expect(fs.statSync(SCRIPT).mode & 0o111).to.not.equal(0);
        expect(fs.readFileSync(SCRIPT, "utf8")).to.match(/^#!\/usr\/bin\/env bash\n(#.*\n)*set -euo pipefail$/m);
    });

    it("deploys the example stacks in the order their references require: identity stacks before federation stacks", () => {
        const ups = [...fs.readFileSync(SCRIPT, "utf8").matchAll(/\bup (\S+) "\$C\d"/g)].map((m) => m[1]);
        expect(ups).to.have.members(["cluster1", "cluster2", "cluster1-federation", "cluster2-federation"]);
        for (const federation of ups.filter((s) => s.endsWith("-federation"))) {
            expect(ups.indexOf(federation)).to.be.greaterThan(Math.max(ups.indexOf("cluster1"), ups.indexOf("cluster2")));
        }
        for (const stack of ups) expect(fs.existsSync(path.join(__dirname, "..", "..", "stacks", `Pulumi.${stack}.yaml`)), stack).to.equal(true);
    });
});
