/**
 * The checks every plan passes before anyone applies it: each Kubernetes object against the official
 * schema of its kind (CRD schema and CEL rules for Istio), each istio/gateway release's values against the
 * chart's values schema. `npm run plan` and the tests share this one entry point.
 */
import { helmReleasesOf, manifestsOf } from "../engine/manifests";
import { ResourceRecord } from "../engine/records";
import { reveal } from "../engine/secrets";
import { Finding, loadValidator } from "./index";

export async function checkPlan(records: ResourceRecord[]): Promise<Finding[]> {
    const validator = await loadValidator();
    const findings: Finding[] = [];
    for (const { object } of manifestsOf(records)) {
        findings.push(...validator.validateObject(reveal(object) as any));
    }
    for (const release of helmReleasesOf(records)) {
        if (release.chart !== "gateway") continue;
        findings.push(...validator.validateGatewayChartValues(reveal(release.values), release));
    }
    return findings;
}
