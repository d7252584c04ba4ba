import { expect } from "chai";
import { writeStackPlan } from "../../cli/plan-files";
import { planStack } from "../../engine/run-stack";
import { checkPlan } from "../../validate/check-plan";
import { undeclaredKeys, validateChartKeys, vendoredChartKeys } from "../../validate/chart-keys";
import { buildIstiodValues } from "../../components/mesh/istio-values";
import { readMeshMemberSettings, readMeshRootSettings, meshStackKind } from "../../program/mesh-settings";
import { resolveIntermediateValidity, resolveRootCa } from "../../components/mesh/mesh-ca-specs";
import meshfed from "../../index";
import { rejectionOf, scratchDir, stackConfig } from "../support/plan";

const placement = { meshId: "mesh1", clusterName: "east", network: "network1" };

describe("istio/base and istio/istiod values, checked against the charts' own keys", () => {
    it("accepts every value meshfed sets for istiod (mesh ID, cluster, network, DNS proxying, plugged CA)", () => {
        expect(undeclaredKeys(buildIstiodValues(placement), vendoredChartKeys("istiod"))).to.deep.equal([]);
    });

    it("refuses a misspelt key Helm would silently ignore, naming it and what is declared beside it", () => {
        const [finding] = validateChartKeys("istiod", { global: { meshId: "mesh1" } }, { namespace: "istio-system", name: "istiod" });
        expect(finding).to.include({ object: "HelmRelease istio-system/istiod", path: "values.global.meshId", rule: "chart values keys" });
        expect(finding.message).to.include("meshID");
    });

    it("accepts keys of the shipped profiles and free-form values (meshConfig, env, resources) without checking inside them", () => {
        const values = { profile: "remote", meshConfig: { anything: { at: "all" } }, env: { X: "1" }, resources: { limits: { cpu: "1" } }, global: { remotePilotAddress: "10.0.0.1" } };
        expect(undeclaredKeys(values, vendoredChartKeys("istiod"))).to.deep.equal([]);
        expect(undeclaredKeys({ defaultRevision: "", base: { enableCRDTemplates: true } }, vendoredChartKeys("base"))).to.deep.equal([]);
    });

    it("makes npm run plan refuse an istiod release with an undeclared key", async () => {
        const release = { type: "kubernetes:helm.sh/v3:Release", name: "istiod", urn: "u", custom: true, read: false, inputs: {}, dependencies: [], outputs: { name: "istiod", namespace: "istio-system", chart: "istiod", values: { pilot: { envv: {} } } } };
        const { findings } = await checkPlan([release as never]);
        expect(findings.map((f) => f.path)).to.deep.equal(["values.pilot.envv"]);
    });

    it("refuses extra values in the stack config before anything is created, naming the config key", () => {
        expect(() => readMeshMemberSettings({ caRequestStack: "a", rootStack: "b", istio: { values: { istiod: { global: { meshId: "x" } } } } })).to.throw(
            "meshfed:mesh.istio.values.istiod.global.meshId",
        );
    });
});

describe("shared-root settings", () => {
    it("refuses a root rotation that cannot name the root, and an unknown rollover phase", () => {
        expect(() => resolveRootCa("p", { rotation: "Not_A_Label" }, "mesh1")).to.throw("p.rotation");
        expect(() => readMeshRootSettings({ meshId: "mesh1", clusters: { east: { stack: "e" } }, rollover: { phase: "rotate" } })).to.throw("meshfed:meshRoot.rollover.phase");
    });

    it("refuses intermediates that would outlive their root", () => {
        const root = resolveRootCa("ca", { validityHours: 1000 }, "mesh1");
        expect(() => resolveIntermediateValidity("meshfed:meshRoot.intermediates", { validityHours: 1000 }, [root])).to.throw("meshfed:meshRoot.intermediates.validityHours");
    });

    it("keeps each shared-root stack kind apart from the others and from federation keys", () => {
        expect(() => meshStackKind({ "meshfed:caRequest": "{}", "meshfed:trust": "{}" })).to.throw("meshfed:trust");
        expect(() => meshStackKind({ "meshfed:meshRoot": "{}", "meshfed:cluster": "{}" })).to.throw("meshfed:cluster");
        expect(meshStackKind({ "meshfed:trust": "{}" })).to.equal(undefined);
    });

    it("refuses to install an intermediate the root signed for an older key of the cluster: run mesh-root first", async () => {
        const out = scratchDir();
        const run = async (stack: string, config: Record<string, unknown>) => {
            const secret = "meshfed:kubeconfig" in config ? ["meshfed:kubeconfig"] : [];
            const p = await planStack({ program: meshfed, config: stackConfig(stack, config, secret), outDir: out });
            writeStackPlan(out, p, false);
        };
        const request = (rotation: string) => ({ "meshfed:kubeconfig": "k", "meshfed:cluster": { name: "east" }, "meshfed:caRequest": { meshId: "mesh1", network: "n1", ca: { rotation } } });
        await run("east-ca-request", request("k1"));
        await run("mesh-root", { "meshfed:meshRoot": { meshId: "mesh1", clusters: { east: { stack: "east-ca-request" } } } });
        await run("east-ca-request", request("k2"));
        const message = await rejectionOf(run("east-mesh", { "meshfed:kubeconfig": "k", "meshfed:cluster": { name: "east" }, "meshfed:mesh": { caRequestStack: "east-ca-request", rootStack: "mesh-root" } }));
        expect(message).to.include("meshfed:mesh.rootStack").and.include("run mesh-root again");
    });
});
