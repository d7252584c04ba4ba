import { virtualServiceSubsetDefined as rule } from "../../../analyze/rules/virtualservice-subset-defined";
import type { GridCase } from "../grid";

/** A VirtualService in `namespace` routing to `host` subset `subset`. */
const routeTo = (name: string, namespace: string, host: string, subset: string) => `
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: ${name}, namespace: ${namespace} }
spec: { http: [{ route: [{ destination: { host: ${host}, subset: ${subset} } }] }] }`;

/** A DestinationRule in `namespace` for `host` with the given subsets and extra spec fields. */
const rule_ = (name: string, namespace: string, host: string, subsets: string[], extra = "") => `
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: ${name}, namespace: ${namespace} }
spec: { host: "${host}", subsets: [${subsets.map((s) => `{ name: ${s} }`).join(", ")}]${extra} }`;

export const subsetDefinedCases: GridCase[] = [
    {
        name: "a subset defined by a DestinationRule for the same host in the same namespace is fine",
        rule,
        planned: `# quiet${routeTo("reviews", "bookinfo", "reviews", "v2")}
---${rule_("reviews", "bookinfo", "reviews", ["v1", "v2"])}`,
        expected: [],
    },
    {
        name: "a subset defined only in a DestinationRule for another host is reported",
        rule,
        planned: `# fires: v2 is defined for ratings, not reviews${routeTo("reviews", "bookinfo", "reviews", "v2")}
---${rule_("ratings", "bookinfo", "ratings", ["v2"])}`,
        expected: [["MF0102", "VirtualService bookinfo/reviews"]],
    },
    {
        name: "a subset the host's DestinationRule does not define is reported, as is one with no DestinationRule at all",
        rule,
        planned: `# fires: the rule for reviews has v1 only${routeTo("reviews", "bookinfo", "reviews", "v3")}
--- # fires: nothing defines subsets of details${routeTo("details", "bookinfo", "details", "v1")}
---${rule_("reviews", "bookinfo", "reviews", ["v1"])}`,
        expected: [
            ["MF0102", "VirtualService bookinfo/reviews"],
            ["MF0102", "VirtualService bookinfo/details"],
        ],
    },
    {
        name: "a DestinationRule in the service's namespace, exported by default, defines subsets for other namespaces",
        rule,
        planned: `# quiet: FQDN in the route, short name in the rule${routeTo("reviews", "istio-private-gateways", "reviews.bookinfo.svc.cluster.local", "v1")}
--- # quiet: the ns-qualified form names the same Service${routeTo("reviews-short", "istio-private-gateways", "reviews.bookinfo", "v1")}
---${rule_("reviews", "bookinfo", "reviews", ["v1"])}`,
        expected: [],
    },
    {
        name: "a DestinationRule exported only to its own namespace is not seen from another; one exported to it is",
        rule,
        planned: `# fires: the rule for reviews is private to bookinfo${routeTo("reviews", "istio-private-gateways", "reviews.bookinfo.svc.cluster.local", "v1")}
--- # quiet: the rule for ratings is exported to this namespace${routeTo("ratings", "istio-private-gateways", "ratings.bookinfo.svc.cluster.local", "v1")}
---${rule_("reviews", "bookinfo", "reviews", ["v1"], ', exportTo: ["."]')}
---${rule_("ratings", "bookinfo", "ratings", ["v1"], ", exportTo: [istio-private-gateways]")}`,
        expected: [["MF0102", "VirtualService istio-private-gateways/reviews"]],
    },
    {
        name: "short hosts are read in the namespace of the object that writes them",
        rule,
        planned: `# fires: "reviews" here is reviews.bookinfo, the rule's "reviews" is reviews.other${routeTo("reviews", "bookinfo", "reviews", "v1")}
---${rule_("reviews", "other", "reviews", ["v1"])}`,
        expected: [["MF0102", "VirtualService bookinfo/reviews"]],
    },
    {
        name: "subsets of tls and tcp routes and of mirrors are checked",
        rule,
        planned: `
# fires: the mirror's subset v9 is not defined
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: mirror, namespace: bookinfo }
spec: { http: [{ route: [{ destination: { host: reviews, subset: v1 } }], mirror: { host: reviews, subset: v9 } }] }
---
# fires: a mirrors[] subset is not defined
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: mirrors, namespace: bookinfo }
spec: { http: [{ route: [{ destination: { host: reviews } }], mirrors: [{ destination: { host: reviews, subset: v9 } }] }] }
---
# fires: a tls route subset is not defined
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: tls, namespace: bookinfo }
spec: { tls: [{ match: [{ sniHosts: [reviews] }], route: [{ destination: { host: reviews, subset: v9 } }] }] }
---
# fires: a tcp route subset is not defined
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: tcp, namespace: bookinfo }
spec: { tcp: [{ route: [{ destination: { host: reviews, subset: v9 } }] }] }
---
# quiet: defined subsets in every position
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: fine, namespace: bookinfo }
spec:
  http: [{ route: [{ destination: { host: reviews, subset: v1 } }], mirror: { host: reviews, subset: v1 } }]
  tcp: [{ route: [{ destination: { host: reviews, subset: v1 } }] }]
---${rule_("reviews", "bookinfo", "reviews", ["v1"])}`,
        expected: [
            ["MF0102", "VirtualService bookinfo/mirror"],
            ["MF0102", "VirtualService bookinfo/mirrors"],
            ["MF0102", "VirtualService bookinfo/tls"],
            ["MF0102", "VirtualService bookinfo/tcp"],
        ],
    },
    {
        name: "a wildcard DestinationRule host and a ServiceEntry host define subsets too",
        rule,
        planned: `# quiet: *.bookinfo.svc.cluster.local covers reviews${routeTo("reviews", "bookinfo", "reviews", "v1")}
--- # quiet: an external host with its own rule${routeTo("api", "bookinfo", "api.example.com", "eu")}
---${rule_("all-bookinfo", "bookinfo", "*.bookinfo.svc.cluster.local", ["v1"])}
---${rule_("api", "bookinfo", "api.example.com", ["eu"])}`,
        expected: [],
    },
    {
        name: "an existing DestinationRule of the application defines subsets",
        rule,
        planned: `# quiet: v2 is in the application's rule${routeTo("reviews", "bookinfo", "reviews", "v2")}`,
        existing: `# quiet: not analysed${rule_("reviews", "bookinfo", "reviews.bookinfo.svc.cluster.local", ["v1", "v2"])}`,
        expected: [],
    },
];
