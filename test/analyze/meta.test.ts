import { expect } from "chai";
import * as fs from "node:fs";
import * as path from "node:path";
import { ALL_RULES } from "../../analyze/all";
import { Context, createContext, Store } from "../../analyze/context";
import { MESSAGES } from "../../analyze/messages";
import type { Rule } from "../../analyze/rule";
import { runRules } from "../../analyze/run";
import { ALL_CASES } from "./cases";
import { objectsOf } from "./grid";

const RULES_DIR = path.join(__dirname, "..", "..", "analyze", "rules");

/** A context that notes every kind a rule asks for before answering as the real one would. */
function recording(ctx: Context, read: Set<string>): Context {
    return {
        forEach: (kind, fn) => (read.add(kind), ctx.forEach(kind, fn)),
        list: (kind) => (read.add(kind), ctx.list(kind)),
        find: (kind, namespace, name) => (read.add(kind), ctx.find(kind, namespace, name)),
        hostIndex: (kind, hostsOf) => (read.add(kind), ctx.hostIndex(kind, hostsOf)),
        suffixIndex: (kind, namesOf) => (read.add(kind), ctx.suffixIndex(kind, namesOf)),
        report: ctx.report,
    };
}

const isRule = (x: unknown): x is Rule => typeof x === "object" && x !== null && "analyze" in x && "inputs" in x;

describe("the rule registry", () => {
    it("lists every rule of analyze/rules/ in all.ts, one rule per file", () => {
        const files = fs.readdirSync(RULES_DIR).filter((f) => f.endsWith(".ts"));
        const exported = files.map((f) => Object.values(require(path.join(RULES_DIR, f)) as object).filter(isRule));
        exported.forEach((rules, i) => expect(rules, files[i]).to.have.lengthOf(1));
        expect(new Set(exported.flat())).to.deep.equal(new Set(ALL_RULES));
    });

    it("names rules <area>.<Rule>, uniquely, sorted by name", () => {
        const names = ALL_RULES.map((r) => r.name);
        names.forEach((n) => expect(n).to.match(/^[a-z]+\.[A-Z][A-Za-z]+$/));
        expect(new Set(names).size).to.equal(names.length);
        expect(names).to.deep.equal([...names].sort());
    });

    it("gives every rule a one-line description", () => {
        ALL_RULES.forEach((r) => expect(r.description, r.name).to.match(/^\S[^\n]{10,}$/));
    });

    it("has grid cases for every rule, and only for registered rules", () => {
        expect(new Set(ALL_CASES.map((c) => c.rule))).to.deep.equal(new Set(ALL_RULES));
    });

    it("declares as inputs exactly the kinds each rule reads over the grid's fixtures", () => {
        for (const rule of ALL_RULES) {
            const read = new Set<string>();
            for (const c of ALL_CASES) {
                const store = new Store(objectsOf(c.planned), objectsOf(c.existing));
                rule.analyze(recording(createContext(store, rule, () => undefined), read));
            }
            expect([...read].sort(), rule.name).to.deep.equal([...rule.inputs].sort());
        }
    });

    it("refuses a rule that reads a kind it did not declare", () => {
        const sneaky: Rule = { name: "test.Sneaky", description: "reads Secrets without saying so", inputs: [], analyze: (ctx) => void ctx.list("Secret") };
        expect(() => runRules([sneaky], [])).to.throw("rule test.Sneaky reads Secret, which is not in its inputs");
    });
});

describe("the message catalogue", () => {
    it("keeps codes unique, above the reserved MF0001–MF0100 and sorted", () => {
        const codes = MESSAGES.map((m) => m.code);
        codes.forEach((c) => {
            expect(c).to.match(/^MF\d{4}$/);
            expect(Number(c.slice(2)), c).to.be.above(100);
        });
        expect(new Set(codes).size).to.equal(codes.length);
        expect(codes).to.deep.equal([...codes].sort());
    });

    it("gives every message a unique name, a description and a template using exactly its args", () => {
        expect(new Set(MESSAGES.map((m) => m.name)).size).to.equal(MESSAGES.length);
        for (const m of MESSAGES) {
            expect(m.description, m.name).to.have.length.above(20);
            const placeholders = [...m.template.matchAll(/\{(\w+)\}/g)].map((x) => x[1]);
            expect([...new Set(placeholders)].sort(), m.name).to.deep.equal([...m.args].sort());
        }
    });

    it("has every code the rules report, and every code is reported by some case", () => {
        const reported = new Set(ALL_CASES.flatMap((c) => runRules(ALL_RULES, objectsOf(c.planned), objectsOf(c.existing)).map((m) => m.code)));
        const catalogued = new Set<string>(MESSAGES.map((m) => m.code));
        [...reported].forEach((code) => expect(catalogued.has(code), code).to.equal(true));
        expect(reported).to.deep.equal(catalogued);
    });
});
