/**
 * The three shared-root stack configs as read: what each passes on, and every refusal naming the full
 * config key, the value and what is allowed.
 */
import { expect } from "chai";
import { InputError } from "../../components/core/input-error";
import { meshStackKind, readCaRequestSettings, readMeshMemberSettings, readMeshRootSettings } from "../../program/mesh-settings";
import { resolveCaRequestPlan } from "../../program/ca-request-stack";
import { resolveMeshMember } from "../../program/mesh-stack";
import { CaRequestContract, MeshRootContract } from "../../components/mesh/mesh-contracts";

/** The InputError `read` throws. */
function refusal(read: () => unknown): InputError {
    try {
        read();
    } catch (err) {
        expect(err).to.be.instanceOf(InputError);
        return err as InputError;
    }
    throw new Error("expected a refusal, but the config was accepted");
}

const expectRefused = (read: () => unknown, path: string, value: unknown, allowed: string) => {
    const e = refusal(read);
    expect(e.path).to.equal(path);
    expect(e.value).to.deep.equal(value);
    expect(e.allowed).to.include(allowed);
};

const root = (extra: Record<string, unknown> = {}) => ({ meshId: "mesh1", clusters: { east: { stack: "east-ca-request" } }, ...extra });
const request = (extra: Record<string, unknown> = {}) => ({ meshId: "mesh1", network: "network1", ...extra });
const member = (extra: Record<string, unknown> = {}) => ({ caRequestStack: "east-ca-request", rootStack: "mesh-root", ...extra });

describe("shared-root stack kinds", () => {
    it("takes a mesh-root stack holding only meshfed:meshRoot (and the offline keys) for a root stack", () => {
        expect(meshStackKind({ "meshfed:meshRoot": "{}" })).to.equal("meshRoot");
        expect(meshStackKind({ "meshfed:meshRoot": "{}", "meshfed:kubeconfig": "k", "meshfed:offline": "{}" })).to.equal("meshRoot");
        expect(meshStackKind({ "meshfed:caRequest": "{}", "meshfed:cluster": "{}", "meshfed:objects": "[]" })).to.equal("caRequest");
    });

    it("refuses cluster keys in the root stack, which deploys to no cluster, naming what it may hold", () => {
        expectRefused(() => meshStackKind({ "meshfed:meshRoot": "{}", "meshfed:objects": "[]" }), "meshfed:objects", "(set)", "meshfed:meshRoot, meshfed:kubeconfig, meshfed:offline");
        expect(refusal(() => meshStackKind({ "meshfed:caRequest": "{}", "meshfed:mesh": "{}" })).allowed).to.include("references run one way (<cluster>-ca-request → mesh-root → <cluster>-mesh)");
    });
});

describe("meshfed:meshRoot as read", () => {
    it("passes on the mesh ID, the root and intermediate settings, every member and the rollover", () => {
        const s = readMeshRootSettings(
            root({
                ca: { rotation: "r1" },
                intermediates: { validityHours: 100 },
                clusters: { east: { stack: "org/p/east-ca-request" }, west: { stack: "west-ca-request" } },
                rollover: { phase: "reissue", next: { rotation: "r2" } },
            }),
        );
        expect(s).to.deep.equal({
            meshId: "mesh1",
            ca: { rotation: "r1" },
            intermediates: { validityHours: 100 },
            clusters: { east: { stack: "org/p/east-ca-request" }, west: { stack: "west-ca-request" } },
            rollover: { phase: "reissue", next: { rotation: "r2" } },
        });
        expect(readMeshRootSettings(root())).to.deep.equal({ meshId: "mesh1", ca: undefined, intermediates: undefined, clusters: { east: { stack: "east-ca-request" } }, rollover: undefined });
    });

    const cases: [string, Record<string, unknown>, string, unknown, string][] = [
        ["a root with no member", root({ clusters: {} }), "meshfed:meshRoot.clusters", {}, "list at least one member: <cluster>: { stack: <its CA-request stack> }"],
        ["clusters that are not a map", root({ clusters: ["east"] }), "meshfed:meshRoot.clusters", ["east"], "expected an object"],
        ["a member named no DNS label", root({ clusters: { East: { stack: "e" } } }), "meshfed:meshRoot.clusters.East", "East", "DNS-1123 label"],
        ["a member that is not a map", root({ clusters: { east: "east-ca-request" } }), "meshfed:meshRoot.clusters.east", "east-ca-request", "expected an object"],
        ["an unknown member setting", root({ clusters: { east: { stack: "e", network: "n" } } }), "meshfed:meshRoot.clusters.east.network", "n", "known settings at meshfed:meshRoot.clusters.east: stack"],
        ["a member without its stack", root({ clusters: { east: {} } }), "meshfed:meshRoot.clusters.east.stack", undefined, "non-empty string"],
        ["a mesh ID that is no DNS label", root({ meshId: "Mesh_1" }), "meshfed:meshRoot.meshId", "Mesh_1", "DNS-1123 label"],
        ["a root CA that is not a map", root({ ca: "r1" }), "meshfed:meshRoot.ca", "r1", "expected an object"],
        ["intermediates that are not a map", root({ intermediates: 100 }), "meshfed:meshRoot.intermediates", 100, "expected an object"],
        ["a rollover that is not a map", root({ rollover: "add-new" }), "meshfed:meshRoot.rollover", "add-new", "expected an object"],
        ["an unknown rollover setting", root({ rollover: { phase: "add-new", next: {}, when: "now" } }), "meshfed:meshRoot.rollover.when", "now", "known settings at meshfed:meshRoot.rollover: phase, next"],
        ["an unknown rollover phase", root({ rollover: { phase: "rotate", next: {} } }), "meshfed:meshRoot.rollover.phase", "rotate", "allowed: add-new, reissue, remove-old"],
        ["a rollover without the new root", root({ rollover: { phase: "add-new" } }), "meshfed:meshRoot.rollover.next", undefined, "expected an object"],
    ];
    for (const [what, raw, path, value, allowed] of cases) {
        it(`refuses ${what}, naming ${path}`, () => expectRefused(() => readMeshRootSettings(raw), path, value, allowed));
    }
});

