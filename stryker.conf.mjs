// npm run mutation: mutates what builds what users deploy (components/), reads their config (program/) and
// checks it (analyze/). Not part of npm test. Each mutant runs only the tests that execute it
// (coverageAnalysis perTest), fast and pointed test files first: a killed mutant stops at its first failing
// test, so the files that plan every example stack come last.
import * as fs from "node:fs";
import * as path from "node:path";

/** Test files in the order mutants should meet them; any file not named here runs in between. */
const FIRST = ["test/strength/", "test/trust/", "test/federation/specs-", "test/federation/settings-", "test/gateway/", "test/analyze/", "test/engine/"];
const LAST = ["test/errors/", "test/properties/", "test/federation/", "test/migration/", "test/cli/"];

function testFiles(dir) {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const rel = path.posix.join(dir, e.name);
        return e.isDirectory() ? testFiles(rel) : e.name.endsWith(".test.ts") ? [rel] : [];
    });
}

const rank = (file) => {
    const first = FIRST.findIndex((p) => file.startsWith(p));
    if (first >= 0) return first;
    const last = LAST.findIndex((p) => file.startsWith(p));
    return last >= 0 ? FIRST.length + 1 + last : FIRST.length;
};
/**
 * Not run against mutants: the screenshot test judges how Chromium paints the topology SVG, not what the
 * generators build, and starts a browser for every mutant its suite's plans cover.
 */
const NOT_FOR_MUTANTS = ["test/topology/browser.test.ts"];
const spec = testFiles("test")
    .filter((f) => !NOT_FOR_MUTANTS.includes(f))
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
    packageManager: "npm",
    testRunner: "mocha",
    coverageAnalysis: "perTest",
    mutate: ["components/**/*.ts", "program/**/*.ts", "analyze/**/*.ts"],
    mochaOptions: {
        spec,
        // The second require credits what a suite's before hook runs to each of the suite's tests.
        require: ["ts-node/register/transpile-only", "test/strength/stryker-suite-coverage.ts"],
    },
    checkers: [],
    concurrency: 2,
    timeoutMS: 10000,
    ignorePatterns: ["verify", "out", "dist", ".build", ".scratch", "reports", "scenarios/**/out"],
    tempDirName: ".stryker-tmp",
    incremental: true,
    incrementalFile: "reports/stryker-incremental.json",
    reporters: ["clear-text", "progress", "html", "json"],
    htmlReporter: { fileName: "reports/mutation/mutation.html" },
    jsonReporter: { fileName: "reports/mutation/mutation.json" },
    clearTextReporter: { reportMutants: false, logTests: false },
};
