/**
 * destinationrule.CredentialSecretExists with the credentialName forms Istio reads: `kubernetes://name`
 * (the rule's namespace), `kubernetes-gateway://ns/name` (another namespace), `kubernetes-gateway://name`,
 * and schemes that are not Secrets at all.
 */
import { gatewayCredentialSecretExists as rule } from "../../analyze/rules/gateway-credential-secret-exists";
import { runGrid } from "./grid";

const destinationRule = (name: string, namespace: string, credentialName: string) => `
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: ${name}, namespace: ${namespace} }
spec: { host: a.example.com, trafficPolicy: { tls: { mode: MUTUAL, credentialName: "${credentialName}" } } }
---`;
const secret = (name: string, namespace: string) => `
apiVersion: v1
kind: Secret
metadata: { name: ${name}, namespace: ${namespace} }
type: kubernetes.io/tls
---`;
const EGRESS = "istio-federation-egress";

describe("destinationrule.CredentialSecretExists: credentialName schemes", () => {
    runGrid([
        {
            name: "kubernetes://name is the Secret name in the rule's namespace",
            rule,
            planned: [
                destinationRule("explicit-found", EGRESS, "kubernetes://federation-egress-cluster2"),
                destinationRule("explicit-missing", EGRESS, "kubernetes://federation-egress-cluster3"),
                destinationRule("explicit-elsewhere", "bookinfo", "kubernetes://federation-egress-cluster2"),
                secret("federation-egress-cluster2", EGRESS),
            ].join(""),
            expected: [
                ["MF0103", `DestinationRule ${EGRESS}/explicit-missing`],
                ["MF0103", "DestinationRule bookinfo/explicit-elsewhere"],
            ],
        },
        {
            name: "kubernetes-gateway://ns/name looks in ns, kubernetes-gateway://name in the rule's namespace",
            rule,
            planned: [
                destinationRule("other-ns-found", "bookinfo", `kubernetes-gateway://${EGRESS}/federation-egress-cluster2`),
                destinationRule("other-ns-missing", "bookinfo", "kubernetes-gateway://istio-system/federation-egress-cluster2"),
                destinationRule("no-ns-found", EGRESS, "kubernetes-gateway://federation-egress-cluster2"),
                destinationRule("no-ns-missing", "bookinfo", "kubernetes-gateway://federation-egress-cluster2"),
                secret("federation-egress-cluster2", EGRESS),
            ].join(""),
            expected: [
                ["MF0103", "DestinationRule bookinfo/other-ns-missing"],
                ["MF0103", "DestinationRule bookinfo/no-ns-missing"],
            ],
        },
        {
            name: "a credential that is not a Kubernetes Secret is not looked up",
            rule,
            planned: [destinationRule("sds", EGRESS, "sds://spiffe-federation"), destinationRule("file", EGRESS, "file://etc/certs/federation")].join(""),
            expected: [],
        },
    ]);
});
