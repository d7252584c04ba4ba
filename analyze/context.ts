/**
 * What a rule sees of the cluster, in the spirit of istio's `analysis.Context`. Planned objects are
 * the subjects (iterated by `forEach`, the only ones a rule may report on); existing objects only
 * answer lookups (`list`, `find`), because they are the application's, not meshfed's.
 */
import type { AnalysisMessage } from "./analysis-message";
import { HostIndex, SuffixIndex } from "./hosts";
import type { KindName } from "./kinds";
import { MessageArgs, MessageName, messageType, renderTemplate } from "./messages";
import { AnalyzedObject, Resource, toResource } from "./object";
import type { Rule } from "./rule";

export interface Context {
    /** Calls `fn` for each object of `kind` the plan would apply, in plan order. */
    forEach(kind: KindName, fn: (resource: Resource) => void): void;
    /** Every object of `kind` in the cluster after the plan: planned ones and existing ones they don't replace. */
    list(kind: KindName): readonly Resource[];
    /** The object of `kind` named `namespace/name`, planned or existing. */
    find(kind: KindName, namespace: string, name: string): Resource | undefined;
    /**
     * The objects of `kind` (as `list` gives them) indexed by the hosts `hostsOf` reads from each: built once
     * per analysis and kind and `hostsOf`, so pass a function defined once (not a new closure per call).
     */
    hostIndex(kind: KindName, hostsOf: HostsOf): HostIndex<Resource>;
    /** The names `namesOf` reads from the objects of `kind`, indexed for wildcard patterns; built once, like `hostIndex`. */
    suffixIndex(kind: KindName, namesOf: (r: Resource) => string[]): SuffixIndex;
    /** Reports a catalogue message on a planned object. */
    report<N extends MessageName>(on: Resource, name: N, args: MessageArgs<N>): void;
}

/** The hosts an object configures, each read in a namespace (usually the object's). */
export type HostsOf = (r: Resource) => { host: string; namespace: string }[];

/** The objects indexed by kind and identity, built once per analysis and shared by all rules. */
export class Store {
    private readonly byKind = new Map<string, Resource[]>();
    private readonly byId = new Map<string, Resource>();
    private readonly indexes = new Map<string, Map<Function, unknown>>();

    constructor(planned: readonly AnalyzedObject[], existing: readonly AnalyzedObject[]) {
        // Planned first: when the plan (re)applies an object the cluster has, the planned one is what will be there.
        for (const r of [...planned.map((o) => toResource(o, "planned")), ...existing.map((o) => toResource(o, "existing"))]) {
            const id = idOf(r.groupKind, r.namespace, r.name);
            if (this.byId.has(id)) continue;
            this.byId.set(id, r);
            const same = this.byKind.get(r.groupKind);
            if (same) same.push(r);
            else this.byKind.set(r.groupKind, [r]);
        }
    }

    /** An index of the objects of `kind`, made by `build` once per `kind` and `key` (a function the index depends on). */
    index<T>(kind: string, key: Function, build: (list: readonly Resource[]) => T): T {
        let byKey = this.indexes.get(kind);
        if (!byKey) this.indexes.set(kind, (byKey = new Map()));
        if (!byKey.has(key)) byKey.set(key, build(this.list(kind)));
        return byKey.get(key) as T;
    }

    list(kind: string): readonly Resource[] {
        return this.byKind.get(kind) ?? [];
    }

    find(kind: string, namespace: string, name: string): Resource | undefined {
        return this.byId.get(idOf(kind, namespace, name));
    }
}

function idOf(kind: string, namespace: string, name: string): string {
    return `${kind}\u0000${namespace}\u0000${name}`;
}

/**
 * The context one rule runs with. Reading a kind the rule did not declare throws, as istio's analysis
 * does, so `inputs` can be trusted to say what a rule depends on.
 */
export function createContext(store: Store, rule: Rule, sink: (m: AnalysisMessage) => void): Context {
    const declared = (kind: KindName) => {
        if (!rule.inputs.includes(kind)) throw new Error(`rule ${rule.name} reads ${kind}, which is not in its inputs`);
    };
    return {
        forEach(kind, fn) {
            declared(kind);
            store.list(kind).filter((r) => r.origin === "planned").forEach((r) => fn(r));
        },
        list(kind) {
            declared(kind);
            return store.list(kind);
        },
        find(kind, namespace, name) {
            declared(kind);
            return store.find(kind, namespace, name);
        },
        hostIndex(kind, hostsOf) {
            declared(kind);
            return store.index(kind, hostsOf, (list) => new HostIndex(list, hostsOf));
        },
        suffixIndex(kind, namesOf) {
            declared(kind);
            return store.index(kind, namesOf, (list) => new SuffixIndex(list.flatMap(namesOf)));
        },
        report(on, name, args) {
            if (on.origin !== "planned") throw new Error(`rule ${rule.name} reported on ${on.ref}, which the plan does not apply`);
            const type = messageType(name);
            sink({ code: type.code, name: type.name, level: type.level, object: on.ref, text: renderTemplate(type, args) });
        },
    };
}
