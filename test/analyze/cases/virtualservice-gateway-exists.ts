import { virtualServiceGatewayExists as rule } from "../../../analyze/rules/virtualservice-gateway-exists";
import type { GridCase } from "../grid";

const federationGateway = `
# quiet: a referenced Gateway
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: { name: federation, namespace: istio-private-gateways }
`;

export const gatewayExistsCases: GridCase[] = [
    {
        name: "a VirtualService bound to mesh and to an existing Gateway by namespace/name is fine",
        rule,
        planned: `
# quiet: mesh is reserved, the other gateway exists
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: reviews, namespace: bookinfo }
spec: { gateways: [mesh, istio-private-gateways/federation] }
---${federationGateway}`,
        expected: [],
    },
    {
        name: "a gateway named in spec.gateways that does not exist is reported",
        rule,
        planned: `
# fires: istio-private-gateways/cross-network does not exist
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: reviews, namespace: bookinfo }
spec: { gateways: [istio-private-gateways/cross-network] }
---${federationGateway}`,
        expected: [["MF0101", "VirtualService bookinfo/reviews"]],
    },
    {
        name: "a short gateway name means the VirtualService's namespace, not the Gateway's",
        rule,
        planned: `
# fires: "federation" is bookinfo/federation
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: reviews, namespace: bookinfo }
spec: { gateways: [federation] }
---${federationGateway}
---
# quiet: a VirtualService next to its Gateway may use the short name
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: federation, namespace: istio-private-gateways }
spec: { gateways: [federation] }`,
        expected: [["MF0101", "VirtualService bookinfo/reviews"]],
    },
    {
        name: "gateways named in http, tls and tcp route matches are checked too",
        rule,
        planned: `
# fires: http match names a missing gateway
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: by-http, namespace: bookinfo }
spec: { http: [{ match: [{ gateways: [mesh] }, { gateways: [istio-private-gateways/missing] }] }] }
---
# fires: tls match names a missing gateway
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: by-tls, namespace: bookinfo }
spec: { tls: [{ match: [{ sniHosts: [a.example.com], gateways: [missing] }] }] }
---
# fires: tcp match names a missing gateway
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: by-tcp, namespace: bookinfo }
spec: { tcp: [{ match: [{ gateways: [missing] }] }] }
---
# quiet: match gateways that exist
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: fine, namespace: bookinfo }
spec: { http: [{ match: [{ gateways: [istio-private-gateways/federation, mesh] }] }] }
---${federationGateway}`,
        expected: [
            ["MF0101", "VirtualService bookinfo/by-http"],
            ["MF0101", "VirtualService bookinfo/by-tls"],
            ["MF0101", "VirtualService bookinfo/by-tcp"],
        ],
    },
    {
        name: "a Gateway API Gateway of the same name does not satisfy an Istio gateway reference",
        rule,
        planned: `
# fires: only a gateway.networking.k8s.io Gateway has that name
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: reviews, namespace: bookinfo }
spec: { gateways: [istio-private-gateways/federation] }
---
# quiet: not an Istio Gateway, and not a subject of this rule
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: federation, namespace: istio-private-gateways }`,
        expected: [["MF0101", "VirtualService bookinfo/reviews"]],
    },
    {
        name: "an existing Gateway satisfies a reference, and an existing VirtualService is never reported",
        rule,
        planned: `
# quiet: its gateway already exists in the cluster
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: reviews, namespace: bookinfo }
spec: { gateways: [bookinfo/ingress] }`,
        existing: `
# quiet: the application's own Gateway
apiVersion: networking.istio.io/v1beta1
kind: Gateway
metadata: { name: ingress, namespace: bookinfo }
---
# quiet: broken, but not ours
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: legacy, namespace: bookinfo }
spec: { gateways: [missing] }`,
        expected: [],
    },
    {
        name: "objects without a namespace are in default",
        rule,
        planned: `
# quiet: default/ingress exists
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: ok }
spec: { gateways: [ingress] }
---
# fires: default/egress does not exist
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: broken }
spec: { gateways: [egress] }
---
# quiet: a Gateway without a namespace
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: { name: ingress }`,
        expected: [["MF0101", "VirtualService default/broken"]],
    },
];
