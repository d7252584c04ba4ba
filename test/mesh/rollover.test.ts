import { expect } from "chai";
import { planStack, StackPlan } from "../../engine/run-stack";
import { CA_CERT_FILES, CA_KEY_FILE } from "../../components/mesh/plugged-ca";
import { RolloverPhase, rootRoles } from "../../components/mesh/root-rollover";
import { certificateBlocks } from "../../components/trust/pem-bundle";
import meshfed from "../../index";
import { writeStackPlan } from "../../cli/plan-files";
import { scratchDir, stackConfig } from "../support/plan";
import { secretData } from "../support/records";
import { chainsTo, signWorkload, Workload } from "./pki";

type Phase = RolloverPhase | "steady" | "promoted";
const PHASES: Phase[] = ["steady", "add-new", "reissue", "remove-old"];

const request = (cluster: string) => ({
    "meshfed:kubeconfig": "stand-in",
    "meshfed:cluster": { name: cluster },
    "meshfed:caRequest": { meshId: "mesh1", network: `net-${cluster}` },
});
const member = (cluster: string) => ({
    "meshfed:kubeconfig": "stand-in",
    "meshfed:cluster": { name: cluster },
    "meshfed:mesh": { caRequestStack: `${cluster}-ca-request`, rootStack: "mesh-root", istio: false },
});
const clusters = { east: { stack: "east-ca-request" }, west: { stack: "west-ca-request" } };
/** mesh-root's config in a phase; `promoted`: after remove-old, the new root's settings moved to `ca`. */
function root(phase: Phase) {
    const base = { meshId: "mesh1", clusters };
    const meshRoot =
        phase === "steady" ? { ...base, ca: { rotation: "r1" } }
        : phase === "promoted" ? { ...base, ca: { rotation: "r2" } }
        : { ...base, ca: { rotation: "r1" }, rollover: { phase, next: { rotation: "r2" } } };
    return { "meshfed:meshRoot": meshRoot };
}

describe("root rollover in phases, each a pulumi up of mesh-root then of every mesh stack", () => {
    it("adds the new root to the trust, then signs with it, then drops the old one: each step only adds or only removes a root", () => {
        expect(rootRoles(undefined)).to.deep.equal({ roots: ["current"], signer: "current", trusted: ["current"] });
        expect(rootRoles("add-new")).to.deep.equal({ roots: ["current", "next"], signer: "current", trusted: ["current", "next"] });
        expect(rootRoles("reissue")).to.deep.equal({ roots: ["current", "next"], signer: "next", trusted: ["current", "next"] });
        expect(rootRoles("remove-old")).to.deep.equal({ roots: ["next"], signer: "next", trusted: ["next"] });
    });

    describe("planned phase after phase, each on the state of the one before", () => {
        const out = scratchDir();
        const mesh: Partial<Record<Phase, Record<string, StackPlan>>> = {};
        const roots: Partial<Record<Phase, StackPlan>> = {};
        let keys: Record<string, string>;
        /** A workload of `cluster` as istiod signs it in a phase: leaf, then the phase's ca-cert.pem. */
        const leaves: Partial<Record<Phase, Record<string, Workload & { chain: string[] }>>> = {};
        const files = (phase: Phase, cluster: string) => secretData(mesh[phase]![cluster], "meshfed-cacerts");

        before(async () => {
            // As `npm run plan` does: each plan's outputs.json is what the next stack's StackReference reads.
            const plan = async (stack: string, config: Record<string, unknown>, previous?: StackPlan) => {
                const p = await planStack({ program: meshfed, config: stackConfig(stack, config, "meshfed:kubeconfig" in config ? ["meshfed:kubeconfig"] : []), outDir: out, previous: previous?.records });
                writeStackPlan(out, p, false);
                return p;
            };
            const requests = { east: await plan("east-ca-request", request("east")), west: await plan("west-ca-request", request("west")) };
            keys = { east: secretData(requests.east, "meshfed-ca-key")[CA_KEY_FILE], west: secretData(requests.west, "meshfed-ca-key")[CA_KEY_FILE] };
            let previous: StackPlan | undefined;
            for (const phase of [...PHASES, "promoted" as const]) {
                roots[phase] = previous = await plan("mesh-root", root(phase), previous);
                mesh[phase] = { east: await plan("east-mesh", member("east")), west: await plan("west-mesh", member("west")) };
                leaves[phase] = {};
                for (const c of ["east", "west"]) {
                    const caCert = files(phase, c)[CA_CERT_FILES.cert];
                    const w = await signWorkload(caCert, keys[c], `spiffe://cluster.local/ns/default/sa/${c}`);
                    leaves[phase]![c] = { ...w, chain: [w.cert, caCert] };
                }
            }
        });

        it("keeps the old root through add-new and reissue, and puts both roots in root-cert.pem only while both are trusted", () => {
            const trusted = (phase: Phase) => certificateBlocks(phase, files(phase, "west")[CA_CERT_FILES.root]);
            const [r1] = trusted("steady");
            expect(trusted("add-new")).to.have.length(2).and.include(r1);
            expect(trusted("reissue")).to.deep.equal(trusted("add-new"));
            expect(trusted("remove-old")).to.deep.equal([trusted("add-new")[1]]);
            // istiod reloads root-cert.pem in place only when one bundle contains the other
            for (let i = 1; i < PHASES.length; i++) {
                const [before, after] = [trusted(PHASES[i - 1]), trusted(PHASES[i])];
                const subset = (a: string[], b: string[]) => a.every((x) => b.includes(x));
                expect(subset(before, after) || subset(after, before), `${PHASES[i - 1]} → ${PHASES[i]}`).to.equal(true);
            }
        });

        it("re-issues every intermediate from the new root at reissue, for the same key, and not before", () => {
            for (const c of ["east", "west"]) {
                expect(files("add-new", c)[CA_CERT_FILES.cert], c).to.equal(files("steady", c)[CA_CERT_FILES.cert]);
                expect(files("reissue", c)[CA_CERT_FILES.cert], c).to.not.equal(files("add-new", c)[CA_CERT_FILES.cert]);
                expect(files("remove-old", c)[CA_CERT_FILES.cert], c).to.equal(files("reissue", c)[CA_CERT_FILES.cert]);
            }
        });

        it("a workload certificate from each phase verifies in the other cluster at every phase where both roots could meet it", () => {
            // [leaf issued in phase] → the phases whose trust must accept it
            const mustVerify: Record<Phase, Phase[]> = {
                steady: ["steady", "add-new", "reissue"],
                "add-new": ["steady", "add-new", "reissue"],
                reissue: ["add-new", "reissue", "remove-old"],
                "remove-old": ["add-new", "reissue", "remove-old"],
                promoted: ["add-new", "reissue", "remove-old"],
            };
            for (const issued of PHASES) {
                for (const at of PHASES) {
                    const ok = chainsTo(leaves[issued]!.east.chain, files(at, "west")[CA_CERT_FILES.root]);
                    expect(ok, `east leaf of ${issued} at west in ${at}`).to.equal(mustVerify[issued].includes(at));
                }
            }
        });

        it("changes nothing when the new root's settings move to ca and rollover is dropped after remove-old", () => {
            expect(files("promoted", "east")).to.deep.equal(files("remove-old", "east"));
            const certs = (p: StackPlan) => p.records.filter((r) => r.type.startsWith("tls:")).map((r) => `${r.urn} ${JSON.stringify(r.outputs.certPem ?? r.outputs.publicKeyPem)}`).sort();
            expect(certs(roots.promoted!)).to.deep.equal(certs(roots["remove-old"]!));
        });
    });
});
