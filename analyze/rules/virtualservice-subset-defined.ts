/**
 * Where a subset may be defined. Istio resolves a subset with the one DestinationRule it picks for the
 * host at the proxy (client namespace first, then the service's, then the root namespace). The rule
 * is looser, so that it never cries wolf: any DestinationRule for the host that the VirtualService's
 * namespace sees (same namespace, or exported to it: see isVisibleFrom) and that defines the subset
 * will do. The VirtualService's namespace stands in for the proxies that apply it.
 */
import type { HostsOf } from "../context";
import { isVisibleFrom, sameHost } from "../hosts";
import { KINDS } from "../kinds";
import type { Rule } from "../rule";
import { destinationsOf, ruleHostOf, subsetNamesOf } from "../specs";

export const virtualServiceSubsetDefined: Rule = {
    name: "virtualservice.SubsetDefined",
    description: "Every subset a VirtualService routes or mirrors to is defined by a visible DestinationRule for that host.",
    inputs: [KINDS.VirtualService, KINDS.DestinationRule],
    analyze(ctx) {
        ctx.forEach(KINDS.VirtualService, (vs) => {
            for (const { host, subset } of destinationsOf(vs)) {
                if (subset === undefined) continue;
                // Only DestinationRules whose host may be this one are looked at (an index, not a scan of all).
                const defined = ctx
                    .hostIndex(KINDS.DestinationRule, ruleHosts)
                    .candidates(host, vs.namespace)
                    .some((dr) => {
                        const drHost = ruleHostOf(dr);
                        return isVisibleFrom(dr, vs.namespace) && drHost !== undefined && sameHost(drHost, dr.namespace, host, vs.namespace) && subsetNamesOf(dr).includes(subset);
                    });
                if (!defined) ctx.report(vs, "ReferencedSubsetNotFound", { subset, host });
            }
        });
    },
};

const ruleHosts: HostsOf = (dr) => {
    const host = ruleHostOf(dr);
    return host === undefined ? [] : [{ host, namespace: dr.namespace }];
};
