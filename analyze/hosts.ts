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
