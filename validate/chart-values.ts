import { readFileSync } from "fs";
import * as path from "path";
import type { ValidateFunction } from "ajv";
import { ajvFindings } from "./ajv-findings";
import { createAjv } from "./ajv-instance";
import { ISTIO_VERSION } from "./crd-catalog";
import { Finding, objectRef } from "./finding";

export const GATEWAY_VALUES_SCHEMA_FILE = path.join(__dirname, "..", "vendor", "istio", ISTIO_VERSION, "gateway", "values.schema.json");

/**
 * Checks values for the `istio/gateway` Helm chart against the chart's own values.schema.json,
 * as `helm install` does: unknown top-level keys, wrong types and unsupported enum values are
 * rejected. The schema is used as shipped, not made stricter: Helm accepts unknown keys in
 * nested objects, and so must we.
 */
export class GatewayChartValues {
    private readonly check: ValidateFunction;

    constructor(schemaFile: string = GATEWAY_VALUES_SCHEMA_FILE) {
        const schema = JSON.parse(readFileSync(schemaFile, "utf8")) as Record<string, unknown>;
        // `http://json-schema.org/schema#` means "latest draft" to Helm; ajv would look it up by
        // that URI and fail. The schema only uses keywords of the draft ajv implements.
        delete schema.$schema;
        this.check = createAjv().compile(schema);
    }

    validate(values: unknown, release: { namespace: string; name: string }): Finding[] {
        const object = objectRef("HelmRelease", release.name, release.namespace);
        if (this.check(values)) return [];
        return ajvFindings(this.check.errors ?? [], values, object, "values").map((f) => ({ ...f, rule: "chart values schema" }));
    }
}
