import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { clusterProvider, dependenciesOf } from "../core/cluster-provider";
import { ArgsPaths, argsPaths, Resolved, Unchecked } from "../core/resolved";
import { at, InputError } from "../core/input-error";
import { requireObject, requireString } from "../core/checks";
import { NamedKubeObject } from "../core/kube-object";
import { applyObjects } from "./apply-objects";


export interface ClusterObjectsArgs {
    /**
     * The explicit provider of the cluster the objects go to.
     * @deprecated pass it as a resource option, `{ provider }` (still read; the two must agree)
     * @default the Kubernetes provider of the resource options, or of the parent
     */
    provider?: k8s.Provider;
    /**
     * Objects applied as they are, for what meshfed does not model (a mesh-wide PeerAuthentication, an
     * extra AuthorizationPolicy...). `npm run plan` validates them like every generated object.
     */
    objects: NamedKubeObject[];
}

/** Checks objects are shaped like manifests, naming the offending one by its index. */
export function resolveKubeObjects(path: string, value: unknown): NamedKubeObject[] {
    if (value === undefined) return [];
    if (!Array.isArray(value)) throw new InputError(path, value, "expected a list of Kubernetes objects");
    const seen = new Set<string>();
    return value.map((raw, i) => {
        const p = at(path, i);
        const obj = requireObject(p, raw);
        requireString(at(p, "apiVersion"), obj.apiVersion);
        requireString(at(p, "kind"), obj.kind);
        const metadata = requireObject(at(p, "metadata"), obj.metadata);
        requireString(at(at(p, "metadata"), "name"), metadata.name);
        const key = objectId(obj as unknown as NamedKubeObject);
        if (seen.has(key)) throw new InputError(p, key, "each object may appear once (same apiVersion, kind, namespace and name)");
        seen.add(key);
        return obj as unknown as NamedKubeObject;
    });
}

function objectId(o: NamedKubeObject): string {
    return `${o.apiVersion}/${o.kind}/${o.metadata.namespace ?? ""}/${o.metadata.name}`;
}

/** Args as a stack's config gives them: the objects checked by the resolver. */
export type UncheckedClusterObjectsArgs = Unchecked<ClusterObjectsArgs, "provider">;

/** What `resolveClusterObjectsArgs` made of the args: the constructor takes it as it is. */
export type ResolvedClusterObjectsArgs = Resolved<UncheckedClusterObjectsArgs, { objects: NamedKubeObject[] }>;

/**
 * The objects checked, registering nothing: the constructor calls it, and a program calls it first, with
 * `where` naming its config key, and hands the result in.
 */
export function resolveClusterObjectsArgs(args: UncheckedClusterObjectsArgs | ResolvedClusterObjectsArgs, where: ArgsPaths<"objects"> = {}): ResolvedClusterObjectsArgs {
    const { of } = argsPaths("ClusterObjects", where);
    return Resolved.once("ClusterObjects", args, (a) => ({ objects: resolveKubeObjects(of("objects"), a.objects) }));
}

/** Extra objects applied to a cluster as they are: the escape hatch for what meshfed does not model. */
export class ClusterObjects extends pulumi.ComponentResource {
    /** The resources applied, one per object. */
    readonly objects: pulumi.CustomResource[];

    constructor(name: string, args: ClusterObjectsArgs | ResolvedClusterObjectsArgs, opts?: pulumi.ComponentResourceOptions) {
        const resolved = resolveClusterObjectsArgs(args);
        const { objects } = resolved.value;
        const provider = clusterProvider("ClusterObjects", resolved.args.provider, opts);
        super("meshfed:cluster:ClusterObjects", name, {}, opts);
        // Its dependsOn (the namespace the objects go in, typically): Pulumi applies a component's to the component alone.
        this.objects = applyObjects(name, objects, { parent: this, provider, dependsOn: dependenciesOf(opts) });
        this.registerOutputs({ objects: objects.map((o) => `${o.kind} ${o.metadata.namespace ?? "(cluster)"}/${o.metadata.name}`) });
    }
}
