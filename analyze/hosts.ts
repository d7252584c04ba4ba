/**
 * How hosts written in Istio objects name things: Kubernetes Services in the forms cluster DNS
 * answers, ServiceEntry hosts, `*.` wildcards; and which DestinationRules and ServiceEntries a
 * namespace sees.
 */
import type { Resource } from "./object";
import { exportToOf } from "./specs";

const CLUSTER_DOMAIN = "svc.cluster.local";

export interface ServiceName {
    namespace: string;
    name: string;
}

/** Hosts compare case-insensitively and without the root dot, as DNS names do. */
function normalize(host: string): string {
    return host.toLowerCase().replace(/\.$/, "");
}

/**
 * The Service a host names, if it has the shape of one: `reviews` (in `namespace`, the namespace of
 * the object that wrote it, as Istio reads short names), `reviews.bookinfo`, `reviews.bookinfo.svc`
 * or `reviews.bookinfo.svc.cluster.local`. Whether such a Service exists is the caller's question.
 */
export function serviceNamed(host: string, namespace: string): ServiceName | undefined {
    const h = normalize(host);
    if (h.startsWith("*")) return undefined;
    const labels = h.split(".");
    if (labels.length === 1) return { namespace, name: h };
    const rest = labels.slice(2).join(".");
    if (labels.length === 2 || rest === "svc" || rest === CLUSTER_DOMAIN) return { namespace: labels[1], name: labels[0] };
    return undefined;
}

export function serviceFqdn(s: ServiceName): string {
    return `${s.name}.${s.namespace}.${CLUSTER_DOMAIN}`;
}

/**
 * The names a host may stand for: a short name only for its Service's FQDN; a dotted name both as
 * written (`example.com` may be external) and, when it has a Service's shape, for that Service.
 */
export function hostForms(host: string, namespace: string): string[] {
    const h = normalize(host);
    const service = serviceNamed(h, namespace);
    if (!service) return [h];
    return h.includes(".") ? [...new Set([h, serviceFqdn(service)])] : [serviceFqdn(service)];
}

/** Whether `pattern` (a host, `*.suffix` or `*`) covers `host` (which may itself be a wildcard). */
export function covers(pattern: string, host: string): boolean {
    if (pattern === "*") return true;
    if (pattern.startsWith("*.")) return host.endsWith(pattern.slice(1));
    return pattern === host;
}

/** Whether two hosts, each read in the namespace of the object that wrote it, can name the same thing. */
export function sameHost(a: string, aNamespace: string, b: string, bNamespace: string): boolean {
    const bForms = hostForms(b, bNamespace);
    return hostForms(a, aNamespace).some((x) => bForms.some((y) => covers(x, y) || covers(y, x)));
}

/**
 * Objects by the hosts they configure, so that finding those that may name the same thing as a host costs a
 * few map lookups instead of a scan of every object (a federation stack holds thousands of VirtualServices
 * and DestinationRules). `candidates` returns a superset of the objects one of whose hosts is `sameHost` as
 * the host asked for, in the order they were added; the caller still applies `sameHost` (and whatever else
 * it checks) to them, so answers are exactly those of a scan. Two hosts without wildcards are `sameHost` only
 * when one of their forms is equal: an exact form finds its objects in the map; objects with a wildcard form,
 * and questions about a wildcard host, fall back to the objects that could match.
 */
export class HostIndex<T> {
    private readonly byForm = new Map<string, number[]>();
    private readonly wildcard: number[] = [];
    private readonly items: T[] = [];

    constructor(items: Iterable<T>, hostsOf: (item: T) => { host: string; namespace: string }[]) {
        for (const item of items) {
            const i = this.items.push(item) - 1;
            const forms = new Set(hostsOf(item).flatMap(({ host, namespace }) => hostForms(host, namespace)));
            for (const form of forms) {
                if (form.startsWith("*")) {
                    if (this.wildcard[this.wildcard.length - 1] !== i) this.wildcard.push(i);
                } else {
                    const at = this.byForm.get(form);
                    if (at === undefined) this.byForm.set(form, [i]);
                    else if (at[at.length - 1] !== i) at.push(i);
                }
            }
        }
    }

    /** The objects that may have a host that is `sameHost` as `host` read in `namespace`. */
    candidates(host: string, namespace: string): T[] {
        const forms = hostForms(host, namespace);
        if (forms.some((f) => f.startsWith("*"))) return this.items;
        const found = new Set<number>(this.wildcard);
        for (const form of forms) for (const i of this.byForm.get(form) ?? []) found.add(i);
        return [...found].sort((a, b) => a - b).map((i) => this.items[i]);
    }
}

/** Names (e.g. Service FQDNs) indexed by their dot-suffixes (`.ns.svc.cluster.local`, …, `.local`): what `*.suffix` patterns cover. */
export class SuffixIndex {
    private readonly names = new Set<string>();
    private readonly suffixes = new Set<string>();

    constructor(names: Iterable<string>) {
        for (const name of names) {
            this.names.add(name);
            for (let dot = name.indexOf("."); dot >= 0; dot = name.indexOf(".", dot + 1)) this.suffixes.add(name.slice(dot));
        }
    }

    /** Whether `covers(pattern, name)` for some name: `*` covers any, `*.suffix` the names ending in `.suffix`, else equality. */
    coversSome(pattern: string): boolean {
        if (pattern === "*") return this.names.size > 0;
        if (pattern.startsWith("*.")) return this.suffixes.has(pattern.slice(1));
        return this.names.has(pattern);
    }
}

/**
 * Whether a DestinationRule or ServiceEntry applies to proxies in `namespace`. As in Istio: no
 * `exportTo` means `*`; `.` means its own namespace; `~` means none. Simplification: an object is
 * always seen in its own namespace (Istio keeps namespace-local DestinationRules so; for a
 * ServiceEntry exported elsewhere only, this errs towards silence).
 */
export function isVisibleFrom(r: Resource, namespace: string): boolean {
    if (r.namespace === namespace) return true;
    const exportTo = exportToOf(r);
    if (exportTo === undefined || exportTo.length === 0) return true;
    return exportTo.includes("*") || exportTo.includes(namespace);
}
