/**
 * The shared-root components used directly, as a package user composes them in one program: a cluster's
 * CA request, the root signing it during a rollover, the plugged CA and Istio. What each registers, under
 * which parent and provider; refusals name the Args path, the value and what is allowed.
 */
import { expect } from "chai";
import { createPrivateKey, createPublicKey, X509Certificate } from "node:crypto";
import * as k8s from "@pulumi/kubernetes";
import { IntermediateCaRequest, IntermediateCaRequestArgs } from "../../components/mesh/intermediate-ca-request";
import { IstioControlPlane, IstioControlPlaneArgs } from "../../components/mesh/istio-control-plane";
import { CA_CERT_FILES, PluggedCaCerts, pluggedCaValues } from "../../components/mesh/plugged-ca";
import { SharedRoot, SharedRootArgs } from "../../components/mesh/shared-root";
import { certificateBlocks } from "../../components/trust/pem-bundle";
import { helmReleasesOf } from "../../engine/manifests";
import { StackPlan } from "../../engine/run-stack";
import { ResourceRecord } from "../../engine/records";
import { reveal } from "../../engine/secrets";
import { planProgram, rejectionOf } from "../support/plan";
import { objectOf, secretData } from "../support/records";
import { certifiesKey } from "./pki";
import { planRefusal } from "./strength-plan-refusal";

const provider = () => new k8s.Provider("east", { kubeconfig: "stand-in" });
const requestArgs = (rotation = "k1"): Omit<IntermediateCaRequestArgs, "provider"> => ({ clusterName: "east", namespace: "mesh-ca", rotation, protect: true });

const byType = (plan: StackPlan, type: string) => plan.records.filter((r) => r.type === type);
const one = (plan: StackPlan, type: string, name?: string): ResourceRecord => {
    const found = byType(plan, type).filter((r) => name === undefined || r.name === name);
    expect(found, `${type} ${name ?? ""}`).to.have.length(1);
    return found[0];
};
/** The `type name` of each resource directly under `parent`. */
const children = (plan: StackPlan, parent: ResourceRecord) => plan.records.filter((r) => r.parent === parent.urn).map((r) => `${r.type} ${r.name}`).sort();

