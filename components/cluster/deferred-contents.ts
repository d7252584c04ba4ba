/**
 * Objects whose set is known now and whose contents are known later. Pulumi wants every resource
 * registered without waiting for outputs, so `pulumi preview` shows each object even while, say, a peer's
 * address is unknown: a component registers a skeleton (the objects' kinds, namespaces and names, from
 * names alone) and takes each object's contents from the real objects once they are known.
 */
import * as pulumi from "@pulumi/pulumi";
import { NamedKubeObject } from "../core/kube-object";

/** What decides an object's resource: its kind, namespace and name (and so its metadata), and which fields it has. */
function identityOf(o: NamedKubeObject): string {
    return JSON.stringify([o.apiVersion, o.kind, o.metadata, Object.keys(o).sort()]);
}

const label = (o: NamedKubeObject) => `${o.kind} ${o.metadata.namespace ? `${o.metadata.namespace}/` : ""}${o.metadata.name}`;

/** How `real` differs from `skeleton` as a set of resources, in words; undefined when it does not. */
export function objectSetDifference(skeleton: NamedKubeObject[], real: NamedKubeObject[]): string | undefined {
    const ids = new Set(real.map(identityOf));
    const expected = new Set(skeleton.map(identityOf));
    const missing = skeleton.filter((o) => !ids.has(identityOf(o))).map(label);
    const extra = real.filter((o) => !expected.has(identityOf(o))).map(label);
    if (missing.length === 0 && extra.length === 0) return undefined;
    return `they call for other objects than their names did: ${[...missing.map((m) => `no ${m}`), ...extra.map((e) => `an unexpected ${e}`)].join(", ")}`;
}

/**
 * The skeleton's objects, each with its kind and metadata as they are and every other field (its `spec`,
 * `data`, ...) an Output of that field of the same object in `real`. `real` must already be checked to be
 * the same set (`objectSetDifference`).
 */
export function withContentsOf(skeleton: NamedKubeObject[], real: pulumi.Output<NamedKubeObject[]>): NamedKubeObject[] {
    // One lookup for all: imports number in the thousands.
    const byIdentity = real.apply((objects) => new Map(objects.map((o) => [identityOf(o), o])));
    return skeleton.map((s) => {
        const id = identityOf(s);
        const twin = byIdentity.apply((objects) => objects.get(id)!);
        const contents = Object.keys(s).filter((k) => !["apiVersion", "kind", "metadata"].includes(k));
        return { apiVersion: s.apiVersion, kind: s.kind, metadata: s.metadata, ...Object.fromEntries(contents.map((k) => [k, twin.apply((o) => o[k])])) };
    });
}
