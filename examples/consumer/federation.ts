/**
 * Two clusters federated by one program: cluster2 exports bookinfo's reviews to cluster1, which imports it
 * through its egress gateway. Each side's contract is an Output of the other side's resources (its CA from
 * its FederationTrust, its address from its IngressGateway), handed over directly: no StackReference.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Cluster, EgressGateway, federationContract, FederationTrust, IngressGateway, resolveExports, resolveImports, ServiceExports, ServiceImports } from "meshfed";

export const INGRESS_NAMESPACE = "istio-federation-ingress";
export const EGRESS_NAMESPACE = "istio-federation-egress";
/** Pinned, as a DNS name fronting the load balancer would be: also what lets the program plan offline. */
export const CLUSTER2_ADDRESS = "192.0.2.20";

function namespace(cluster: Cluster, name: string): k8s.core.v1.Namespace {
    return new k8s.core.v1.Namespace(`${cluster.clusterName}-${name}`, { metadata: { name } }, { provider: cluster.provider });
}

export function federation() {
    const config = new pulumi.Config();
    const cluster1 = new Cluster("cluster1", { name: "cluster1", kubeconfig: config.requireSecret("cluster1Kubeconfig") });
    const cluster2 = new Cluster("cluster2", { name: "cluster2", kubeconfig: config.requireSecret("cluster2Kubeconfig") });

    // cluster2 exposes: its trust, its ingress gateway at a pinned address, its exports.
    const ingressNamespace = namespace(cluster2, INGRESS_NAMESPACE);
    const trust2 = new FederationTrust("cluster2-trust", {
        provider: cluster2.provider, clusterName: "cluster2", hosts: ["c2.example.com"], ingressNamespace: ingressNamespace.metadata.name,
    });
    const ingress2 = new IngressGateway("cluster2-ingress", {
        provider: cluster2.provider,
        namespace: INGRESS_NAMESPACE,
        dependsOn: [ingressNamespace, ...(trust2.ingressCredential ? [trust2.ingressCredential] : [])],
        cloud: "aws",
        address: { ip: CLUSTER2_ADDRESS },
    });
    const exported = resolveExports("exports", [{ service: { name: "reviews", namespace: "bookinfo", port: 9080 }, exportAs: { name: "reviews-v2" }, consumers: ["cluster1"] }], "cluster2");

    // cluster1 consumes: its trust with a client credential towards cluster2, its egress gateway.
    const egressNamespace = namespace(cluster1, EGRESS_NAMESPACE);
    const trust1 = new FederationTrust("cluster1-trust", {
        provider: cluster1.provider, clusterName: "cluster1", hosts: ["c1.example.com"], egress: { namespace: egressNamespace.metadata.name, peers: ["cluster2"] },
    });
    new EgressGateway("cluster1-egress", {
        provider: cluster1.provider, namespace: EGRESS_NAMESPACE, dependsOn: [egressNamespace, ...Object.values(trust1.egressCredentials)],
    });

    const contract1 = federationContract({ cluster: "cluster1", trust: trust1 });
    const contract2 = federationContract({ cluster: "cluster2", trust: trust2, ingress: ingress2, exports: exported });
    new ServiceExports("cluster2-exports", { provider: cluster2.provider, namespace: INGRESS_NAMESPACE, self: contract2, exports: exported, consumers: { cluster1: contract1 } });
    const imports = new ServiceImports("cluster1-imports", {
        provider: cluster1.provider,
        clusterName: "cluster1",
        imports: resolveImports("imports", [{ peer: "cluster2", service: { name: "reviews-v2", namespace: "bookinfo" }, as: { name: "reviews", namespace: "bookinfo", port: 9080 } }]),
        peers: { cluster2: contract2 },
        egress: { namespace: EGRESS_NAMESPACE, credentials: { cluster2: trust1.egressCredentials.cluster2.credentialName } },
    });
    return { cluster2Address: ingress2.address, cluster1Origins: imports.origins };
}
