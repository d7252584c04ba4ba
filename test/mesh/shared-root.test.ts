import { expect } from "chai";
import * as fs from "node:fs";
import * as path from "node:path";
import { X509Certificate } from "node:crypto";
import { plan } from "../../cli/plan";
import { StackPlan } from "../../engine/run-stack";
import { helmReleasesOf } from "../../engine/manifests";
import { reveal } from "../../engine/secrets";
import { x509 } from "../../engine/tls-x509";
import { CaRequestContract, MeshRootContract } from "../../components/mesh/mesh-contracts";
import { CA_CERT_FILES, CA_KEY_FILE, PLUGGED_CA_DIR } from "../../components/mesh/plugged-ca";
import { certificateBlocks } from "../../components/trust/pem-bundle";
import { handshake } from "../support/mtls";
import { scratchDir } from "../support/plan";
import { objectOf, outputOf, secretData } from "../support/records";
import { certifiesKey, chainsTo, signWorkload, unrelatedLeaf } from "./pki";

const EXAMPLE_STACKS = path.join(__dirname, "..", "..", "stacks");
export const SHARED_ROOT_STACKS = ["mesh-root", "east-ca-request", "east-mesh", "west-ca-request", "west-mesh"];

/** The example's shared-root stacks alone, in a stacks directory of their own. */
export function sharedRootStacksDir(): string {
    const dir = scratchDir("meshfed-mesh-stacks-");
    for (const s of SHARED_ROOT_STACKS) fs.copyFileSync(path.join(EXAMPLE_STACKS, `Pulumi.${s}.yaml`), path.join(dir, `Pulumi.${s}.yaml`));
    return dir;
}

