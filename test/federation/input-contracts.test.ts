/**
 * Contracts given as Outputs (a program that creates both clusters): the same resources, with the same
 * contents once known, as the same contracts given as plain values; and a contract that does not export
 * what is imported fails the plan naming it, once its value is known.
 */
import { expect } from "chai";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { FederationContract, ReachableContract } from "../../components/federation/contract";
import { resolveExports } from "../../components/federation/export-specs";
import { federationContract } from "../../components/federation/federation-contract";
import { resolveImports } from "../../components/federation/import-specs";
import { ServiceExports } from "../../components/federation/service-exports";
import { ServiceImports } from "../../components/federation/service-imports";
import { FederationTrust } from "../../components/trust/federation-trust";
import { IngressGateway } from "../../components/gateway/ingress-gateway";
import { ResourceRecord } from "../../engine/records";
import { StackPlan } from "../../engine/run-stack";
import { planProgram, rejectionOf } from "../support/plan";
import { objectOf } from "../support/records";

const EGRESS_NS = "istio-federation-egress";
const INGRESS_NS = "istio-federation-ingress";
const pem = (body: string) => `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`;
const reviewsV2 = { name: "reviews-v2", namespace: "bookinfo", pathPrefix: "/bookinfo/reviews-v2/", consumers: ["cluster1"] };
const cluster2: ReachableContract = {
    version: 1, cluster: "cluster2", host: "c2.example.com", address: { ip: "192.0.2.7" }, port: 15443, caCertPem: pem("QzJD"), services: [reviewsV2],
};
const cluster1: ReachableContract = {
    version: 1, cluster: "cluster1", host: "c1.example.com", address: { ip: "192.0.2.1" }, port: 15443, caCertPem: pem("QzFD"), services: [],
};
const imports = resolveImports("imports", [
    { peer: "cluster2", service: { name: "reviews-v2", namespace: "bookinfo" }, as: { name: "reviews", namespace: "default", port: 9080 } },
]);
const exported = resolveExports("exports", [{ service: { name: "reviews", namespace: "bookinfo", port: 9080 }, exportAs: { name: "reviews-v2" }, consumers: ["cluster1"] }], "cluster2");

/** cluster1 importing from cluster2, and cluster2 exporting to cluster1: the contracts as plain values or as Outputs. */
function federation(asOutputs: boolean) {
    const wrap = <C extends FederationContract>(c: C) => (asOutputs ? pulumi.output(c) : c);
    return () => {
        const provider1 = new k8s.Provider("cluster1", { kubeconfig: "stand-in" });
        const provider2 = new k8s.Provider("cluster2", { kubeconfig: "stand-in" });
        new ServiceImports("cluster1-imports", {
            provider: provider1,
            clusterName: "cluster1",
            imports,
            peers: { cluster2: wrap(cluster2) },
            egress: { namespace: EGRESS_NS, credentials: { cluster2: "federation-egress-cluster2" } },
        });
        new ServiceExports("cluster2-exports", { provider: provider2, namespace: INGRESS_NS, self: wrap(cluster2), exports: exported, consumers: { cluster1: wrap(cluster1) } });
    };
}

/** What each resource is and holds: its dependencies aside, which Outputs add (the contract's own). */
const registered = (plan: StackPlan) => plan.records.map(({ type, name, parent, provider, inputs }: ResourceRecord) => ({ type, name, parent, provider, inputs }));

