import * as pulumi from "@pulumi/pulumi";

/**
 * A component's important children as its registered outputs list them: by URN, which is how Pulumi's
 * state shows a resource reference. A Resource itself among the outputs would be written whole (the
 * object, its parent and their Outputs) into the offline engine's resources.json. Absent children are left out.
 */
export function childUrns(children: Record<string, pulumi.Resource | undefined>): Record<string, pulumi.Output<string>> {
    return Object.fromEntries(Object.entries(children).flatMap(([k, r]) => (r ? [[k, r.urn]] : [])));
}
