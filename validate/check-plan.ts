/**
 * The checks every plan passes before anyone applies it: each Kubernetes object against the official
 * schema of its kind (CRD schema and CEL rules for Istio), each istio/gateway release's values against the
 * chart's values schema, and the objects together against the cross-object rules of `analyze/` (in the
 * spirit of `istioctl analyze`). `npm run plan` and the tests share this one entry point.
 */
import { analyze, AnalysisMessage, formatMessage } from "../analyze";
import { KubeObject } from "../engine/kubernetes";
import { helmReleasesOf, manifestsOf } from "../engine/manifests";
import { ResourceRecord } from "../engine/records";
import { reveal } from "../engine/secrets";
import { Finding, formatFinding, loadValidator } from "./index";
import { isSchemalessChart, validateChartKeys } from "./chart-keys";

export interface PlanCheck {
    /** Objects or chart values that break their schema. */
    findings: Finding[];
    /** References between objects that lead nowhere. */
    analysis: AnalysisMessage[];
}

/**
 * @param inCluster what the cluster holds besides this plan's objects: other stacks' objects, objects
 *   declared as already there, objects Helm releases create. References may point at them.
 */
export async function checkPlan(
    records: ResourceRecord[],
    inCluster: KubeObject[] = [],
    /** Called after each object validated, with how many of how many (a progress line). */
    onValidated?: (validated: number, total: number) => void,
): Promise<PlanCheck> {
    const validator = await loadValidator();
    const objects = manifestsOf(records).map(({ object }) => reveal(object) as KubeObject);
    const findings: Finding[] = objects.flatMap((o, i) => {
        const found = validator.validateObject(o);
        onValidated?.(i + 1, objects.length);
        return found;
    });
    for (const release of helmReleasesOf(records)) {
        // base and istiod ship no values schema: their keys are checked against the charts' own.
        if (isSchemalessChart(release.chart)) findings.push(...validateChartKeys(release.chart, reveal(release.values), release));
        if (release.chart !== "gateway") continue;
        findings.push(...validator.validateGatewayChartValues(reveal(release.values), release));
    }
    return { findings, analysis: analyze(objects, inCluster) };
}

/** Every problem of a check, one line each: findings first, then analysis messages as istioctl prints them. */
export function problemsOf(check: PlanCheck): string[] {
    return [...check.findings.map(formatFinding), ...check.analysis.map(formatMessage)];
}
