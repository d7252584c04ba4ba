import Ajv from "ajv";
import addFormats from "ajv-formats";

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/**
 * An ajv configured for Kubernetes OpenAPI schemas: every error reported (one run shows all
 * problems), errors carry the data and schema that messages quote, and the `x-kubernetes-*`
 * keywords are tolerated (`strict: false`) because other validators interpret them.
 */
export function createAjv(): Ajv {
    const ajv = new Ajv({ strict: false, allErrors: true, verbose: true });
    // date-time and byte, as the API server checks them.
    addFormats(ajv, ["date-time", "byte"]);
    // OpenAPI number formats that ajv-formats does not define.
    ajv.addFormat("int32", { type: "number", validate: (n: number) => Number.isInteger(n) && n >= INT32_MIN && n <= INT32_MAX });
    ajv.addFormat("double", { type: "number", validate: (n: number) => Number.isFinite(n) });
    return ajv;
}
