/**
 * Two clusters federated by one program: cluster2 exports bookinfo's reviews to cluster1, which imports it
 * through its egress gateway. Each cluster gets meshfed's identity stack and federation stack as components;
 * each side's contract is an Output of the other side's resources (its CA, its ingress address), handed over
 * directly: no StackReference. Each component gets its cluster's provider as a resource option, and takes
 * the specs as written: it checks them itself, before it registers anything.
 */
import * as pulumi from "@pulumi/pulumi";
import { Cluster, FederationStack, IdentityStack } from "meshfed";

export const INGRESS_NAMESPACE = "istio-federation-ingress";
export const EGRESS_NAMESPACE = "istio-federation-egress";
/** Pinned, as a DNS name fronting the load balancer would be: also what lets the program plan offline. */
export const CLUSTER2_ADDRESS = "192.0.2.20";

export function federation() {
    const config = new pulumi.Config();
    const cluster1 = new Cluster("cluster1", { name: "cluster1", kubeconfig: config.requireSecret("cluster1Kubeconfig") });
    const cluster2 = new Cluster("cluster2", { name: "cluster2", kubeconfig: config.requireSecret("cluster2Kubeconfig") });

    // Identities first: each publishes a contract and reads nothing.
    const identity2 = new IdentityStack(
        "cluster2",
        {
            clusterName: "cluster2",
            trust: { hosts: ["c2.example.com"] },
            gateways: { ingress: { namespace: INGRESS_NAMESPACE, cloud: "aws", address: { ip: CLUSTER2_ADDRESS } } },
            exports: [{ service: { name: "reviews", namespace: "bookinfo", port: 9080 }, exportAs: { name: "reviews-v2" }, consumers: ["cluster1"] }],
        },
        { provider: cluster2.provider },
    );
    const identity1 = new IdentityStack(
        "cluster1",
        { clusterName: "cluster1", trust: { hosts: ["c1.example.com"] }, gateways: { egress: { namespace: EGRESS_NAMESPACE, peers: ["cluster2"] } } },
        { provider: cluster1.provider },
    );

    // Then federation: each side reads the other's contract.
    new FederationStack(
        "cluster2",
        { clusterName: "cluster2", gateways: identity2.gateways, exposing: { self: identity2.contract, exports: identity2.exports }, peers: { cluster1: identity1.contract } },
        { provider: cluster2.provider },
    );
    const federation1 = new FederationStack(
        "cluster1",
        {
            clusterName: "cluster1",
            gateways: identity1.gateways,
            peers: { cluster2: identity2.contract },
            imports: [{ peer: "cluster2", service: { name: "reviews-v2", namespace: "bookinfo" }, as: { name: "reviews", namespace: "bookinfo", port: 9080 } }],
        },
        { provider: cluster1.provider },
    );
    return { cluster2Address: identity2.ingress?.address, cluster1Imports: federation1.imports };
}
