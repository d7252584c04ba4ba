import type { Environment } from "@marcbachmann/cel-js";
import { registerUrlLibrary } from "./cel-url";

type CelModule = typeof import("@marcbachmann/cel-js");

/**
 * cel-js ships only as an ES module. Written as a plain `import()`, TypeScript (module: commonjs)
 * would compile it to `require()`, which cannot load ESM on Node 20; a Function body is left alone.
 */
const importModule = new Function("specifier", "return import(specifier)") as (specifier: string) => Promise<unknown>;

/**
 * A CEL environment like the one the API server gives CRD validation rules: `self` is the value
 * under validation, list and map literals must be homogeneous (as in the Kubernetes base
 * environment), and the Kubernetes URL library is available. cel-js already provides the other
 * functions the Istio rules call (`duration`, `matches`, `substring`, `exists_one`, ...).
 */
export async function createCelEnvironment(): Promise<Environment> {
    const cel = (await importModule("@marcbachmann/cel-js")) as CelModule;
    const env = new cel.Environment({ homogeneousAggregateLiterals: true }).registerVariable("self", "dyn");
    return registerUrlLibrary(env);
}
