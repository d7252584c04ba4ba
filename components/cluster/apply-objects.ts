import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { NamedKubeObject } from "../core/kube-object";

/**
 * Built-in kinds meshfed applies get their typed resource, so the provider applies its own readiness
 * logic (a Service's endpoints, for one); everything else, the Istio kinds above all, is a CustomResource.
 */
const TYPED: Record<string, new (name: string, args: any, opts?: pulumi.CustomResourceOptions) => pulumi.CustomResource> = {
    "v1/Service": k8s.core.v1.Service,
    "v1/ConfigMap": k8s.core.v1.ConfigMap,
    "v1/Secret": k8s.core.v1.Secret,
    "v1/Namespace": k8s.core.v1.Namespace,
    "rbac.authorization.k8s.io/v1/Role": k8s.rbac.v1.Role,
    "rbac.authorization.k8s.io/v1/RoleBinding": k8s.rbac.v1.RoleBinding,
};

/**
 * Registers plain objects (built by meshfed's builders, or given by a user) as Kubernetes resources of a
 * component. Each resource's name is derived from the object's kind, namespace and name, so it is stable
 * across updates and unique within the component.
 */
export function applyObjects(
    prefix: string,
    objects: NamedKubeObject[],
    opts: {
        parent: pulumi.Resource;
        provider: k8s.Provider;
        dependsOn?: pulumi.Input<pulumi.Resource>[];
        /** Namespaces whose objects lived in another namespace in an earlier version: those keep their state through an alias. */
        formerNamespaces?: Record<string, string>;
    },
): pulumi.CustomResource[] {
    const { formerNamespaces = {}, ...resourceOpts } = opts;
    const nameIn = (o: NamedKubeObject, namespace?: string) => `${prefix}-${o.kind.toLowerCase()}-${namespace ? `${namespace}-` : ""}${o.metadata.name}`;
    return objects.map((o) => {
        const name = nameIn(o, o.metadata.namespace);
        const former = o.metadata.namespace && formerNamespaces[o.metadata.namespace];
        const withAliases = { ...resourceOpts, aliases: former && former !== o.metadata.namespace ? [{ name: nameIn(o, former) }] : [] };
        const Typed = TYPED[`${o.apiVersion}/${o.kind}`];
        if (Typed) {
            const { apiVersion: _apiVersion, kind: _kind, ...args } = o;
            return new Typed(name, args, withAliases);
        }
        return new k8s.apiextensions.CustomResource(name, o, withAliases);
    });
}
