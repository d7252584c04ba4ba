/**
 * URN stability: every resource the example stacks had in a released version must still exist under the
 * same URN, or carry that URN as an alias (so `pulumi up` moves its state instead of replacing it), or be
 * listed as deliberately removed with the reason. A rename without an alias fails here.
 */
import { expect } from "chai";
import * as fs from "node:fs";
import * as path from "node:path";
import { plannedExamples } from "../support/examples";

interface UrnSnapshot {
    version: string;
    stacks: Record<string, string[]>;
    /** URN → why the version after it no longer has that resource. */
    removed: Record<string, string>;
}

const snapshots = fs
    .readdirSync(__dirname)
    .filter((f) => /^urns-.*\.json$/.test(f))
    .map((f) => JSON.parse(fs.readFileSync(path.join(__dirname, f), "utf8")) as UrnSnapshot);

describe("URN stability of the example stacks", () => {
    let known: Map<string, Set<string>>;
    before(async () => {
        const { plans } = await plannedExamples(false);
        known = new Map(plans.map((p) => [p.stack, new Set(p.records.flatMap((r) => [r.urn, ...(r.aliases ?? [])]))]));
    });

    it("has snapshots to check against", () => {
        expect(snapshots.map((s) => s.version)).to.include.members(["0.1.0", "0.2.0"]);
    });

    for (const snapshot of snapshots) {
        it(`keeps every resource of ${snapshot.version}, renamed ones through an alias`, () => {
            const lost = Object.entries(snapshot.stacks).flatMap(([stack, urns]) =>
                urns.filter((urn) => !known.get(stack)?.has(urn) && !(urn in snapshot.removed)).map((urn) => `${stack}: ${urn}`),
            );
            expect(lost, "resources renamed without an alias (add `aliases`, or list them as removed with the reason)").to.deep.equal([]);
        });
    }
});
