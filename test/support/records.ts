/** Reading what a plan created, the way a person reads `manifests.yaml`. */
import { expect } from "chai";
import { StackPlan } from "../../engine/run-stack";
import { reveal } from "../../engine/secrets";
import { manifestsOf } from "../../engine/manifests";
import { KubeObject } from "../../engine/kubernetes";

/** The planned Kubernetes object of that kind and name (and namespace, if given); fails if absent. */
export function objectOf(plan: StackPlan, kind: string, name: string, namespace?: string): KubeObject {
    const found = manifestsOf(plan.records)
        .map((m) => reveal(m.object) as KubeObject)
        .filter((o) => o.kind === kind && o.metadata.name === name && (namespace === undefined || o.metadata.namespace === namespace));
    expect(found, `${kind} ${namespace ?? "*"}/${name} in stack ${plan.stack}`).to.have.length(1);
    return found[0];
}

/** The string data of a planned Secret, secrets revealed. */
export function secretData(plan: StackPlan, name: string): Record<string, string> {
    return (objectOf(plan, "Secret", name).stringData ?? {}) as Record<string, string>;
}

export function outputOf<T = unknown>(plan: StackPlan, name: string): T {
    return reveal(plan.outputs[name]) as T;
}
