import { gatewayCredentialSecretExists as rule } from "../../../analyze/rules/gateway-credential-secret-exists";
import type { GridCase } from "../grid";

const secret = (name: string, namespace: string) => `
apiVersion: v1
kind: Secret
metadata: { name: ${name}, namespace: ${namespace} }
type: kubernetes.io/tls`;

/** A Gateway in `namespace` with one server whose tls is `tls` (flow YAML). */
const gateway = (name: string, namespace: string, tls: string) => `
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: { name: ${name}, namespace: ${namespace} }
spec: { servers: [{ port: { number: 15443, name: tls, protocol: TLS }, hosts: ["*"], tls: ${tls} }] }`;

export const credentialSecretCases: GridCase[] = [
    {
        name: "a Gateway whose credential Secret is in the Gateway's namespace is fine",
        rule,
        planned: `# quiet${gateway("federation", "istio-private-gateways", "{ mode: MUTUAL, credentialName: federation-ingress }")}
--- # quiet: the explicit kubernetes:// form names the same Secret${gateway("explicit", "istio-private-gateways", "{ mode: SIMPLE, credentialName: kubernetes://federation-ingress }")}
--- # quiet: passthrough has no credential${gateway("passthrough", "istio-private-gateways", "{ mode: AUTO_PASSTHROUGH }")}
---${secret("federation-ingress", "istio-private-gateways")}`,
        expected: [],
    },
    {
        name: "a credential Secret in another namespace than the Gateway's is reported",
        rule,
        planned: `# fires: the Secret is in istio-system, the gateway runs in istio-private-gateways${gateway("federation", "istio-private-gateways", "{ mode: MUTUAL, credentialName: federation-ingress }")}
---${secret("federation-ingress", "istio-system")}`,
        expected: [["MF0103", "Gateway istio-private-gateways/federation"]],
    },
    {
        name: "every name of credentialNames must exist",
        rule,
        planned: `# fires: the ECDSA Secret is missing${gateway("federation", "istio-private-gateways", "{ mode: SIMPLE, credentialNames: [federation-rsa, federation-ecdsa] }")}
---${secret("federation-rsa", "istio-private-gateways")}`,
        expected: [["MF0103", "Gateway istio-private-gateways/federation"]],
    },
    {
        name: "a Secret the cluster already has satisfies a credentialName; kubernetes-gateway:// names another namespace",
        rule,
        planned: `# quiet: cert-manager's Secret already exists${gateway("ingress", "bookinfo", "{ mode: SIMPLE, credentialName: bookinfo-cert }")}
--- # quiet: the Secret is where the URL says${gateway("shared", "istio-private-gateways", "{ mode: SIMPLE, credentialName: 'kubernetes-gateway://bookinfo/bookinfo-cert' }")}`,
        existing: secret("bookinfo-cert", "bookinfo"),
        expected: [],
    },
    {
        name: "DestinationRule credentialNames are looked up in the rule's namespace, at every level of traffic policy",
        rule,
        planned: `
# fires: trafficPolicy.tls names a missing Secret
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: top, namespace: istio-private-gateways }
spec: { host: a.example.com, trafficPolicy: { tls: { mode: MUTUAL, credentialName: missing } } }
---
# fires: portLevelSettings[].tls names a missing Secret
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: port-level, namespace: istio-private-gateways }
spec: { host: a.example.com, trafficPolicy: { portLevelSettings: [{ port: { number: 15443 }, tls: { mode: MUTUAL, credentialName: missing } }] } }
---
# fires: a subset's policy names a missing Secret
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: subset, namespace: istio-private-gateways }
spec: { host: a.example.com, subsets: [{ name: eu, trafficPolicy: { portLevelSettings: [{ port: { number: 15443 }, tls: { mode: MUTUAL, credentialName: missing } }] } }] }
---
# fires: the Secret is in the gateway namespace, not the rule's
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: elsewhere, namespace: bookinfo }
spec: { host: a.example.com, trafficPolicy: { tls: { mode: MUTUAL, credentialName: federation-egress } } }
---
# quiet: the Secret is next to the rule
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: fine, namespace: istio-private-gateways }
spec: { host: a.example.com, trafficPolicy: { tls: { mode: MUTUAL, credentialName: federation-egress } }, subsets: [{ name: eu, trafficPolicy: { tls: { mode: ISTIO_MUTUAL } } }] }
---${secret("federation-egress", "istio-private-gateways")}`,
        expected: [
            ["MF0103", "DestinationRule istio-private-gateways/top"],
            ["MF0103", "DestinationRule istio-private-gateways/port-level"],
            ["MF0103", "DestinationRule istio-private-gateways/subset"],
            ["MF0103", "DestinationRule bookinfo/elsewhere"],
        ],
    },
];
