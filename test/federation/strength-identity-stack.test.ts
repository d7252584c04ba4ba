/**
 * An identity stack's gateway namespaces: one per gateway, labelled as meshfed's, on the cluster's
 * provider; the first of them takes over the single namespace meshfed 0.1 created, whichever gateway the
 * cluster runs.
 */
import { expect } from "chai";
import { StackPlan } from "../../engine/run-stack";
import { planMeshfed } from "../support/plan";
import { objectOf } from "../support/records";
import { formerNames, recordNamed } from "./strength-records";

const identity = (name: string, host: string, gateways: Record<string, unknown>) =>
    planMeshfed({ "meshfed:cluster": { name }, "meshfed:trust": { federationHost: host }, "meshfed:gateways": gateways }, { stack: name });

describe("identity stacks: one namespace per gateway, the first keeping meshfed 0.1's", () => {
    let both: StackPlan;
    let egressOnly: StackPlan;
    before(async () => {
        both = await identity("cluster2", "c2.example.com", { ingress: { cloud: "gcp" }, egress: { peers: ["cluster1"] } });
        egressOnly = await identity("cluster1", "c1.example.com", { egress: { peers: ["cluster2"] } });
    });

    it("creates the ingress and egress namespaces, labelled as meshfed's, on the cluster's provider", () => {
        for (const ns of ["istio-federation-ingress", "istio-federation-egress"]) {
            expect(objectOf(both, "Namespace", ns).metadata.labels).to.deep.equal({ "app.kubernetes.io/managed-by": "meshfed" });
        }
        for (const role of ["ingress", "egress"]) expect(recordNamed(both, `cluster2-${role}-namespace`).provider).to.match(/pulumi:providers:kubernetes::cluster2-k8s::/);
    });

    it("moves meshfed 0.1's gateways namespace to the ingress namespace of a cluster that runs both gateways", () => {
        const ingress = recordNamed(both, "cluster2-ingress-namespace");
        // meshfed 0.1's namespace was a top-level resource; 0.2 moved it under the IdentityStack component.
        expect(formerNames(ingress)).to.deep.equal(["urn:pulumi:cluster2::meshfed::kubernetes:core/v1:Namespace::cluster2-gateways-namespace"]);
        expect(formerNames(recordNamed(both, "cluster2-egress-namespace"))).to.deep.equal([]);
    });

    it("moves it to the egress namespace of a cluster that only consumes, and runs no ingress gateway", () => {
        const egress = recordNamed(egressOnly, "cluster1-egress-namespace");
        expect(formerNames(egress)).to.deep.equal(["urn:pulumi:cluster1::meshfed::kubernetes:core/v1:Namespace::cluster1-gateways-namespace"]);
        expect(egressOnly.records.map((r) => r.name)).to.not.include("cluster1-ingress-namespace");
        expect(egressOnly.outputs).to.not.have.property("ingressAddress");
        expect(egressOnly.records.map((r) => r.type)).to.not.include("meshfed:gateway:IngressGateway");
    });
});