describe("shared-root components composed in one program", () => {
    let plan: StackPlan;
    let request: IntermediateCaRequest;

    before(async () => {
        plan = await planProgram(() => {
            const east = provider();
            request = new IntermediateCaRequest("east-ca", { provider: east, ...requestArgs() });
            const root = new SharedRoot("mesh1-root", { meshId: "mesh1", ca: { rotation: "r1" }, requests: { east: request.certRequestPem }, rollover: { phase: "reissue", next: { rotation: "r2" } } });
            const cacerts = new PluggedCaCerts("east-cacerts", { provider: east, namespace: "mesh-ca", intermediate: root.intermediates.east, rootCertPem: root.rootCertPem });
            new IstioControlPlane("east-istio", { provider: east, namespace: "mesh-ca", meshId: "mesh1", clusterName: "east", network: "network1", chart: { version: "1.29.0" }, dependsOn: [cacerts.secret] });
            new IstioControlPlane("west-istio", { provider: new k8s.Provider("west", { kubeconfig: "stand-in" }), meshId: "mesh1", clusterName: "west", network: "network2" });
            return { root: root.rootCertPem, phase: root.phase };
        });
    });

    describe("IntermediateCaRequest", () => {
        it("keeps the key in Secret meshfed-ca-key of Istio's namespace on the cluster, protected like the key, and publishes only the request and public key", () => {
            const component = one(plan, "meshfed:mesh:IntermediateCaRequest");
            expect(children(plan, component)).to.deep.equal([
                "kubernetes:core/v1:Secret east-ca-key-secret",
                "random:index/randomId:RandomId east-ca-generation",
                "tls:index/certRequest:CertRequest east-ca-csr",
                "tls:index/privateKey:PrivateKey east-ca-key",
            ]);
            const secret = objectOf(plan, "Secret", "meshfed-ca-key", "mesh-ca");
            expect(secret.type).to.equal("Opaque");
            expect(secret.metadata.labels).to.deep.equal({ "app.kubernetes.io/managed-by": "meshfed" });
            const key = (reveal(secret.stringData) as Record<string, string>)["ca-key.pem"];
            expect(Object.keys(secret.stringData ?? {})).to.deep.equal(["ca-key.pem"]);
            expect(createPublicKey(createPrivateKey(key)).export({ type: "spki", format: "pem" })).to.equal((reveal(component.outputs) as Record<string, string>).publicKeyPem);
            const secretRecord = one(plan, "kubernetes:core/v1:Secret", "east-ca-key-secret");
            expect(secretRecord.provider).to.match(/::east::/);
            expect(secretRecord.protect).to.equal(true);
            expect(one(plan, "tls:index/privateKey:PrivateKey", "east-ca-key").protect).to.equal(true);
            const outputs = reveal(component.outputs) as Record<string, string>;
            expect(Object.keys(outputs).sort()).to.deep.equal(["certRequestPem", "keySecret", "publicKeyPem"]);
            expect(outputs.keySecret).to.deep.equal({ namespace: "mesh-ca", name: "meshfed-ca-key" });
            expect(JSON.stringify(outputs)).not.to.include("PRIVATE KEY");
            expect(outputs.certRequestPem).to.include("-----BEGIN CERTIFICATE REQUEST-----");
            expect(outputs.publicKeyPem).to.include("-----BEGIN PUBLIC KEY-----");
        });

        it("keeps its key across plans while the rotation stays, and makes a new one when the rotation changes", async () => {
            const publicKey = (p: StackPlan) => (reveal(one(p, "meshfed:mesh:IntermediateCaRequest").outputs) as Record<string, string>).publicKeyPem;
            const again = (rotation: string) => planProgram(() => void new IntermediateCaRequest("east-ca", { provider: provider(), ...requestArgs(rotation), protect: false }), { previous: plan.records });
            expect(publicKey(await again("k1"))).to.equal(publicKey(plan));
            expect(publicKey(await again("k2"))).to.not.equal(publicKey(plan));
        });
    });

    describe("SharedRoot in the reissue phase", () => {
        it("keeps both roots under it, each named by its rotation, and signs the cluster's intermediate with the new one", () => {
            const component = one(plan, "meshfed:mesh:SharedRoot");
            expect(children(plan, component)).to.deep.equal(["meshfed:trust:MeshCa mesh1-root-r1", "meshfed:trust:MeshCa mesh1-root-r2", "tls:index/locallySignedCert:LocallySignedCert mesh1-root-east-r2"]);
        });

        it("publishes both roots as root-cert.pem and the intermediate followed by the new root, as the component's outputs", () => {
            const outputs = reveal(one(plan, "meshfed:mesh:SharedRoot").outputs) as { rootCertPem: string; intermediates: Record<string, { certPem: string; certChainPem: string }> };
            const roots = certificateBlocks("roots", outputs.rootCertPem).map((p) => new X509Certificate(p).subject);
            expect(roots).to.have.length(2);
            expect(roots[0]).to.include("CN=mesh1 root CA r1");
            expect(roots[1]).to.include("CN=mesh1 root CA r2");
            const [intermediate, signer] = certificateBlocks("chain", outputs.intermediates.east.certChainPem);
            expect(intermediate).to.equal(certificateBlocks("cert", outputs.intermediates.east.certPem)[0]);
            expect(new X509Certificate(signer).subject).to.include("CN=mesh1 root CA r2");
            expect(certifiesKey(intermediate, (reveal(one(plan, "meshfed:mesh:IntermediateCaRequest").outputs) as Record<string, string>).publicKeyPem)).to.equal(true);
            expect(plan.outputs.phase).to.equal("reissue");
        });
    });

    it("PluggedCaCerts writes the signed intermediate and the roots to meshfed-cacerts beside the key, on the cluster", () => {
        const files = secretData(plan, "meshfed-cacerts");
        const rootOutputs = reveal(one(plan, "meshfed:mesh:SharedRoot").outputs) as { rootCertPem: string; intermediates: Record<string, { certPem: string; certChainPem: string }> };
        expect(files).to.deep.equal({ [CA_CERT_FILES.cert]: rootOutputs.intermediates.east.certPem, [CA_CERT_FILES.chain]: rootOutputs.intermediates.east.certChainPem, [CA_CERT_FILES.root]: rootOutputs.rootCertPem });
        const secret = objectOf(plan, "Secret", "meshfed-cacerts", "mesh-ca");
        expect(secret.type).to.equal("Opaque");
        expect(secret.metadata.labels).to.deep.equal({ "app.kubernetes.io/managed-by": "meshfed" });
        const record = one(plan, "kubernetes:core/v1:Secret", "east-cacerts-secret");
        expect(record.parent).to.equal(one(plan, "meshfed:mesh:PluggedCaCerts").urn);
        expect(record.provider).to.match(/::east::/);
    });

    describe("IstioControlPlane", () => {
        const releases = (cluster: string) => Object.fromEntries(helmReleasesOf(plan.records).filter((r) => r.record.name.startsWith(`${cluster}-`)).map((r) => [r.chart, r]));

        it("installs istio-base and istiod from the chart version asked for, from istio-release, into the existing namespace given", () => {
            const r = releases("east");
            expect(Object.keys(r).sort()).to.deep.equal(["base", "istiod"]);
            for (const [chart, name] of [["base", "istio-base"], ["istiod", "istiod"]]) {
                expect(r[chart], chart).to.deep.include({ name, namespace: "mesh-ca", version: "1.29.0" });
                const inputs = r[chart].record.inputs as any;
                expect(inputs.createNamespace, chart).to.equal(false);
                expect(inputs.repositoryOpts, chart).to.deep.equal({ repo: "https://istio-release.storage.googleapis.com/charts" });
                expect(r[chart].record.name).to.equal(`east-istio-${chart}`);
                expect(r[chart].record.provider).to.match(/::east::/);
            }
        });

        it("installs both charts only after what it is told to wait for, istiod also after istio/base", () => {
            const r = releases("east");
            const cacerts = one(plan, "kubernetes:core/v1:Secret", "east-cacerts-secret").urn;
            expect(r.base.record.dependencies).to.include(cacerts);
            expect(r.istiod.record.dependencies).to.include.members([cacerts, r.base.record.urn]);
        });

        it("mounts both Secrets of the plugged CA read-only as one directory, /var/run/secrets/meshfed/cacerts, and points istiod at it", () => {
            const v = reveal(releases("east").istiod.values) as any;
            const [volume] = v.volumes;
            expect(volume).to.deep.equal({ name: "meshfed-cacerts", projected: { sources: [{ secret: { name: "meshfed-cacerts" } }, { secret: { name: "meshfed-ca-key" } }] } });
            expect(v.volumeMounts).to.deep.equal([{ name: volume.name, mountPath: "/var/run/secrets/meshfed/cacerts", readOnly: true }]);
            expect(v.env).to.deep.include({ ROOT_CA_DIR: "/var/run/secrets/meshfed/cacerts", ISTIO_MULTIROOT_MESH: "true" });
            expect((pluggedCaValues("east-ca-key") as any).volumes[0].projected.sources[1]).to.deep.equal({ secret: { name: "east-ca-key" } });
        });

        it("defaults to istio-system and meshfed's pinned chart line, waiting for nothing but istio/base", () => {
            const r = releases("west");
            expect(r.base).to.deep.include({ namespace: "istio-system", version: "1.30.3" });
            expect(r.istiod).to.deep.include({ namespace: "istio-system", version: "1.30.3" });
            expect(r.base.record.dependencies).to.deep.equal([]);
            expect(r.istiod.record.dependencies).to.deep.equal([r.base.record.urn]);
            expect((reveal(r.istiod.values) as any).global).to.deep.include({ meshID: "mesh1", network: "network2", multiCluster: { clusterName: "west" } });
        });
    });
});

