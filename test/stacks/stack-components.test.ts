/**
 * IdentityStack and FederationStack as a program of a user's own composes them: what each owns, what each
 * publishes, and the refusal of an exporting cluster whose contract says nowhere to reach it.
 */
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { Cluster, FederationContract, FederationStack, IdentityStack, resolveExports } from "../../components";
import { PlanError, StackPlan } from "../../engine/run-stack";
import { planProgram, rejectionOf } from "../support/plan";
import { outputOf } from "../support/records";
import { PUBLISHED_INGRESS } from "./fixtures";

const trust = (host: string) => ({ hosts: [host], ca: {}, certificates: {}, sidecarCredentialNamespaces: [] });
const cluster = (name: string) => new Cluster(name, { name, kubeconfig: pulumi.secret("stand-in") });
const exported = () => resolveExports("exports", [{ service: { name: "reviews", namespace: "bookinfo", port: 9080 }, consumers: ["cluster1"] }], "cluster2");

describe("IdentityStack and FederationStack in a program of one's own", () => {
    let plan: StackPlan;
    before(async () => {
        plan = await planProgram(() => {
            const c2 = cluster("cluster2");
            const identity = new IdentityStack("cluster2", {
                provider: c2.provider,
                clusterName: "cluster2",
                trust: trust("c2.example.com"),
                gateways: { ingress: { namespace: "fed-in", cloud: "gcp", address: { ip: "192.0.2.20" } } },
                exports: exported(),
            });
            const c1 = cluster("cluster1");
            const consumer = new IdentityStack("cluster1", { provider: c1.provider, clusterName: "cluster1", trust: trust("c1.example.com") });
            const federation = new FederationStack("cluster2", {
                provider: c2.provider,
                clusterName: "cluster2",
                gateways: identity.gateways,
                exposing: { self: identity.contract, exports: identity.exports },
                peers: { cluster1: consumer.contract },
            });
            return { contract: identity.contract, gateways: identity.gateways, exports: federation.exports, consumer: consumer.contract, consumerGateways: consumer.gateways };
        });
    });

    it("publishes the contract peers read: host, pinned address, port, and the export with its consumer", () => {
        const contract = outputOf<FederationContract>(plan, "contract");
        expect({ ...contract, caCertPem: undefined }).to.deep.equal({
            version: 1,
            cluster: "cluster2",
            host: "c2.example.com",
            address: { ip: "192.0.2.20" },
            port: 15443,
            caCertPem: undefined,
            services: [{ name: "reviews", namespace: "bookinfo", pathPrefix: "/bookinfo/reviews/", consumers: ["cluster1"] }],
        });
        expect(contract.caCertPem).to.match(/^-----BEGIN CERTIFICATE-----/);
    });

    it("gives an identity without gateways neither gateway, and a contract with no address", () => {
        expect(outputOf(plan, "consumerGateways")).to.deep.equal({ sidecarCredentials: {} });
        expect(outputOf<FederationContract>(plan, "consumer")).to.not.have.any.keys("address", "port");
        expect(plan.records.filter((r) => r.type.startsWith("meshfed:gateway:")).map((r) => r.name)).to.deep.equal(["cluster2-ingress"]);
    });

    it("owns what the program used to create at the top level: trust, gateways, exports", () => {
        const parentOf = (name: string) => plan.records.find((r) => r.name === name)!.parent?.split("::").slice(2).join("::");
        expect(parentOf("cluster2-trust")).to.equal("meshfed:stacks:IdentityStack::cluster2");
        expect(parentOf("cluster2-ingress")).to.equal("meshfed:stacks:IdentityStack::cluster2");
        expect(parentOf("cluster2-ingress-namespace")).to.equal("meshfed:stacks:IdentityStack::cluster2");
        expect(parentOf("cluster2-exports")).to.equal("meshfed:stacks:FederationStack::cluster2");
    });

    it("describes the export as admitted: cluster1 on its own SNI, with its own CA bundle", () => {
        const [e] = outputOf<{ namespace: string; consumers: unknown[] }[]>(plan, "exports");
        expect(e.namespace).to.equal("fed-in");
        expect(e.consumers).to.deep.equal([{ cluster: "cluster1", host: "c1.example.com", sni: "cluster1.c2.example.com", caBundleName: "federation-ingress-cluster1-cacert" }]);
    });

    it("refuses to export for a contract with no address, naming the Args field, before anything registers", async () => {
        const unreachable: FederationContract = { version: 1, cluster: "cluster2", host: "c2.example.com", caCertPem: "-", services: [] };
        let registered: string[] = [];
        const message = await rejectionOf(
            planProgram(() => {
                const c2 = cluster("cluster2");
                new FederationStack("cluster2", { provider: c2.provider, clusterName: "cluster2", gateways: { sidecarCredentials: {}, ingress: PUBLISHED_INGRESS }, exposing: { self: unreachable, exports: [] } });
            }).catch((err) => {
                registered = err instanceof PlanError ? err.records.filter((r) => r.type.startsWith("meshfed:stacks:")).map((r) => r.type) : [];
                throw err;
            }),
        );
        expect(message).to.include('FederationStackArgs.exposing.self: "cluster2" is not valid; an exporting cluster\'s contract needs its ingress gateway\'s address and port');
        expect(registered).to.deep.equal([]);
    });

    it("refuses to export without the identity's ingress gateway rather than export nothing", async () => {
        const message = await rejectionOf(
            planProgram(() => {
                const c2 = cluster("cluster2");
                const identity = new IdentityStack("cluster2", { provider: c2.provider, clusterName: "cluster2", trust: trust("c2.example.com") });
                new FederationStack("cluster2", { provider: c2.provider, clusterName: "cluster2", gateways: identity.gateways, exposing: { self: identity.contract, exports: exported() } });
            }),
        );
        expect(message).to.include("FederationStackArgs.gateways.ingress: a missing value is not valid; exporting needs the cluster's ingress gateway");
    });
});
