/**
 * The stacks every catalogue case starts from: two clusters federating one way (cluster2 exports reviews v2
 * to cluster1, which imports it through its egress gateway) and a shared-root mesh of one cluster. Each case
 * edits a copy, writes the stack files and plans the stack it broke, with the others planned as before.
 */
const CA_PEM_PLACEHOLDER = "filled in by the catalogue test from a real CA";

export type Stacks = Record<string, Record<string, any>>;

export function baseStacks(): Stacks {
    return structuredClone({
        cluster1: {
            "meshfed:cluster": { name: "cluster1" },
            "meshfed:trust": { federationHost: "c1.example.com" },
            "meshfed:gateways": { egress: { peers: ["cluster2"] } },
        },
        cluster2: {
            "meshfed:cluster": { name: "cluster2" },
            "meshfed:trust": { federationHost: "c2.example.com" },
            "meshfed:gateways": { ingress: { cloud: "gcp" } },
            "meshfed:exports": [
                {
                    service: { name: "reviews", namespace: "bookinfo", port: 9080 },
                    subset: { name: "v2", labels: { version: "v2" } },
                    exportAs: { name: "reviews-v2" },
                    consumers: ["cluster1"],
                },
            ],
        },
        "cluster1-federation": {
            "meshfed:cluster": { name: "cluster1" },
            "meshfed:federation": {
                identityStack: "cluster1",
                peers: { cluster2: { stack: "cluster2" } },
                imports: [{ peer: "cluster2", service: { name: "reviews-v2", namespace: "bookinfo" }, as: { name: "reviews-remote", namespace: "default", port: 9080 } }],
            },
        },
        "cluster2-federation": {
            "meshfed:cluster": { name: "cluster2" },
            "meshfed:federation": { identityStack: "cluster2", peers: { cluster1: { stack: "cluster1" } } },
            "meshfed:offline": {
                clusterObjects: [
                    { apiVersion: "v1", kind: "Service", metadata: { name: "reviews", namespace: "bookinfo" }, spec: { ports: [{ name: "http", port: 9080 }], selector: { app: "reviews" } } },
                ],
            },
        },
        "east-ca-request": {
            "meshfed:cluster": { name: "east" },
            "meshfed:caRequest": { meshId: "mesh1", network: "network1" },
        },
        "mesh-root": {
            "meshfed:meshRoot": { meshId: "mesh1", clusters: { east: { stack: "east-ca-request" } } },
        },
        "east-mesh": {
            "meshfed:cluster": { name: "east" },
            "meshfed:mesh": { caRequestStack: "east-ca-request", rootStack: "mesh-root" },
        },
    });
}

export { CA_PEM_PLACEHOLDER };
