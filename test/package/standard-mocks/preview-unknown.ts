/**
 * Run as a child process by test/package/standard-mocks.test.ts: a preview (Pulumi's standard mocks with
 * dryRun) of a program whose peer contract is unknown, because the peer's ingress gateway has no address
 * yet. Prints every resource registered under ServiceImports: all of them, though none can be filled in.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

const registered: string[] = [];
pulumi.runtime.setMocks(
    {
        newResource: (args: pulumi.runtime.MockResourceArgs) => {
            registered.push(`${args.type} ${args.name}`);
            return { id: args.name + "_id", state: args.inputs };
        },
        call: (args: pulumi.runtime.MockCallArgs) => args.inputs,
    },
    "project",
    "stack",
    true,
);

// eslint-disable-next-line @typescript-eslint/no-require-imports
const meshfed: typeof import("../../../components") = require("../../../components");
const provider1 = new k8s.Provider("cluster1", { kubeconfig: "stand-in" });
const provider2 = new k8s.Provider("cluster2", { kubeconfig: "stand-in" });
const trust = new meshfed.FederationTrust("cluster2-trust", { provider: provider2, clusterName: "cluster2", hosts: ["c2.example.com"], ingressNamespace: "istio-federation-ingress" });
// No pinned address: in a preview, the load balancer's is unknown.
const ingress = new meshfed.IngressGateway("cluster2-ingress", { provider: provider2, namespace: "istio-federation-ingress", cloud: "aws" });
const exports_ = meshfed.resolveExports("exports", [{ service: { name: "reviews", namespace: "bookinfo", port: 9080 }, exportAs: { name: "reviews-v2" }, consumers: ["cluster1"] }], "cluster2");
new meshfed.ServiceImports("imports", {
    provider: provider1,
    clusterName: "cluster1",
    imports: meshfed.resolveImports("imports", [{ peer: "cluster2", service: { name: "reviews-v2", namespace: "bookinfo" }, as: { name: "reviews", namespace: "bookinfo", port: 9080 } }]),
    peers: { cluster2: meshfed.federationContract({ cluster: "cluster2", trust, ingress, exports: exports_ }) },
    egress: { namespace: "istio-federation-egress", credentials: { cluster2: "federation-egress-cluster2" } },
});
// Once the program has registered everything (beforeExit comes again after each print: print once).
let printed = false;
process.on("beforeExit", () => {
    if (printed) return;
    printed = true;
    console.log(registered.filter((r) => r.includes(" imports-")).sort().join("\n"));
});
