/** One cluster, north, as its identity and federation stacks are given in tests: intent, as a user writes it. */
import { ReachableContract } from "../../components/federation/contract";
import { FederationStackArgs } from "../../components/stacks/federation-stack";
import { IdentityStackArgs } from "../../components/stacks/identity-stack";

export const pem = (body: string) => `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`;

/** A reachable contract of `cluster`, its gateway at 192.0.2.`n`, with a stand-in CA certificate of its own. */
export const contract = (cluster: string, n: number, services: ReachableContract["services"] = []): ReachableContract => ({
    version: 1,
    cluster,
    host: `${cluster}.example.com`,
    address: { ip: `192.0.2.${n}` },
    port: 15443,
    caCertPem: pem(`Qz${n}D`),
    services,
});

/** The gateways as an identity stack publishes them, with the default namespaces. */
export const PUBLISHED_INGRESS = {
    namespace: "istio-federation-ingress",
    releaseName: "istio-private-ingressgateway",
    serviceHost: "istio-private-ingressgateway.istio-federation-ingress.svc.cluster.local",
    selector: { istio: "private-ingressgateway" },
    port: 15443,
    credentialName: "federation-ingress",
};
export const PUBLISHED_EGRESS = {
    namespace: "istio-federation-egress",
    releaseName: "istio-private-egressgateway",
    serviceHost: "istio-private-egressgateway.istio-federation-egress.svc.cluster.local",
    selector: { istio: "private-egressgateway" },
};
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
        ingress: PUBLISHED_INGRESS,
        egress: { ...PUBLISHED_EGRESS, credentials: { south: "federation-egress-south" } },
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
