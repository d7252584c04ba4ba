/**
 * How plain objects become resources: built-in kinds as their typed resources (so the provider waits for
 * their readiness), the rest as CustomResources; names stable per kind, namespace and name; state kept
 * through an alias when a namespace was renamed; and ClusterObjects refusing a malformed object, by index,
 * before anything registers.
 */
import { expect } from "chai";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { applyObjects } from "../../components/cluster/apply-objects";
import { ClusterObjects, resolveKubeObjects } from "../../components/cluster/cluster-objects";
import { NamedKubeObject } from "../../components/core/kube-object";
import { ResourceRecord } from "../../engine/records";
import { StackPlan } from "../../engine/run-stack";
import { planProgram, rejectionOf } from "../support/plan";
import { formerNames, renamed } from "../federation/strength-records";

const obj = (apiVersion: string, kind: string, name: string, namespace?: string, more: Record<string, unknown> = {}): NamedKubeObject =>
    ({ apiVersion, kind, metadata: { name, ...(namespace ? { namespace } : {}) }, ...more }) as NamedKubeObject;

const EXTRA: NamedKubeObject[] = [
    obj("v1", "Namespace", "bookinfo"),
    obj("v1", "Service", "reviews", "bookinfo", { spec: { ports: [{ name: "http", port: 9080 }], selector: { app: "reviews" } } }),
    obj("v1", "ConfigMap", "settings", "bookinfo", { data: { mode: "strict" } }),
    obj("v1", "Secret", "token", "bookinfo", { stringData: { token: "t" } }),
    obj("rbac.authorization.k8s.io/v1", "Role", "reader", "bookinfo", { rules: [] }),
    obj("rbac.authorization.k8s.io/v1", "RoleBinding", "reader", "bookinfo", { roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "reader" }, subjects: [] }),
    obj("security.istio.io/v1", "PeerAuthentication", "default", "istio-system", { spec: { mtls: { mode: "STRICT" } } }),
];

/** The records of resources named `<prefix>-...`, by name. */
const byName = (plan: StackPlan, prefix: string): Record<string, ResourceRecord> =>
    Object.fromEntries(plan.records.filter((r) => r.name.startsWith(`${prefix}-`)).map((r) => [r.name, r]));


describe("applying plain objects as resources", () => {
    let plan: StackPlan;
    before(async () => {
        plan = await planProgram(() => {
            const provider = new k8s.Provider("cluster1", { kubeconfig: "stand-in" });
            new ClusterObjects("extra", { provider, objects: EXTRA });
            const holder = new pulumi.ComponentResource("test:index:Holder", "moved");
            const first = applyObjects("first", [obj("v1", "Secret", "ca", "istio-federation-egress")], { parent: holder, provider });
            applyObjects(
                "moved",
                [
                    obj("networking.istio.io/v1", "DestinationRule", "peer-cluster2", "istio-federation-egress"),
                    obj("v1", "Secret", "kept", "istio-system"),
                    obj("v1", "Secret", "same", "istio-private-gateways"),
                    obj("v1", "Namespace", "istio-federation-egress"),
                ],
                {
                    parent: holder,
                    provider,
                    dependsOn: first,
                    formerNamespaces: { "istio-federation-egress": "istio-private-gateways", "istio-private-gateways": "istio-private-gateways" },
                },
            );
        });
    });

    it("registers built-in kinds as their typed resources and everything else as a CustomResource of its own apiVersion and kind", () => {
        const types = Object.fromEntries(Object.entries(byName(plan, "extra")).map(([name, r]) => [name, r.type]));

        expect(types).to.deep.equal({
            "extra-namespace-bookinfo": "kubernetes:core/v1:Namespace",
            "extra-service-bookinfo-reviews": "kubernetes:core/v1:Service",
            "extra-configmap-bookinfo-settings": "kubernetes:core/v1:ConfigMap",
            "extra-secret-bookinfo-token": "kubernetes:core/v1:Secret",
            "extra-role-bookinfo-reader": "kubernetes:rbac.authorization.k8s.io/v1:Role",
            "extra-rolebinding-bookinfo-reader": "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding",
            "extra-peerauthentication-istio-system-default": "kubernetes:security.istio.io/v1:PeerAuthentication",
        });
    });

    it("hands each object's contents to its resource as given, under the component and its provider", () => {
        const records = byName(plan, "extra");
        const component = plan.records.find((r) => r.type === "meshfed:cluster:ClusterObjects" && r.name === "extra")!;

        expect(records["extra-configmap-bookinfo-settings"].inputs).to.deep.include({ data: { mode: "strict" }, metadata: { name: "settings", namespace: "bookinfo" } });
        expect(records["extra-service-bookinfo-reviews"].inputs).to.deep.include({ spec: { ports: [{ name: "http", port: 9080 }], selector: { app: "reviews" } } });
        expect(records["extra-peerauthentication-istio-system-default"].inputs).to.deep.include({
            apiVersion: "security.istio.io/v1", kind: "PeerAuthentication", spec: { mtls: { mode: "STRICT" } },
        });
        for (const r of Object.values(records)) {
            expect(r.parent, r.name).to.equal(component.urn);
            expect(r.provider, r.name).to.match(/::cluster1::/);
            expect(formerNames(r), r.name).to.deep.equal([]);
        }
    });

    it("keeps an object's state across a namespace rename through an alias of its former name, and only then", () => {
        const records = byName(plan, "moved");

        expect(Object.keys(records).sort()).to.deep.equal([
            "moved-destinationrule-istio-federation-egress-peer-cluster2",
            "moved-namespace-istio-federation-egress",
            "moved-secret-istio-private-gateways-same",
            "moved-secret-istio-system-kept",
        ]);
        const dr = records["moved-destinationrule-istio-federation-egress-peer-cluster2"];
        expect(formerNames(dr)).to.deep.equal([renamed(dr, "moved-destinationrule-istio-private-gateways-peer-cluster2")]);
        expect(formerNames(records["moved-secret-istio-system-kept"])).to.deep.equal([]);
        expect(formerNames(records["moved-secret-istio-private-gateways-same"])).to.deep.equal([]);
        // A cluster-scoped object has no namespace to have moved from.
        expect(formerNames(records["moved-namespace-istio-federation-egress"])).to.deep.equal([]);
    });

    it("makes every object wait for what it depends on", () => {
        const ca = byName(plan, "first")["first-secret-istio-federation-egress-ca"];

        for (const r of Object.values(byName(plan, "moved"))) expect(r.dependencies, r.name).to.include(ca.urn);
        expect(byName(plan, "extra")["extra-secret-bookinfo-token"].dependencies).to.not.include(ca.urn);
    });
});