describe("a shared-root mesh (stacks mesh-root, east-*, west-*)", () => {
    let out: string;
    let plans: Record<string, StackPlan>;
    let order: string[];
    const files = (p: StackPlan) => secretData(p, "meshfed-cacerts");

    before(async () => {
        out = scratchDir();
        // plan() throws on any validation or analysis finding: planning at all is zero findings.
        const planned = await plan({ outDir: out, showSecrets: true, stacksDir: sharedRootStacksDir(), log: () => undefined });
        order = planned.map((p) => p.stack);
        plans = Object.fromEntries(planned.map((p) => [p.stack, p]));
    });

    describe("stacks and what crosses between them", () => {
        it("plans every CA-request stack, then the root, then the mesh stacks: references run one way", () => {
            expect(order).to.have.members(SHARED_ROOT_STACKS);
            const at = (s: string) => order.indexOf(s);
            for (const c of ["east", "west"]) {
                expect(at(`${c}-ca-request`), c).to.be.below(at("mesh-root"));
                expect(at("mesh-root"), c).to.be.below(at(`${c}-mesh`));
            }
        });

        it("writes no private key to any outputs.json, even with --show-secrets", () => {
            for (const s of SHARED_ROOT_STACKS) {
                expect(fs.readFileSync(path.join(out, s, "outputs.json"), "utf8"), s).not.to.include("PRIVATE KEY");
            }
        });

        it("keeps the intermediate's key in the cluster's CA-request stack alone: the root and mesh stacks never hold it", () => {
            const key = secretData(plans["east-ca-request"], "meshfed-ca-key")[CA_KEY_FILE];
            expect(key).to.include("PRIVATE KEY");
            for (const s of ["mesh-root", "east-mesh", "west-mesh", "west-ca-request"]) {
                expect(fs.readFileSync(path.join(out, s, "resources.json"), "utf8"), s).not.to.include(key.split("\n")[1]);
            }
            expect(objectOf(plans["east-ca-request"], "Secret", "meshfed-ca-key").metadata.namespace).to.equal("istio-system");
        });

        it("labels istio-system with the cluster's network", () => {
            expect(objectOf(plans["east-ca-request"], "Namespace", "istio-system").metadata.labels).to.include({ "topology.istio.io/network": "network1" });
            expect(objectOf(plans["west-ca-request"], "Namespace", "istio-system").metadata.labels).to.include({ "topology.istio.io/network": "network2" });
        });
    });

    describe("the plugged CA of each cluster", () => {
        it("has a root that may be followed by one CA only, and intermediates that are CAs for signing only, expiring before the root", () => {
            const root = new x509.X509Certificate(outputOf<MeshRootContract>(plans["mesh-root"], "meshRoot").rootCertPem);
            expect(root.getExtension(x509.BasicConstraintsExtension)).to.include({ ca: true, pathLength: 1 });
            for (const c of ["east", "west"]) {
                const i = new x509.X509Certificate(files(plans[`${c}-mesh`])[CA_CERT_FILES.cert]);
                expect(i.getExtension(x509.BasicConstraintsExtension)?.ca, c).to.equal(true);
                expect(i.getExtension(x509.KeyUsagesExtension)!.usages & x509.KeyUsageFlags.keyCertSign, c).to.not.equal(0);
                expect(i.notAfter.getTime(), c).to.be.below(root.notAfter.getTime());
                expect(i.subject, c).to.include(`CN=${c} intermediate CA`);
            }
        });

        it("certifies exactly the key the cluster's CA-request stack holds, and chains to the shared root", () => {
            for (const c of ["east", "west"]) {
                const f = files(plans[`${c}-mesh`]);
                const request = outputOf<CaRequestContract>(plans[`${c}-ca-request`], "meshCaRequest");
                expect(certifiesKey(f[CA_CERT_FILES.cert], request.publicKeyPem), c).to.equal(true);
                const [intermediate, root] = certificateBlocks("chain", f[CA_CERT_FILES.chain]);
                expect(intermediate).to.equal(certificateBlocks("cert", f[CA_CERT_FILES.cert])[0]);
                expect(root).to.equal(certificateBlocks("root", f[CA_CERT_FILES.root])[0]);
                expect(new X509Certificate(intermediate).verify(new X509Certificate(root).publicKey), c).to.equal(true);
            }
        });

        it("trusts the same root in every cluster", () => {
            expect(files(plans["east-mesh"])[CA_CERT_FILES.root]).to.equal(files(plans["west-mesh"])[CA_CERT_FILES.root]);
        });
    });

    describe("workloads of different clusters", () => {
        const workloadOf = (c: string, sa: string) =>
            signWorkload(files(plans[`${c}-mesh`])[CA_CERT_FILES.cert], secretData(plans[`${c}-ca-request`], "meshfed-ca-key")[CA_KEY_FILE], `spiffe://cluster.local/ns/default/sa/${sa}`, false, `${sa}.default.svc.cluster.local`);

        it("a workload certificate signed by east's intermediate verifies against west's root-cert.pem", async () => {
            const leaf = await workloadOf("east", "productpage");
            expect(chainsTo([leaf.cert, files(plans["east-mesh"])[CA_CERT_FILES.cert]], files(plans["west-mesh"])[CA_CERT_FILES.root])).to.equal(true);
        });

        it("complete a mutual-TLS handshake, each presenting its cert chain and trusting its own root-cert.pem", async () => {
            const [east, west] = [await workloadOf("east", "productpage"), await workloadOf("west", "reviews")];
            const material = (c: string, w: { key: string; cert: string }) => {
                const f = files(plans[`${c}-mesh`]);
                return { key: w.key, cert: w.cert + f[CA_CERT_FILES.chain], ca: f[CA_CERT_FILES.root] };
            };
            const result = await handshake(material("west", west), material("east", east), "reviews.default.svc.cluster.local");
            expect(result, result.error).to.deep.include({ ok: true });
        });

        it("refuses a workload whose certificate comes from an unrelated root, even one with the same name", async () => {
            const outsider = await unrelatedLeaf();
            expect(chainsTo([outsider.cert], files(plans["west-mesh"])[CA_CERT_FILES.root])).to.equal(false);
            const west = await workloadOf("west", "reviews");
            const f = files(plans["west-mesh"]);
            const result = await handshake({ key: west.key, cert: west.cert + f[CA_CERT_FILES.chain], ca: f[CA_CERT_FILES.root] }, { key: outsider.key, cert: outsider.cert, ca: f[CA_CERT_FILES.root] }, "reviews.default.svc.cluster.local");
            expect(result.ok).to.equal(false);
        });

        it("refuses a CA minted below an intermediate: the root allows one CA in a chain", async () => {
            const f = files(plans["east-mesh"]);
            const rogue = await signWorkload(f[CA_CERT_FILES.cert], secretData(plans["east-ca-request"], "meshfed-ca-key")[CA_KEY_FILE], "spiffe://cluster.local/ns/x/sa/x", true);
            const leaf = await signWorkload(rogue.cert, rogue.key, "spiffe://cluster.local/ns/evil/sa/evil");
            const west = await workloadOf("west", "reviews");
            const w = files(plans["west-mesh"]);
            const result = await handshake(
                { key: west.key, cert: west.cert + w[CA_CERT_FILES.chain], ca: w[CA_CERT_FILES.root] },
                { key: leaf.key, cert: leaf.cert + rogue.cert + f[CA_CERT_FILES.chain], ca: w[CA_CERT_FILES.root] },
                "reviews.default.svc.cluster.local",
            );
            expect(result.ok, "a chain root → intermediate → rogue CA → leaf").to.equal(false);
            expect(result.error).to.match(/PATH_LENGTH_EXCEEDED|path length/i);
        });
    });

    describe("Istio installed by the mesh stack", () => {
        const releases = (c: string) => Object.fromEntries(helmReleasesOf(plans[`${c}-mesh`].records).map((r) => [r.chart, r]));

        it("installs istio/base and istio/istiod 1.30.3 in istio-system", () => {
            const r = releases("east");
            expect(Object.keys(r).sort()).to.deep.equal(["base", "istiod"]);
            for (const chart of ["base", "istiod"]) expect(r[chart], chart).to.deep.include({ namespace: "istio-system", version: "1.30.3" });
        });

        it("gives istiod the cluster's mesh ID, name and network, DNS proxying with auto-allocation, and the plugged CA from both Secrets", () => {
            const v = reveal(releases("west").istiod.values) as any;
            expect(v.global).to.deep.include({ meshID: "mesh1", network: "network2", multiCluster: { clusterName: "west" } });
            expect(v.meshConfig.defaultConfig.proxyMetadata).to.deep.equal({ ISTIO_META_DNS_CAPTURE: "true", ISTIO_META_DNS_AUTO_ALLOCATE: "true" });
            expect(v.env).to.deep.include({ ROOT_CA_DIR: PLUGGED_CA_DIR, ISTIO_MULTIROOT_MESH: "true" });
            expect(v.volumes[0].projected.sources.map((s: any) => s.secret.name)).to.have.members(["meshfed-cacerts", "meshfed-ca-key"]);
            expect(v.volumeMounts[0]).to.deep.include({ mountPath: PLUGGED_CA_DIR });
        });

        it("installs istiod only after the plugged CA's certificates (and istio/base)", () => {
            const p = plans["east-mesh"];
            const istiod = helmReleasesOf(p.records).find((r) => r.chart === "istiod")!.record;
            const urnOf = (type: string) => p.records.find((r) => r.type === type)!.urn;
            expect(istiod.dependencies).to.include(urnOf("kubernetes:core/v1:Secret"));
            expect(istiod.dependencies).to.include(helmReleasesOf(p.records).find((r) => r.chart === "base")!.record.urn);
        });
    });
});
