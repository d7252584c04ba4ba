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
        dependsOn?: pulumi.ResourceOptions["dependsOn"];
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

/**
 * How many objects `applyObjectsInWaves` registers at a time. Pulumi's Node runtime holds about 150
 * promises per resource (60–200 KB) until the resource is registered, and everything a program constructs
 * in one synchronous run is in flight at once: a federation stack of 6,000 objects peaked at 1.8 GB.
 */
export const WAVE_SIZE = 500;

/**
 * `applyObjects` for the thousands of objects a large federation imports: the first `WAVE_SIZE` objects are
 * registered now, each further wave once every object of the previous one has its URN, so the runtime holds
 * one wave in flight rather than all of them. URNs are known in previews too, so `pulumi preview` shows
 * every object. The result resolves to every resource once the last wave is registered: a component
 * registers it among its outputs, which keeps the program running until the waves are done.
 */
export function applyObjectsInWaves(prefix: string, objects: NamedKubeObject[], opts: Parameters<typeof applyObjects>[2]): pulumi.Output<pulumi.CustomResource[]> {
    const wave = (from: number, before: pulumi.CustomResource[]): pulumi.Output<pulumi.CustomResource[]> => {
        const registered = [...before, ...applyObjects(prefix, objects.slice(from, from + WAVE_SIZE), opts)];
        const settled = pulumi.all(registered.slice(before.length).map((r) => r.urn));
        return from + WAVE_SIZE >= objects.length ? settled.apply(() => registered) : settled.apply(() => wave(from + WAVE_SIZE, registered));
    };
    return wave(0, []);
}
