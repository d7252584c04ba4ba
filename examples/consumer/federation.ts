/**
 * Two clusters federated by one program: cluster2 exports bookinfo's reviews to cluster1, which imports it
 * through its egress gateway. Each cluster gets meshfed's identity stack and federation stack as components;
 * each side's contract is an Output of the other side's resources (its CA, its ingress address), handed over
 * directly: no StackReference.
 */
import * as pulumi from "@pulumi/pulumi";
import { Cluster, FederationStack, IdentityStack, resolveExports, resolveImports } from "meshfed";

export const INGRESS_NAMESPACE = "istio-federation-ingress";
export const EGRESS_NAMESPACE = "istio-federation-egress";
/** Pinned, as a DNS name fronting the load balancer would be: also what lets the program plan offline. */
export const CLUSTER2_ADDRESS = "192.0.2.20";

const trust = (host: string) => ({ hosts: [host], ca: {}, certificates: {}, sidecarCredentialNamespaces: [] });

export function federation() {
    const config = new pulumi.Config();
    const cluster1 = new Cluster("cluster1", { name: "cluster1", kubeconfig: config.requireSecret("cluster1Kubeconfig") });
    const cluster2 = new Cluster("cluster2", { name: "cluster2", kubeconfig: config.requireSecret("cluster2Kubeconfig") });

    // Identities first: each publishes a contract and reads nothing.
    const exported = resolveExports("exports", [{ service: { name: "reviews", namespace: "bookinfo", port: 9080 }, exportAs: { name: "reviews-v2" }, consumers: ["cluster1"] }], "cluster2");
    const identity2 = new IdentityStack("cluster2", {
        provider: cluster2.provider,
        clusterName: "cluster2",
        trust: trust("c2.example.com"),
        gateways: { ingress: { namespace: INGRESS_NAMESPACE, cloud: "aws", address: { ip: CLUSTER2_ADDRESS } } },
        exports: exported,
    });
    const identity1 = new IdentityStack("cluster1", {
        provider: cluster1.provider,
        clusterName: "cluster1",
        trust: trust("c1.example.com"),
        gateways: { egress: { namespace: EGRESS_NAMESPACE, peers: ["cluster2"] } },
    });

    // Then federation: each side reads the other's contract.
    new FederationStack("cluster2", {
        provider: cluster2.provider,
        clusterName: "cluster2",
        gateways: identity2.gateways,
        exposing: { self: identity2.contract, exports: identity2.exports },
        peers: { cluster1: identity1.contract },
    });
    const federation1 = new FederationStack("cluster1", {
        provider: cluster1.provider,
        clusterName: "cluster1",
        gateways: identity1.gateways,
        peers: { cluster2: identity2.contract },
        imports: resolveImports("imports", [{ peer: "cluster2", service: { name: "reviews-v2", namespace: "bookinfo" }, as: { name: "reviews", namespace: "bookinfo", port: 9080 } }]),
    });
    return { cluster2Address: identity2.ingress?.address, cluster1Imports: federation1.imports };
}