/** `meshfed:caRequest` as the stack resolves it: the reader, then IntermediateCaRequest's resolver, naming the key. */
const readCaRequest = (raw: unknown) => resolveCaRequestPlan("east", readCaRequestSettings(raw));

describe("meshfed:caRequest as read", () => {
    it("creates the key Secret in istio-system unless told another namespace, and names the intermediate after the cluster", () => {
        const { settings, request: resolved } = readCaRequest(request());
        expect(settings).to.deep.include({ meshId: "mesh1", network: "network1", namespace: "istio-system" });
        expect(resolved.value.subject.commonName).to.equal("east intermediate CA");
        expect(readCaRequest(request({ namespace: "mesh-ca" })).settings.namespace).to.equal("mesh-ca");
    });

    const cases: [string, Record<string, unknown>, string, unknown, string][] = [
        ["an unknown setting", request({ cluster: "east" }), "meshfed:caRequest.cluster", "east", "known settings at meshfed:caRequest: meshId, network, namespace, ca"],
        ["a mesh ID that is no DNS label", request({ meshId: "" }), "meshfed:caRequest.meshId", "", "non-empty string"],
        ["a network that is no DNS label", request({ network: "Network 1" }), "meshfed:caRequest.network", "Network 1", "DNS-1123 label"],
        ["a namespace that is no DNS label", request({ namespace: "istio.system" }), "meshfed:caRequest.namespace", "istio.system", "DNS-1123 label"],
        ["a CA setting the intermediate's request cannot take", request({ ca: { validityHours: 100 } }), "meshfed:caRequest.ca.validityHours", 100, "known settings at meshfed:caRequest.ca: algorithm, subject, protect, rotation"],
        // The stack puts these beside the CA settings in IntermediateCaRequest's args: set here, they would be dropped.
        ["the cluster's name among the CA settings", request({ ca: { clusterName: "west" } }), "meshfed:caRequest.ca.clusterName", "west", "known settings at meshfed:caRequest.ca: algorithm, subject, protect, rotation"],
        ["a namespace among the CA settings", request({ ca: { namespace: "mesh-ca" } }), "meshfed:caRequest.ca.namespace", "mesh-ca", "known settings at meshfed:caRequest.ca: algorithm, subject, protect, rotation"],
    ];
    for (const [what, raw, path, value, allowed] of cases) {
        it(`refuses ${what}, naming ${path}`, () => expectRefused(() => readCaRequest(raw), path, value, allowed));
    }
});

/** `meshfed:mesh` as the stack resolves it, with east's CA request and mesh1's root as read from their stacks. */
const resolved = (raw: unknown) => {
    const root: MeshRootContract = { version: 1, meshId: "mesh1", rootCertPem: "roots", intermediates: { east: { certPem: "c", certChainPem: "cc" } } };
    const request: CaRequestContract = { version: 1, cluster: "east", meshId: "mesh1", network: "net-east", certRequestPem: "csr", publicKeyPem: "pk", keySecret: { namespace: "istio-system", name: "meshfed-ca-key" } };
    return resolveMeshMember("east", readMeshMemberSettings(raw), { request, root, intermediate: root.intermediates.east });
};

