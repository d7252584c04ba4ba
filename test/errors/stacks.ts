/**
 * The stacks every catalogue case starts from: two clusters federating one way (cluster2 exports reviews v2
 * to cluster1, which imports it through its egress gateway), a shared-root mesh of east and west, west calling
 * east through east's cross-network gateway, and east the primary of a remote, south. Each case
 * edits a copy, writes the stack files and plans the stack it broke, with the others planned as before.
 */
const CA_PEM_PLACEHOLDER = "filled in by the catalogue test from a real CA";

export type Stacks = Record<string, Record<string, any>>;

/** `meshfed:offline`: a Service the cluster already runs, for an export to name. */
const runs = (name: string, namespace: string, port: number) => ({
    clusterObjects: [{ apiVersion: "v1", kind: "Service", metadata: { name, namespace }, spec: { ports: [{ name: "http", port }], selector: { app: name } } }],
});

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
        "west-ca-request": {
            "meshfed:cluster": { name: "west" },
            "meshfed:caRequest": { meshId: "mesh1", network: "network2" },
        },
        "mesh-root": {
            "meshfed:meshRoot": { meshId: "mesh1", clusters: { east: { stack: "east-ca-request" }, west: { stack: "west-ca-request" } } },
        },
        "east-mesh": {
            "meshfed:cluster": { name: "east" },
            "meshfed:mesh": { caRequestStack: "east-ca-request", rootStack: "mesh-root" },
        },
        "west-mesh": {
            "meshfed:cluster": { name: "west" },
            "meshfed:mesh": { caRequestStack: "west-ca-request", rootStack: "mesh-root", istio: false },
        },
        // Replicated control planes: west calls reviews through east's cross-network gateway.
        "east-network": {
            "meshfed:cluster": { name: "east" },
            "meshfed:networkGateway": {
                meshStack: "east-mesh",
                gateway: { cloud: "gcp" },
                exports: [{ service: { name: "reviews", namespace: "bookinfo", port: 9080 }, subsets: [{ name: "v2", labels: { version: "v2" } }], consumers: ["west"] }],
            },
            "meshfed:offline": runs("reviews", "bookinfo", 9080),
        },
        "west-network-imports": {
            "meshfed:cluster": { name: "west" },
            "meshfed:networkImports": { meshStack: "west-mesh", peers: { east: { stack: "east-network" } }, imports: [{ peer: "east", service: { name: "reviews", namespace: "bookinfo" } }] },
        },
        // One control plane across networks: east's istiod serves south, a remote on network3.
        "east-primary": {
            "meshfed:cluster": { name: "east" },
            "meshfed:primary": { meshStack: "east-mesh", gateway: { cloud: "gcp" }, exports: [{ service: { name: "helloworld", namespace: "sample", port: 5000 }, consumers: ["south"] }] },
            "meshfed:offline": runs("helloworld", "sample", 5000),
        },
        "south-remote": {
            "meshfed:cluster": { name: "south" },
            "meshfed:remote": { primaryStack: "east-primary", network: "network3", apiServer: "https://10.20.0.2:443", gateway: { cloud: "gcp" } },
        },
        "east-remotes": {
            "meshfed:cluster": { name: "east" },
            "meshfed:primaryRemotes": { primaryStack: "east-primary", clusters: { south: { stack: "south-remote" } } },
        },
    });
}

export { CA_PEM_PLACEHOLDER };
