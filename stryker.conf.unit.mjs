// The pure builders and resolvers, against the tests that call them without the engine: a figure that fits in
// under an hour on two cores (npx stryker run stryker.conf.unit.mjs). npm run mutation is the whole picture.
import base from "./stryker.conf.mjs";
export default {
    ...base,
    mutate: ["components/core/checks.ts", "components/trust/pem-bundle.ts", "components/trust/cert-specs.ts", "components/federation/specs/*.ts", "components/federation/export-specs.ts", "components/federation/import-specs.ts", "components/gateway/gateway-specs.ts", "components/gateway/gateway-values.ts"],
    mochaOptions: { ...base.mochaOptions, spec: ["test/strength/checks.test.ts", "test/trust/cert-specs.test.ts", "test/federation/specs-export.test.ts", "test/federation/specs-import.test.ts", "test/federation/settings-federation.test.ts", "test/gateway/gateway-values.test.ts", "test/gateway/gateway-settings.test.ts", "test/properties/settings-readers.test.ts"] },
    tempDirName: ".stryker-tmp-unit",
    incrementalFile: "reports-unit/stryker-incremental.json",
    htmlReporter: { fileName: "reports-unit/mutation.html" },
    jsonReporter: { fileName: "reports-unit/mutation.json" },
    ignorePatterns: [...base.ignorePatterns, "reports-unit", ".stryker-tmp"],
};
