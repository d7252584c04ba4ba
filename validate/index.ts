/**
 * Offline validation of what a plan would apply, as strictly as the API server and Helm would
 * check it: every object's name, namespace, labels and annotations; Istio objects against the
 * CRD schema of Istio 1.30.3 (unknown fields, types, enums, patterns, list keys) and its CEL
 * rules; istio/gateway chart values against the chart's values schema.
 */
import type { Environment } from "@marcbachmann/cel-js";
import { CelRules } from "./cel-rules";
import { createCelEnvironment } from "./cel-env";
import { GatewayChartValues } from "./chart-values";
import { CrdCatalog, splitApiVersion } from "./crd-catalog";
import { CrdSchemas } from "./crd-schemas";
import { Finding, objectRef, showValue } from "./finding";
import { validateListTypes } from "./list-types";
import { validateMetadata } from "./names";

export type { Finding } from "./finding";
export { formatFinding } from "./finding";
export { ISTIO_VERSION } from "./crd-catalog";

import type { KubeObject } from "../components/core/kube-object";
export type { KubeObject };

export interface Validator {
    /** names/labels for every object; CRD schema + CEL for networking.istio.io, security.istio.io, telemetry.istio.io (and extensions.istio.io) objects */
    validateObject(obj: KubeObject): Finding[];
    /** values of an istio/gateway Helm release */
    validateGatewayChartValues(values: unknown, release: { namespace: string; name: string }): Finding[];
}

class IstioValidator implements Validator {
    private readonly catalog = CrdCatalog.load();
    private readonly schemas = new CrdSchemas();
    private readonly cel: CelRules;
    private readonly chartValues = new GatewayChartValues();

    constructor(celEnv: Environment) {
        this.cel = new CelRules(celEnv);
    }

    validateObject(obj: KubeObject): Finding[] {
        const meta = obj.metadata ?? {};
        const object = objectRef(obj.kind, meta.name, meta.namespace);
        // Objects come from Pulumi outputs, not from a type checker: without these nothing else is meaningful.
        const untyped = (["apiVersion", "kind"] as const).filter((field) => typeof obj[field] !== "string" || obj[field] === "");
        if (untyped.length > 0) {
            return untyped.map((field) => ({ object, path: field, rule: "required", message: `${field} is required, got ${showValue(obj[field])}` }));
        }
        const findings = validateMetadata(obj, object);
        // Only the Istio API groups have schemas here; other kinds get the metadata checks alone.
        if (!this.catalog.hasGroup(splitApiVersion(obj.apiVersion).group)) return findings;
        const crd = this.catalog.lookup(obj.apiVersion, obj.kind);
        if ("message" in crd) return [...findings, { object, ...crd }];
        return [
            ...findings,
            ...this.schemas.validate(obj, crd, object),
            ...validateListTypes(obj, crd.schema, object),
            ...this.cel.validate(obj, crd.schema, object),
        ];
    }

    validateGatewayChartValues(values: unknown, release: { namespace: string; name: string }): Finding[] {
        return this.chartValues.validate(values, release);
    }
}

let loading: Promise<Validator> | undefined;

/**
 * The shared validator. The first call imports cel-js (ESM, hence async) and reads the vendored
 * CRDs; later calls get the same instance, so schemas compiled once serve every caller.
 */
export async function loadValidator(): Promise<Validator> {
    loading ??= createCelEnvironment().then((env) => new IstioValidator(env));
    try {
        return await loading;
    } catch (e) {
        loading = undefined; // let a later call retry rather than replay the failure
        throw e;
    }
}