/** Plans `build` and returns its refusal, asserting nothing was registered. */
async function refusedBeforeRegistering(build: () => void): Promise<string> {
    const { message, registered } = await planRefusal(planProgram(build));
    expect(registered).to.deep.equal([]);
    return message;
}

describe("shared-root components refuse bad arguments before registering anything", () => {
    const root = (extra: Partial<SharedRootArgs>): SharedRootArgs => ({ meshId: "mesh1", requests: { east: "csr" }, ...extra });
    const cases: [string, Partial<SharedRootArgs>, string][] = [
        ["a mesh ID that is no DNS label", { meshId: "Mesh1" }, 'SharedRootArgs.meshId: "Mesh1" is not valid; expected a DNS-1123 label'],
        ["a root rotation that cannot name the root", { ca: { rotation: "R1" } }, 'SharedRootArgs.ca.rotation: "R1" is not valid; expected a DNS-1123 label'],
        ["an unknown rollover phase", { rollover: { phase: "swap" as never, next: { rotation: "r2" } } }, 'SharedRootArgs.rollover.phase: "swap" is not valid; allowed: add-new, reissue, remove-old'],
        ["a new root whose rotation cannot name it", { rollover: { phase: "add-new", next: { rotation: "R2" } } }, 'SharedRootArgs.rollover.next.rotation: "R2" is not valid; expected a DNS-1123 label'],
        ["a new root with the current root's rotation", { ca: { rotation: "r1" }, rollover: { phase: "add-new", next: { rotation: "r1" } } }, 'SharedRootArgs.rollover.next.rotation: "r1" is not valid; the new root needs a rotation other than the current one (r1)'],
        ["a new root with the default rotation of the current one", { rollover: { phase: "add-new", next: {} } }, 'SharedRootArgs.rollover.next.rotation: "initial" is not valid; the new root needs a rotation other than the current one (initial)'],
        ["intermediates outliving their root", { intermediates: { validityHours: 100_000 } }, "SharedRootArgs.intermediates.validityHours: 100000 is not valid; an intermediate must expire before its root"],
        ["a request of a cluster named no DNS label", { requests: { East: "csr" } }, 'SharedRootArgs.requests.East: "East" is not valid; expected a DNS-1123 label'],
    ];
    for (const [what, extra, message] of cases) {
        it(`SharedRoot: ${what}`, async () => {
            expect(await refusedBeforeRegistering(() => void new SharedRoot("mesh1-root", root(extra)))).to.include(message);
        });
    }

    const istio = (extra: Partial<IstioControlPlaneArgs>) => () => void new IstioControlPlane("east-istio", { provider: provider(), meshId: "mesh1", clusterName: "east", network: "network1", ...extra });
    const istioCases: [keyof IstioControlPlaneArgs, string][] = [["namespace", "Istio-System"], ["meshId", "mesh_1"], ["clusterName", "East"], ["network", ""]];
    for (const [field, value] of istioCases) {
        it(`IstioControlPlane: ${field} ${JSON.stringify(value)}`, async () => {
            expect(await refusedBeforeRegistering(istio({ [field]: value }))).to.include(`IstioControlPlaneArgs.${field}: ${JSON.stringify(value)} is not valid`);
        });
    }

    it("IntermediateCaRequest: a cluster named no DNS label, and a key algorithm it does not know", async () => {
        const build = (extra: Partial<IntermediateCaRequestArgs>) => () => void new IntermediateCaRequest("east-ca", { provider: provider(), ...requestArgs(), ...extra });
        expect(await refusedBeforeRegistering(build({ clusterName: "East" }))).to.include('IntermediateCaRequestArgs.clusterName: "East" is not valid; expected a DNS-1123 label');
        expect(await rejectionOf(planProgram(build({ algorithm: "DSA" as never })))).to.include('IntermediateCaRequestArgs.algorithm: "DSA" is not valid');
    });
});
