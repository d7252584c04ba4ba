import type { ValidateFunction } from "ajv";
import type Ajv from "ajv";
import { ajvFindings } from "./ajv-findings";
import { createAjv } from "./ajv-instance";
import { CrdVersion } from "./crd-catalog";
import { Finding } from "./finding";
import { toStrictRootSchema } from "./strict-schema";

/**
 * Checks objects against their CRD's `openAPIV3Schema`, made strict like the API server under
 * strict field validation (see strict-schema.ts).
 *
 * Schemas are compiled on first use and cached: compiling all 33 (kind, version) schemas up front
 * takes about a second, while a plan touches a handful of kinds (DestinationRule, the largest,
 * compiles in 100 to 250 ms; Gateway or ServiceEntry in 10 to 25 ms).
 */
export class CrdSchemas {
    private readonly ajv: Ajv = createAjv();
    private readonly compiled = new Map<CrdVersion, ValidateFunction>();

    validate(obj: unknown, crd: CrdVersion, object: string): Finding[] {
        const check = this.compile(crd);
        return check(obj) ? [] : ajvFindings(check.errors ?? [], obj, object);
    }

    private compile(crd: CrdVersion): ValidateFunction {
        let check = this.compiled.get(crd);
        if (!check) {
            check = this.ajv.compile(toStrictRootSchema(crd.schema));
            this.compiled.set(crd, check);
        }
        return check;
    }
}