describe("contracts given as Outputs", () => {
    it("register the same resources with the same contents as plain contracts", async () => {
        const plain = await planProgram(federation(false));
        const outputs = await planProgram(federation(true));

        expect(registered(outputs)).to.deep.equal(registered(plain));
        expect(objectOf(outputs, "ServiceEntry", "peer-cluster2", EGRESS_NS).spec).to.deep.include({ endpoints: [{ address: "192.0.2.7" }], hosts: ["c2.example.com"] });
    });

    describe("a peer created by the same program", () => {
        let plan: StackPlan;
        let peer: ReachableContract;
        before(async () => {
            plan = await planProgram(() => {
                const provider1 = new k8s.Provider("cluster1", { kubeconfig: "stand-in" });
                const provider2 = new k8s.Provider("cluster2", { kubeconfig: "stand-in" });
                const trust = new FederationTrust("cluster2-trust", { provider: provider2, clusterName: "cluster2", hosts: ["c2.example.com"], ingressNamespace: INGRESS_NS });
                const ingress = new IngressGateway("cluster2-ingress", {
                    provider: provider2, namespace: INGRESS_NS, dependsOn: [trust.ingressCredential!], cloud: "aws", address: { ip: "192.0.2.7" },
                });
                const contract = federationContract({ cluster: "cluster2", trust, ingress, exports: exported });
                contract.apply((c) => (peer = c));
                new ServiceImports("cluster1-imports", {
                    provider: provider1,
                    clusterName: "cluster1",
                    imports,
                    peers: { cluster2: contract },
                    egress: { namespace: EGRESS_NS, credentials: { cluster2: "federation-egress-cluster2" } },
                });
            });
        });

        it("dials its pinned address on its federation port", () => {
            expect(peer.address).to.deep.equal({ ip: "192.0.2.7" });
            expect(objectOf(plan, "ServiceEntry", "peer-cluster2", EGRESS_NS).spec).to.deep.include({
                endpoints: [{ address: "192.0.2.7" }], ports: [{ number: 15443, name: "https-federation", protocol: "HTTPS" }], resolution: "STATIC",
            });
        });

        it("trusts its CA, as its FederationTrust issued it, beside the credential that calls it", () => {
            expect(peer.caCertPem).to.match(/^-----BEGIN CERTIFICATE-----/);
            expect(objectOf(plan, "Secret", "federation-egress-cluster2-cacert", EGRESS_NS).stringData).to.deep.equal({ "ca.crt": peer.caCertPem });
        });

        it("routes the import to the path prefix it exports", () => {
            const vs = objectOf(plan, "VirtualService", "peer-cluster2", EGRESS_NS) as any;
            expect(vs.spec.http.map((h: any) => h.rewrite.uri)).to.deep.equal(["/bookinfo/reviews-v2/"]);
        });
    });

    /** Why planning cluster1's imports fails with cluster2's contract given as an Output. */
    const refusalWith = (contract: FederationContract, credentials: Record<string, string> = { cluster2: "federation-egress-cluster2" }) =>
        rejectionOf(
            planProgram(() => {
                new ServiceImports("cluster1-imports", {
                    provider: new k8s.Provider("cluster1", { kubeconfig: "stand-in" }),
                    clusterName: "cluster1",
                    imports,
                    peers: { cluster2: pulumi.output(contract) },
                    egress: { namespace: EGRESS_NS, credentials },
                });
            }),
        );

    it("fail the plan, naming the peer and the service, when the peer does not export what is imported", async () => {
        const message = await refusalWith({ ...cluster2, services: [{ ...reviewsV2, consumers: ["cluster3"] }] });
        expect(message).to.include("ServiceImportsArgs.peers.cluster2");
        expect(message).to.include('"bookinfo/reviews-v2"');
        expect(message).to.include("cluster2 exports it only to cluster3, not to cluster1");
    });

    it("fail the plan, naming the peer, when its contract is of another cluster", async () => {
        // Credentials for both names, so the objects are built and found to differ from those planned.
        const message = await refusalWith({ ...cluster2, cluster: "cluster9" }, { cluster2: "federation-egress-cluster2", cluster9: "federation-egress-cluster9" });
        expect(message).to.include("ServiceImportsArgs.peers.cluster2");
        expect(message).to.include("no DestinationRule istio-federation-egress/peer-cluster2");
        expect(message).to.include("an unexpected DestinationRule istio-federation-egress/peer-cluster9");
    });
});
