/**
 * The few Istio spec fields the rules follow, read in one place. Objects come from a plan and may be
 * malformed (schema validation reports that separately), so every read tolerates a missing or
 * mistyped field by yielding nothing rather than throwing.
 */
import type { Resource } from "./object";

type Fields = Record<string, unknown>;

const isFields = (x: unknown): x is Fields => typeof x === "object" && x !== null && !Array.isArray(x);
const fieldsIn = (x: unknown): Fields[] => (Array.isArray(x) ? x.filter(isFields) : []);
const stringsIn = (x: unknown): string[] => (Array.isArray(x) ? x.filter((s): s is string => typeof s === "string" && s !== "") : []);
const stringOf = (x: unknown): string | undefined => (typeof x === "string" && x !== "" ? x : undefined);
const specOf = (r: Resource): Fields => (isFields(r.object.spec) ? r.object.spec : {});

/** A place a VirtualService sends traffic: a route destination or a mirror. */
export interface Destination {
    host: string;
    subset?: string;
}

/** The route lists of a VirtualService; each has `route[].destination`. */
const ROUTE_LISTS = ["http", "tls", "tcp"] as const;

/** Route destinations of http, tls and tcp routes, plus http `mirror` and `mirrors[].destination`. */
export function destinationsOf(vs: Resource): Destination[] {
    const spec = specOf(vs);
    const raw = ROUTE_LISTS.flatMap((list) => fieldsIn(spec[list]).flatMap((route) => fieldsIn(route.route).map((r) => r.destination)));
    for (const http of fieldsIn(spec.http)) raw.push(http.mirror, ...fieldsIn(http.mirrors).map((m) => m.destination));
    return raw.filter(isFields).flatMap((d) => {
        const host = stringOf(d.host);
        return host ? [{ host, subset: stringOf(d.subset) }] : [];
    });
}

/** `spec.host` of a DestinationRule. */
export function ruleHostOf(dr: Resource): string | undefined {
    return stringOf(specOf(dr).host);
}

/** Names of a DestinationRule's `spec.subsets`. */
export function subsetNamesOf(dr: Resource): string[] {
    return fieldsIn(specOf(dr).subsets).flatMap((s) => stringsIn([s.name]));
}

/** `tls.credentialName` of a DestinationRule's traffic policy, its port-level settings and its subsets' policies. */
export function ruleCredentialsOf(dr: Resource): string[] {
    const spec = specOf(dr);
    const policies = [spec.trafficPolicy, ...fieldsIn(spec.subsets).map((s) => s.trafficPolicy)].filter(isFields);
    const tls = policies.flatMap((p) => [p.tls, ...fieldsIn(p.portLevelSettings).map((s) => s.tls)]).filter(isFields);
    return [...new Set(tls.flatMap((t) => stringsIn([t.credentialName])))];
}

/** `spec.hosts` of a ServiceEntry. */
export function entryHostsOf(se: Resource): string[] {
    return stringsIn(specOf(se).hosts);
}

/** `spec.exportTo` of a DestinationRule or ServiceEntry; undefined when not set. */
export function exportToOf(r: Resource): string[] | undefined {
    const exportTo = specOf(r).exportTo;
    return Array.isArray(exportTo) ? stringsIn(exportTo) : undefined;
}
