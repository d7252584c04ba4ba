// One file's mutants against the tests that should catch them, in minutes instead of hours: for writing tests
// against what survived (npm run mutation is the figure). Usage:
//   MUTATE=components/trust/trust-bundle.ts SPEC=test/trust/trust-bundle.test.ts,test/trust/other.test.ts \
//     npx stryker run stryker.conf.focus.mjs
// MUTATE and SPEC take comma-separated paths; reports land in reports-focus/ and are never reused.
import base from "./stryker.conf.mjs";

const list = (name) => {
    const value = process.env[name];
    if (!value) throw new Error(`stryker.conf.focus.mjs needs ${name}=<comma-separated paths>`);
    return value.split(",").map((s) => s.trim()).filter(Boolean);
};

export default {
    ...base,
    mutate: list("MUTATE"),
    mochaOptions: { ...base.mochaOptions, spec: list("SPEC") },
    concurrency: 1,
    tempDirName: ".stryker-tmp-focus",
    incremental: false,
    reporters: ["clear-text"],
    clearTextReporter: { reportMutants: true, logTests: false },
    ignorePatterns: [...base.ignorePatterns, "reports-focus", ".stryker-tmp", ".stryker-tmp-unit"],
};
