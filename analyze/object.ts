/**
 * What the analysis reads: plain Kubernetes objects as a plan would apply them, each seen as a
 * Resource with its identity resolved once (group-kind, effective namespace, printable reference).
 */
import type { KubeObject } from "../components/core/kube-object";
import { objectRef } from "../validate/finding";
import { groupKindOf, isClusterScoped } from "./kinds";

/** The objects analysed are plain Kubernetes objects. */
export type AnalyzedObject = KubeObject;

/** Where an object comes from: the plan applies it, or the cluster already has it (not ours to analyse). */
export type Origin = "planned" | "existing";

export interface Resource {
    /** `Kind.group`, see kinds.ts. */
    readonly groupKind: string;
    readonly kind: string;
    /** The effective namespace: `default` when a namespaced object names none, "" for cluster-scoped kinds. */
    readonly namespace: string;
    readonly name: string;
    /** `Kind namespace/name`, as messages print it. */
    readonly ref: string;
    readonly origin: Origin;
    readonly object: AnalyzedObject;
}

export function toResource(object: AnalyzedObject, origin: Origin): Resource {
    const groupKind = groupKindOf(object.apiVersion, object.kind);
    const meta = object.metadata ?? {};
    const namespace = isClusterScoped(groupKind) ? "" : meta.namespace || "default";
    const name = meta.name ?? "";
    return { groupKind, kind: object.kind, namespace, name, ref: objectRef(object.kind, name, namespace), origin, object };
}
