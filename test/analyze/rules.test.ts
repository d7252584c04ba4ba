import { ALL_RULES } from "../../analyze/all";
import { ALL_CASES } from "./cases";
import { runGrid } from "./grid";

describe("analysis rules, case by case", () => {
    for (const rule of ALL_RULES) {
        describe(`${rule.name}: ${rule.description}`, () => {
            runGrid(ALL_CASES.filter((c) => c.rule === rule));
        });
    }
});
