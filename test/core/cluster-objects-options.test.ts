/**
 * ClusterObjects, the escape hatch for objects meshfed does not model, takes its provider as a resource
 * option like every component (see test/support/component-options.ts); it checks its objects itself.
 */
import { expect } from "chai";
import * as k8s from "@pulumi/kubernetes";
import { ClusterObjects } from "../../components/cluster/cluster-objects";
import { describeComponentOptions } from "../support/component-options";
import { planProgram } from "../support/plan";

describeComponentOptions({
    type: "ClusterObjects",
    Component: ClusterObjects,
    args: {
        objects: [
            { apiVersion: "security.istio.io/v1", kind: "PeerAuthentication", metadata: { name: "default", namespace: "istio-system" }, spec: { mtls: { mode: "STRICT" } } },
            { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "notes", namespace: "default" }, data: { a: "b" } },
        ],
    },
});

describe("ClusterObjects waits for its dependsOn resource option", () => {
    it("applies each object after what the component depends on, e.g. the namespace the objects go in", async () => {
        const plan = await planProgram(() => {
            const provider = new k8s.Provider("north", { kubeconfig: "stand-in" });
            const namespace = new k8s.core.v1.Namespace("shop", { metadata: { name: "shop" } }, { provider });
            new ClusterObjects("extra", { objects: [{ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "notes", namespace: "shop" } }] }, { provider, dependsOn: [namespace] });
        });
        const urnOf = (name: string) => plan.records.find((r) => r.name === name)!.urn;
        const objects = plan.records.filter((r) => r.type === "kubernetes:core/v1:ConfigMap");
        expect(objects.map((o) => o.dependencies)).to.deep.equal([[urnOf("shop")]]);
    });
});
