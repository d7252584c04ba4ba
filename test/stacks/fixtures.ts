/** One cluster, north, as its identity and federation stacks are given in tests: intent, as a user writes it. */
import { FederationStackArgs } from "../../components/stacks/federation-stack";
import { IdentityStackArgs } from "../../components/stacks/identity-stack";

export const pem = (body: string) => `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`;
export const IDENTITY: IdentityStackArgs = {
    clusterName: "north",
    trust: { hosts: ["north.example.com"] },
    gateways: {
        ingress: { namespace: "istio-federation-ingress", cloud: "gcp", address: { ip: "192.0.2.1" } },
        egress: { namespace: "istio-federation-egress", peers: ["south"] },
    },
    exports: [{ service: { name: "reviews", namespace: "bookinfo", port: 9080 }, consumers: ["south"] }],
};
export const FEDERATION: FederationStackArgs = {
    clusterName: "north",
    gateways: {
        sidecarCredentials: {},
        ingress: {
            namespace: "istio-federation-ingress",
            releaseName: "istio-private-ingressgateway",
            serviceHost: "istio-private-ingressgateway.istio-federation-ingress.svc.cluster.local",
            selector: { istio: "private-ingressgateway" },
            port: 15443,
            credentialName: "federation-ingress",
        },
        egress: {
            namespace: "istio-federation-egress",
            releaseName: "istio-private-egressgateway",
            serviceHost: "istio-private-egressgateway.istio-federation-egress.svc.cluster.local",
            selector: { istio: "private-egressgateway" },
            credentials: { south: "federation-egress-south" },
        },
    },
    exposing: {
        self: { version: 1, cluster: "north", host: "north.example.com", address: { ip: "192.0.2.1" }, port: 15443, caCertPem: pem("Tm9ydGg="), services: [] },
        exports: [{ service: { name: "reviews", namespace: "bookinfo", port: 9080 }, consumers: ["south"] }],
    },
    peers: {
        south: {
            version: 1,
            cluster: "south",
            host: "south.example.com",
            address: { ip: "192.0.2.2" },
            port: 15443,
            caCertPem: pem("U291dGg="),
            services: [{ name: "ratings", namespace: "bookinfo", pathPrefix: "/bookinfo/ratings/", consumers: ["north"] }],
        },
    },
    imports: [{ peer: "south", service: { name: "ratings", namespace: "bookinfo" }, as: { name: "ratings", namespace: "bookinfo", port: 9080 } }],
};
