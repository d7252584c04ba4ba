/**
 * `npm run plan -- --state PREV_OUT`: an earlier plan stands for the deployment's state, so keys,
 * certificates and random values are kept, and two plans of one config are byte-identical.
 */
import { expect } from "chai";
import * as fs from "node:fs";
import * as path from "node:path";
import { plan } from "../../cli/plan";
import { rejectionOf, scratchDir } from "../support/plan";
import { EXAMPLE_STACKS_DIR } from "../support/examples";

/** The gateway-federation examples in a stacks directory of their own. */
function federationExamples(): string {
    const dir = scratchDir("meshfed-stacks-");
    for (const s of ["cluster1", "cluster2", "cluster1-federation", "cluster2-federation"]) {
        fs.copyFileSync(path.join(EXAMPLE_STACKS_DIR, `Pulumi.${s}.yaml`), path.join(dir, `Pulumi.${s}.yaml`));
    }
    return dir;
}

/** Every file of a plan directory, by relative path. */
function filesOf(dir: string): Map<string, string> {
    const out = new Map<string, string>();
    const walk = (d: string) => {
        for (const e of fs.readdirSync(d, { withFileTypes: true })) {
            const p = path.join(d, e.name);
            if (e.isDirectory()) walk(p);
            else out.set(path.relative(dir, p), fs.readFileSync(p, "utf8"));
        }
    };
    walk(dir);
    return out;
}

describe("npm run plan --state", () => {
    const quiet = () => undefined;

    it("plans byte-identical files twice from the same state, keeping every key and certificate", async () => {
        const stacksDir = federationExamples();
        const [state, a, b] = [scratchDir(), scratchDir(), scratchDir()];
        await plan({ outDir: state, showSecrets: true, stacksDir, log: quiet });
        await plan({ outDir: a, showSecrets: true, stacksDir, stateDir: state, log: quiet });
        await plan({ outDir: b, showSecrets: true, stacksDir, stateDir: state, log: quiet });

        const [fa, fb] = [filesOf(a), filesOf(b)];
        expect([...fa.keys()].sort()).to.deep.equal([...fb.keys()].sort());
        for (const [f, text] of fa) expect(fb.get(f), f).to.equal(text);
        // Not vacuous: the plans hold keys, and they are the state's.
        const key = (dir: string) => filesOf(dir).get(path.join("cluster2", "resources.json"))!.match(/-----BEGIN PRIVATE KEY-----[^"]+/)![0];
        expect(key(a)).to.equal(key(state));
    });

    it("mints new keys without --state", async () => {
        const stacksDir = federationExamples();
        const [a, b] = [scratchDir(), scratchDir()];
        await plan({ outDir: a, showSecrets: true, stacks: ["cluster2"], stacksDir, log: quiet });
        await plan({ outDir: b, showSecrets: true, stacks: ["cluster2"], stacksDir, log: quiet });
        expect(filesOf(a).get(path.join("cluster2", "resources.json"))).to.not.equal(filesOf(b).get(path.join("cluster2", "resources.json")));
    });

    it("refuses a state written without --show-secrets, whose keys it cannot keep", async () => {
        const stacksDir = federationExamples();
        const state = scratchDir();
        await plan({ outDir: state, showSecrets: false, stacks: ["cluster2"], stacksDir, log: quiet });
        const message = await rejectionOf(plan({ outDir: scratchDir(), showSecrets: true, stacks: ["cluster2"], stacksDir, stateDir: state, log: quiet }));
        expect(message).to.contain(`--state ${state}:`).and.to.contain('reads "[secret]"); plan the state with --show-secrets');
    });
});
