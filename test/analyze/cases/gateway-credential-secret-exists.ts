import { gatewayCredentialSecretExists as rule } from "../../../analyze/rules/gateway-credential-secret-exists";
import type { GridCase } from "../grid";

const secret = (name: string, namespace: string) => `
apiVersion: v1
kind: Secret
metadata: { name: ${name}, namespace: ${namespace} }
type: kubernetes.io/tls`;

export const credentialSecretCases: GridCase[] = [
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
