/**
 * The offline engine and the validators need packages the components do not: YAML, JSON Schema, CEL and
 * X.509. meshfed lists them as optional peerDependencies, so that `npm install meshfed` for a deployment
 * stays lean and only a project that tests with `meshfed/testing` installs them (as devDependencies).
 * Imported first by testing/index.ts: a missing one fails here, naming every package to install, rather
 * than deep inside the engine with a bare "Cannot find module".
 */
const REQUIRED = ["yaml", "ajv", "ajv-formats", "@marcbachmann/cel-js", "@peculiar/x509", "reflect-metadata"] as const;

function isResolvable(name: string): boolean {
    try {
        require.resolve(name);
        return true;
    } catch {
        return false;
    }
}

const missing = REQUIRED.filter((name) => !isResolvable(name));
if (missing.length > 0) {
    throw new Error(
        `meshfed/testing needs ${missing.join(", ")} (optional peer dependencies of meshfed, used only by the offline engine): ` +
            `npm install --save-dev ${missing.join(" ")}`,
    );
}
