/**
 * docs/errors.md, entry by entry: each refusal is planned with `npm run plan`'s own code from the example
 * stacks with one mistake made, and must be refused naming the file or key, the value and what is allowed,
 * with nothing registered; the message must be the one the catalogue shows.
 */
import { expect } from "chai";
import * as fs from "node:fs";
import { InputError } from "../../components/core/input-error";
import { CatalogueContext, CASES } from "./cases";
import { planBase, refusalOf } from "./refusal";
import { CATALOGUE_FILE } from "./write-catalogue";

const ID = /^### (MF-E\d{3}):/gm;

/** The message block of an entry in docs/errors.md. */
function documentedMessage(doc: string, id: string): string | undefined {
    const at = doc.indexOf(`### ${id}:`);
    if (at < 0) return undefined;
    const m = /```text\n([\s\S]*?)\n```/.exec(doc.slice(at));
    return m?.[1];
}

describe("docs/errors.md: every refusal a stack config can hit", () => {
    const doc = fs.readFileSync(CATALOGUE_FILE, "utf8");
    let base: { outDir: string; ctx: CatalogueContext };

    before(async function () {
        this.timeout(120_000);
        base = await planBase();
    });

    it("has a test case for every entry, and an entry for every case, each ID once", () => {
        const documented = [...doc.matchAll(ID)].map((m) => m[1]);
        const cases = CASES.map((c) => c.id);
        expect(new Set(documented).size, "IDs documented twice").to.equal(documented.length);
        expect(new Set(cases).size, "IDs used by two cases").to.equal(cases.length);
        expect(documented).to.deep.equal(cases);
    });

    it("includes every mistake issue 16 found accepted", () => {
        const formerly = CASES.filter((c) => c.formerlyAccepted).map((c) => c.key);
        expect(formerly).to.include.members([
            "meshfed:kubeconfig",
            "meshfed:trust.federationHost",
            "meshfed:gateways.ingress.port",
            "meshfed:gateways.ingress.loadBalancerSourceRanges[0]",
            "meshfed:gateways.ingress.resources.requests.memory",
            "meshfed:exports[0].subset.labels.version",
            'meshfed:federation.imports[0].canary["end user"]',
            "meshfed:federaton",
        ]);
        expect(CASES.filter((c) => c.formerlyAccepted && c.key === "meshfed:kubeconfig")).to.have.length(2); // empty, and plain text
    });

    for (const c of CASES) {
        it(`${c.id}: refuses ${c.title}, naming ${c.key}`, async function () {
            this.timeout(60_000);
            const refusal = await refusalOf(c, base);
            expect(refusal.printed, "names the file or key").to.include(c.key);
            expect(refusal.printed, "shows the value").to.include(c.value);
            expect(refusal.printed, "says what is allowed").to.include(c.allowed);
            expect(refusal.registered.map((r) => `${r.type} ${r.name}`), "registered before the refusal").to.deep.equal([]);
            expect(refusal.printed, "no crash").not.to.match(/TypeError|ReferenceError|Cannot read propert|is not a function|undefined is not/);
            if (c.key.startsWith("meshfed:") && refusal.printed.includes(`${c.key}: `)) {
                // An InputError: its wording is the catalogue's three parts.
                expect(refusal.printed).to.match(/ is not valid; /);
            }
            expect(documentedMessage(doc, c.id), `docs/errors.md ${c.id}: rewrite it with test/errors/write-catalogue.ts`).to.equal(refusal.printed);
        });
    }

    it("prints an InputError as key, value, then what is allowed", () => {
        expect(new InputError("meshfed:trust.federationHost", "192.0.2.10", "expected a DNS name").message).to.equal(
            'meshfed:trust.federationHost: "192.0.2.10" is not valid; expected a DNS name',
        );
    });
});
