import { destinationHostKnown as rule } from "../../../analyze/rules/destination-host-known";
import type { GridCase } from "../grid";

const ruleFor = (name: string, namespace: string, host: string) => `
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: ${name}, namespace: ${namespace} }
spec: { host: "${host}" }`;

const service = (name: string, namespace: string) => `
apiVersion: v1
kind: Service
metadata: { name: ${name}, namespace: ${namespace} }`;

const serviceEntry = (name: string, namespace: string, hosts: string[], extra = "") => `
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: { name: ${name}, namespace: ${namespace} }
spec: { hosts: [${hosts.map((h) => `"${h}"`).join(", ")}]${extra} }`;

export const hostKnownCases: GridCase[] = [
    {
        name: "a short host names a Service in the referring object's namespace",
        rule,
        planned: `# quiet: bookinfo/reviews is known${ruleFor("reviews", "bookinfo", "reviews")}
--- # fires: "reviews" from istio-private-gateways is istio-private-gateways/reviews${ruleFor("reviews", "istio-private-gateways", "reviews")}
`,
        existing: service("reviews", "bookinfo"),
        expected: [["MF0104", "DestinationRule istio-private-gateways/reviews"]],
    },
    {
        name: "a Service is known by name.namespace, name.namespace.svc and its FQDN",
        rule,
        planned: `# quiet${ruleFor("qualified", "istio-private-gateways", "myreviews.bookinfo")}
--- # quiet${ruleFor("svc", "istio-private-gateways", "myreviews.bookinfo.svc")}
--- # quiet${ruleFor("fqdn", "istio-private-gateways", "myreviews.bookinfo.svc.cluster.local")}
--- # quiet: an FQDN ending in a root dot${ruleFor("fqdn-dot", "istio-private-gateways", "MyReviews.bookinfo.svc.cluster.local.")}
--- # fires: no such Service in bookinfo${ruleFor("typo", "istio-private-gateways", "myreview.bookinfo.svc.cluster.local")}`,
        existing: `# quiet: the application's own Service, as the stack declares it${service("myreviews", "bookinfo")}`,
        expected: [["MF0104", "DestinationRule istio-private-gateways/typo"]],
    },
    {
        name: "a Service the plan itself creates is known",
        rule,
        planned: `# quiet${ruleFor("vip", "bookinfo", "reviews-remote.bookinfo.svc.cluster.local")}
---${service("reviews-remote", "bookinfo")}`,
        expected: [],
    },
    {
        name: "ServiceEntry hosts are known, wildcards included; other external hosts are not",
        rule,
        planned: `# quiet: exact host${ruleFor("exact", "bookinfo", "reviews.remote.global")}
--- # quiet: covered by *.example.com${ruleFor("wildcard", "bookinfo", "api.eu.example.com")}
--- # quiet: a wildcard DestinationRule host within a wildcard ServiceEntry${ruleFor("wildcard-rule", "bookinfo", "*.eu.example.com")}
--- # fires: nothing declares example.org${ruleFor("external", "bookinfo", "api.example.org")}
--- # fires: *.example.com does not cover example.com itself${ruleFor("apex", "bookinfo", "example.com")}
---${serviceEntry("remote", "istio-private-gateways", ["reviews.remote.global", "*.example.com"])}`,
        expected: [
            ["MF0104", "DestinationRule bookinfo/external"],
            ["MF0104", "DestinationRule bookinfo/apex"],
        ],
    },
    {
        name: "a ServiceEntry exported only to its own namespace is not seen from another",
        rule,
        planned: `# fires: the entry is private to istio-private-gateways${ruleFor("remote", "bookinfo", "reviews.remote.global")}
--- # quiet: same namespace as the entry${ruleFor("remote", "istio-private-gateways", "reviews.remote.global")}
--- # quiet: exported to bookinfo by name${ruleFor("ratings", "bookinfo", "ratings.remote.global")}
---${serviceEntry("reviews", "istio-private-gateways", ["reviews.remote.global"], ', exportTo: ["."]')}
---${serviceEntry("ratings", "istio-private-gateways", ["ratings.remote.global"], ", exportTo: [bookinfo]")}`,
        expected: [["MF0104", "DestinationRule bookinfo/remote"]],
    },
    {
        name: "a wildcard DestinationRule host is known when it covers a Service",
        rule,
        planned: `# fires: no Service ratings in bookinfo${ruleFor("ratings", "bookinfo", "ratings")}
--- # quiet: covers bookinfo/reviews${ruleFor("all", "bookinfo", "*.bookinfo.svc.cluster.local")}
--- # fires: covers nothing${ruleFor("nothing", "bookinfo", "*.nowhere.svc.cluster.local")}`,
        existing: `# quiet: an existing rule with an unknown host is not ours to report${ruleFor("legacy", "bookinfo", "gone")}
---${service("reviews", "bookinfo")}`,
        expected: [
            ["MF0104", "DestinationRule bookinfo/ratings"],
            ["MF0104", "DestinationRule bookinfo/nothing"],
        ],
    },
];
