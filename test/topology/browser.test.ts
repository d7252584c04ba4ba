import { expect } from "chai";
import * as fs from "node:fs";
import * as path from "node:path";
import { SVG_FILE } from "../../cli/topology/write-topology";
import { NODE_FILL } from "../../cli/topology/style";
import { CHROMIUM, dumpDom, screenshot } from "./chromium";
import { pngPixels } from "./png-pixels";
import { plannedExamples } from "./planned-examples";
import { scratchDir } from "../support/plan";

describe("topology: the SVG in a real browser (headless Chromium)", function () {
    this.timeout(120_000);
    before(function () {
        // .ci/run installs Debian's chromium, so CI always runs this; a workstation without it skips, saying why.
        if (!CHROMIUM) {
            console.log("    skipped: no chromium (apt-get install -y chromium) — the SVG was not checked in a browser");
            this.skip();
        }
    });

    it("renders: the screenshot is not blank and shows every node colour the graph uses", async () => {
        const svg = path.join(await plannedExamples(), SVG_FILE);
        const { pixels } = pngPixels(screenshot(svg, path.join(scratchDir(), "federation.png")));
        const counts = new Map<string, number>();
        for (const p of pixels) counts.set(p, (counts.get(p) ?? 0) + 1);
        const white = counts.get("#ffffff") ?? 0;
        expect(1 - white / pixels.length, "share of non-white pixels").to.be.greaterThan(0.03);
        // The fills exist only if the browser painted the node boxes Graphviz laid out.
        for (const [kind, fill] of Object.entries(NODE_FILL)) expect(counts.get(fill) ?? 0, `${kind} fill ${fill}`).to.be.greaterThan(1000);
    });

    it("names every planned cluster in the document the browser parsed", async () => {
        const out = await plannedExamples();
        const dom = dumpDom(path.join(out, SVG_FILE));
        const clusters = fs
            .readdirSync(out)
            .filter((s) => fs.existsSync(path.join(out, s, "outputs.json")))
            .map((s) => JSON.parse(fs.readFileSync(path.join(out, s, "outputs.json"), "utf8")).cluster)
            .filter(Boolean);
        expect(dom).to.match(/^<!DOCTYPE svg|<svg/);
        for (const c of new Set(clusters)) expect(dom, c).to.include(`>cluster ${c}</text>`);
    });
});