describe("ClusterObjects refuses a malformed object, naming it by index", () => {
    const good = obj("v1", "ConfigMap", "settings", "bookinfo");
    const refusal = (objects: unknown) => () => resolveKubeObjects("ClusterObjectsArgs.objects", objects);
    const cases: [string, unknown, string][] = [
        ["a map instead of a list", { settings: good }, 'ClusterObjectsArgs.objects: {"settings":{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"settings","namespace":"bookinfo"}}} is not valid; expected a list of Kubernetes objects'],
        ["an object without apiVersion", [good, { kind: "ConfigMap", metadata: { name: "a" } }], "ClusterObjectsArgs.objects[1].apiVersion: a missing value is not valid; expected a non-empty string"],
        ["an object whose kind is a number", [good, { apiVersion: "v1", kind: 3, metadata: { name: "a" } }], "ClusterObjectsArgs.objects[1].kind: 3 is not valid; expected a non-empty string"],
        ["an object without metadata", [{ apiVersion: "v1", kind: "ConfigMap" }], "ClusterObjectsArgs.objects[0].metadata: a missing value is not valid; expected an object (a YAML map)"],
        ["an object without a name", [{ apiVersion: "v1", kind: "ConfigMap", metadata: { namespace: "bookinfo" } }], "ClusterObjectsArgs.objects[0].metadata.name: a missing value is not valid; expected a non-empty string"],
        ["the same object twice", [good, obj("v1", "ConfigMap", "other", "bookinfo"), { ...good, data: { a: "b" } }],
            'ClusterObjectsArgs.objects[2]: "v1/ConfigMap/bookinfo/settings" is not valid; each object may appear once (same apiVersion, kind, namespace and name)'],
    ];
    for (const [what, objects, message] of cases) {
        it(`refuses ${what}`, () => {
            expect(refusal(objects)).to.throw(message);
        });
    }

    it("accepts no objects at all, and the same name in two namespaces or of two kinds", () => {
        expect(resolveKubeObjects("ClusterObjectsArgs.objects", undefined)).to.deep.equal([]);
        const objects = [good, obj("v1", "ConfigMap", "settings", "default"), obj("v1", "Secret", "settings", "bookinfo"), obj("v1", "Namespace", "settings")];
        expect(resolveKubeObjects("ClusterObjectsArgs.objects", objects)).to.deep.equal(objects);
    });

    it("fails the plan of a ClusterObjects with a malformed object, naming its argument", async () => {
        const message = await rejectionOf(
            planProgram(() => {
                new ClusterObjects("extra", { provider: new k8s.Provider("cluster1", { kubeconfig: "stand-in" }), objects: [good, { apiVersion: "v1", metadata: { name: "a" } } as NamedKubeObject] });
            }),
        );
        expect(message).to.include("ClusterObjectsArgs.objects[1].kind: a missing value is not valid; expected a non-empty string");
    });
});
