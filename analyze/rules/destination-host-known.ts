/**
 * VirtualService destination hosts are Istio's own check (virtualservice.DestinationHostAnalyzer, IST0101,
 * run by `npm run verify`). Istio's destinationrule.SubsetSelectPodAnalyzer (IST0174) also flags a
 * DestinationRule host it cannot resolve, but it takes a wildcard host covering Services for unknown; this
 * rule resolves wildcards as Istio's proxies do, and runs without Go.
 *
 * Which hosts count as known: a Service of the plan or the cluster, named in any form cluster DNS
 * answers (see serviceNamed; note that Istio itself treats a dotted host such as `reviews.bookinfo`
 * as a literal FQDN), or a host of a ServiceEntry the referring namespace sees, wildcards included.
 * A wildcard DestinationRule host is known when it covers some Service or ServiceEntry host.
 */
import type { Context, HostsOf } from "../context";
import { isVisibleFrom, sameHost, serviceFqdn, serviceNamed } from "../hosts";
import { KINDS } from "../kinds";
import type { Resource } from "../object";
import type { Rule } from "../rule";
import { entryHostsOf, ruleHostOf } from "../specs";

export const destinationHostKnown: Rule = {
    name: "destination.HostKnown",
    description: "Every DestinationRule host is a known Service or ServiceEntry host.",
    inputs: [KINDS.DestinationRule, KINDS.Service, KINDS.ServiceEntry],
    analyze(ctx) {
        ctx.forEach(KINDS.DestinationRule, (dr) => {
            const host = ruleHostOf(dr);
            if (host !== undefined && !isKnownHost(ctx, host, dr.namespace)) {
                ctx.report(dr, "ReferencedHostNotFound", { host, namespace: dr.namespace });
            }
        });
    },
};

// Lookups go through indexes (by Service FQDN suffix, by ServiceEntry host): a scan of every Service and
// ServiceEntry per DestinationRule grows with the square of a federation stack's size.
function isKnownHost(ctx: Context, host: string, namespace: string): boolean {
    const service = serviceNamed(host, namespace);
    if (service && ctx.find(KINDS.Service, service.namespace, service.name)) return true;
    if (host.startsWith("*") && ctx.suffixIndex(KINDS.Service, serviceFqdns).coversSome(host.toLowerCase())) return true;
    return ctx
        .hostIndex(KINDS.ServiceEntry, entryHosts)
        .candidates(host, namespace)
        .filter((se) => isVisibleFrom(se, namespace))
        .some((se) => entryHostsOf(se).some((h) => sameHost(h, se.namespace, host, namespace)));
}

const serviceFqdns = (s: Resource): string[] => [serviceFqdn(s)];
const entryHosts: HostsOf = (se) => entryHostsOf(se).map((host) => ({ host, namespace: se.namespace }));