describe("meshfed:mesh as read", () => {
    it("installs Istio with meshfed's defaults when istio is absent or true, and leaves it to the user when false", () => {
        expect(readMeshMemberSettings(member())).to.deep.equal({ caRequestStack: "east-ca-request", rootStack: "mesh-root", istio: {} });
        expect(readMeshMemberSettings(member({ istio: true })).istio).to.deep.equal({});
        expect(readMeshMemberSettings(member({ istio: false })).istio).to.equal(undefined);
    });

    it("passes on the chart source and extra values of both charts", () => {
        const chart = { version: "1.29.0", repository: "https://charts.example.com/istio" };
        expect(readMeshMemberSettings(member({ istio: { chart } })).istio).to.deep.equal({ chart, values: undefined });
        const values = { base: { defaultRevision: "" }, istiod: { pilot: { autoscaleEnabled: false } } };
        expect(readMeshMemberSettings(member({ istio: { values } })).istio).to.deep.equal({ chart: undefined, values });
        expect(readMeshMemberSettings(member({ istio: { chart: { version: "1.29.0" } } })).istio!.chart).to.deep.equal({ version: "1.29.0" });
        expect(resolved(member({ istio: { chart: { version: "1.29.0" } } })).istio!.value.chart).to.deep.equal({ version: "1.29.0", repository: "https://istio-release.storage.googleapis.com/charts" });
    });

    it("refuses a value istiod's chart does not declare, naming the full key, and what the chart declares beside it", () => {
        const e = refusal(() => readMeshMemberSettings(member({ istio: { values: { istiod: { pilot: { envv: {} } } } } })));
        expect(e.path).to.equal("meshfed:mesh.istio.values.istiod.pilot.envv");
        expect(e.value).to.equal("(set)");
        expect(e.allowed).to.match(/^the istiod chart declares no such value and Helm would silently ignore it; declared beside it: (\w+, )+\w+$/);
        expect(e.allowed).to.include(", env,");
    });

    const cases: [string, Record<string, unknown>, string, unknown, string][] = [
        ["istio that is neither a map nor true/false", member({ istio: "1.29" }), "meshfed:mesh.istio", "1.29", "expected an object"],
        ["an unknown istio setting", member({ istio: { profile: "demo" } }), "meshfed:mesh.istio.profile", "demo", "known settings at meshfed:mesh.istio: chart, values"],
        ["values that are not a map", member({ istio: { values: [] } }), "meshfed:mesh.istio.values", [], "expected an object"],
        ["values for another chart", member({ istio: { values: { gateway: {} } } }), "meshfed:mesh.istio.values.gateway", {}, "known settings at meshfed:mesh.istio.values: base, istiod"],
        ["a chart's values that are not a map", member({ istio: { values: { base: true } } }), "meshfed:mesh.istio.values.base", true, "expected an object"],
        ["a missing CA-request stack", member({ caRequestStack: undefined }), "meshfed:mesh.caRequestStack", undefined, "non-empty string"],
        ["an empty root stack", member({ rootStack: "" }), "meshfed:mesh.rootStack", "", "non-empty string"],
    ];
    for (const [what, raw, path, value, allowed] of cases) {
        it(`refuses ${what}, naming ${path}`, () => expectRefused(() => readMeshMemberSettings(raw), path, value, allowed));
    }

    // The chart source is IstioControlPlane's to check, once, when the stack resolves its args (before anything registers).
    const chartCases: [string, Record<string, unknown>, string, unknown, string][] = [
        ["a chart that is not a map", member({ istio: { chart: "1.29.0" } }), "meshfed:mesh.istio.chart", "1.29.0", "expected an object"],
        ["an unknown chart setting", member({ istio: { chart: { name: "istiod" } } }), "meshfed:mesh.istio.chart.name", "istiod", "known settings at meshfed:mesh.istio.chart: version, repository"],
        ["a chart version YAML reads as a number", member({ istio: { chart: { version: 1.29 } } }), "meshfed:mesh.istio.chart.version", 1.29, "expected a chart version such as 1.30.3"],
        ["a chart version that is no version", member({ istio: { chart: { version: "latest" } } }), "meshfed:mesh.istio.chart.version", "latest", "expected a chart version such as 1.30.3"],
        ["an empty chart repository", member({ istio: { chart: { repository: "" } } }), "meshfed:mesh.istio.chart.repository", "", "non-empty string"],
    ];
    for (const [what, raw, path, value, allowed] of chartCases) {
        it(`refuses ${what}, naming ${path}`, () => expectRefused(() => resolved(raw), path, value, allowed));
    }
});
