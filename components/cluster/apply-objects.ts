import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { NamedKubeObject } from "../core/kube-object";

/**
 * Registers plain objects (built by meshfed's builders, or given by a user) as Kubernetes resources of a
 * component. Each resource's name is derived from the object's kind, namespace and name, so it is stable
 * across updates and unique within the component.
 */
export function applyObjects(
    prefix: string,
    objects: NamedKubeObject[],
    opts: { parent: pulumi.Resource; provider: k8s.Provider; dependsOn?: pulumi.Input<pulumi.Resource>[] },
): k8s.apiextensions.CustomResource[] {
    return objects.map((o) => {
        const ns = o.metadata.namespace ? `${o.metadata.namespace}-` : "";
        return new k8s.apiextensions.CustomResource(`${prefix}-${o.kind.toLowerCase()}-${ns}${o.metadata.name}`, o, opts);
    });
}
