/**
 * Run as a child process by test/package/standard-mocks.test.ts: constructs every public component of
 * `meshfed` with valid Args under Pulumi's standard mocks, as a package user's unit test would. The
 * process must exit 0 (a crash inside the SDK, or an error thrown from an `apply`, exits non-zero).
 * The mocks give no Service a load-balancer address, so gateways pin theirs, as the error without one
 * advises (failing-args.ts checks that error). ReaderToken is in failing-args.ts: the mocks run no
 * Kubernetes token controller, so its Secret never holds the token it publishes.
 */
import "./recipe";
import * as k8s from "@pulumi/kubernetes";
import * as meshfed from "../../../components";

const provider = new k8s.Provider("cluster2", { kubeconfig: "stand-in" });
const contract = (cluster: string, host: string): meshfed.ReachableContract => ({
    version: meshfed.CONTRACT_VERSION,
    cluster,
    host,
    address: { ip: "192.0.2.10" },
    port: 15443,
    // Only the PEM syntax is checked: the body is base64 of "stand-in".
    caCertPem: "-----BEGIN CERTIFICATE-----\nc3RhbmQtaW4=\n-----END CERTIFICATE-----\n",
    services: [{ name: "reviews-v2", namespace: "bookinfo", pathPrefix: "/bookinfo/reviews-v2/", consumers: ["cluster2"] }],
});
const placement = { meshId: "mesh1", clusterName: "cluster2", network: "network2" };
// A pinned address: the mocks' Services never report one.
const pinned = { address: { hostname: "gateway.cluster2.example.com" } };
const networkExports: meshfed.NetworkExportSpec[] = [{ service: { name: "reviews", namespace: "bookinfo", port: 9080 }, consumers: ["cluster1"] }];

const constructed: Record<string, () => unknown> = {
    Cluster: () => new meshfed.Cluster("cluster", { name: "cluster2", kubeconfig: "stand-in" }),
    ClusterObjects: () =>
        new meshfed.ClusterObjects("objects", { provider, objects: [{ apiVersion: "v1", kind: "Namespace", metadata: { name: "bookinfo" } }] }),
    MeshCa: () => new meshfed.MeshCa("mesh-ca", { clusterName: "cluster2" }),
    GatewayCert: () => new meshfed.GatewayCert("cert", { ca: new meshfed.MeshCa("cert-ca", { clusterName: "cluster2" }), dnsNames: ["c2.example.com"], usage: "server" }),
    GatewayCredential: () => {
        const ca = new meshfed.MeshCa("credential-ca", { clusterName: "cluster2" });
        const certificate = new meshfed.GatewayCert("credential-cert", { ca, dnsNames: ["c2.example.com"], usage: "server" });
        return new meshfed.GatewayCredential("credential", { provider, namespace: "istio-federation-ingress", credentialName: "federation-ingress", certificate });
    },
    TrustBundle: () =>
        new meshfed.TrustBundle("bundle", { provider, namespace: "istio-federation-ingress", secretName: "peers-cacert", caCertificates: [contract("cluster1", "c1.example.com").caCertPem] }),
    FederationTrust: () =>
        new meshfed.FederationTrust("trust", {
            provider,
            clusterName: "cluster2",
            hosts: ["c2.example.com"],
            ingressNamespace: "istio-federation-ingress",
            egress: { namespace: "istio-federation-egress", peers: ["cluster1"] },
        }),
    IngressGateway: () => new meshfed.IngressGateway("ingress", { provider, namespace: "istio-federation-ingress", cloud: "aws", ...pinned }),
    EgressGateway: () => new meshfed.EgressGateway("egress", { provider, namespace: "istio-federation-egress" }),
    ServiceExports: () =>
        new meshfed.ServiceExports("exports", {
            provider,
            namespace: "istio-federation-ingress",
            self: contract("cluster2", "c2.example.com"),
            exports: meshfed.resolveExports("exports", [{ service: { name: "reviews", namespace: "bookinfo", port: 9080 }, consumers: ["cluster1"] }], "cluster2"),
            consumers: { cluster1: contract("cluster1", "c1.example.com") },
        }),
    ServiceImports: () =>
        new meshfed.ServiceImports("imports", {
            provider,
            clusterName: "cluster2",
            imports: meshfed.resolveImports("imports", [{ peer: "cluster1", service: { name: "reviews-v2", namespace: "bookinfo" }, as: { name: "reviews-remote", namespace: "bookinfo", port: 9080 } }]),
            peers: { cluster1: contract("cluster1", "c1.example.com") },
            egress: { namespace: "istio-federation-egress", credentials: { cluster1: "federation-egress-cluster1" } },
        }),
    SharedRoot: () => new meshfed.SharedRoot("root", { meshId: "mesh1", requests: { cluster2: new meshfed.IntermediateCaRequest("root-request", { provider, clusterName: "cluster2", namespace: "istio-system" }).certRequestPem } }),
    IntermediateCaRequest: () => new meshfed.IntermediateCaRequest("ca-request", { provider, clusterName: "cluster2", namespace: "istio-system" }),
    PluggedCaCerts: () =>
        new meshfed.PluggedCaCerts("cacerts", {
            provider,
            namespace: "istio-system",
            intermediate: { certPem: "intermediate", certChainPem: "intermediate\nroot" },
            rootCertPem: "root",
        }),
    IstioControlPlane: () => new meshfed.IstioControlPlane("istio", { provider, ...placement }),
    CrossNetworkGateway: () => new meshfed.CrossNetworkGateway("cross-network", { provider, clusterName: "cluster2", network: "network2", exports: networkExports, gateway: { cloud: "aws", ...pinned } }),
    RemoteServices: () =>
        new meshfed.RemoteServices("remote-services", {
            provider,
            clusterName: "cluster2",
            meshId: "mesh1",
            peers: {
                cluster1: {
                    version: 1,
                    cluster: "cluster1",
                    meshId: "mesh1",
                    network: "network1",
                    address: { ip: "192.0.2.20" },
                    port: 15443,
                    services: [{ name: "reviews", namespace: "bookinfo", host: "reviews.bookinfo.svc.cluster.local", port: 9080, protocol: "HTTP", subsets: [], consumers: ["cluster2"] }],
                },
            },
            imports: [{ peer: "cluster1", service: { name: "reviews", namespace: "bookinfo" } }],
        }),
    PrimaryEastWestGateway: () => new meshfed.PrimaryEastWestGateway("east-west", { provider, clusterName: "cluster2", network: "network2", exports: [], gateway: { cloud: "aws", ...pinned } }),
    RemoteControlPlane: () => new meshfed.RemoteControlPlane("remote-istio", { provider, ...placement, primary: { cluster: "cluster1", address: { ip: "192.0.2.30" } } }),
    RemoteEastWestGateway: () => new meshfed.RemoteEastWestGateway("remote-east-west", { provider, network: "network2", namespace: "istio-system", gateway: { cloud: "aws", ...pinned } }),
    RemoteSecret: () =>
        new meshfed.RemoteSecret("remote-secret", {
            provider,
            clusterName: "cluster2",
            access: { version: 1, cluster: "cluster2", server: "https://10.0.0.2:6443", certificateAuthorityData: "Y2E=", token: "token" },
        }),
};

// Each component named on the command line, or all of them.
const only = process.argv.slice(2);
for (const [component, construct] of Object.entries(constructed)) {
    if (only.length > 0 && !only.includes(component)) continue;
    construct();
    console.log(`constructed ${component}`);
}
