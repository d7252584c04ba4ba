import { expect } from "chai";
import * as fs from "node:fs";
import * as path from "node:path";
import { main, plan } from "../../cli/plan";
import { renderReleases, VERIFY_BINARY } from "../../cli/plan-files";
import { rejectionOf, scratchDir, writeStacks } from "../support/plan";
import { plannedExamples } from "../support/examples";
import { mintRandom } from "../../engine/random";
import { reveal } from "../../engine/secrets";

const EXAMPLE_STACKS = path.join(__dirname, "..", "..", "stacks");
const quiet = () => undefined;
const read = (dir: string, stack: string, file: string) => fs.readFileSync(path.join(dir, stack, file), "utf8");

/** A stack with one extra Istio object, as a platform engineer would add it to `meshfed:objects`. */
function stackWithObject(object: Record<string, unknown>) {
    return writeStacks({
        cluster1: { "meshfed:cluster": { name: "cluster1" }, "meshfed:objects": [object] },
    });
}
const reviewsRoute = (destination: Record<string, unknown>) => ({
    apiVersion: "networking.istio.io/v1",
    kind: "VirtualService",
    metadata: { name: "reviews", namespace: "default" },
    spec: { hosts: ["reviews"], http: [{ route: [{ destination }] }] },
});

describe("npm run plan", () => {
    it("plans every example stack and writes resources.json, manifests.yaml and outputs.json for each", async () => {
        const { out, plans } = await plannedExamples(false);
        const stacks = fs.readdirSync(EXAMPLE_STACKS).map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)![1]);
        expect(plans.map((p) => p.stack).sort()).to.deep.equal(stacks.sort());
        for (const p of plans) {
            // cluster-objects.yaml only for a stack that declares meshfed:offline.clusterObjects
            // rendered.yaml only once npm run verify has built its binary (Go present), for a stack with releases
            const extra = (p.clusterObjects ?? []).length > 0 ? ["cluster-objects.yaml"] : [];
            const rendered = fs.existsSync(VERIFY_BINARY) && read(out, p.stack, "manifests.yaml").includes("# Helm release") ? ["rendered.yaml"] : [];
            expect(fs.readdirSync(path.join(out, p.stack)).sort(), p.stack).to.deep.equal([...extra, "manifests.yaml", "outputs.json", "resources.json", ...rendered].sort());
        }
    }).timeout(120_000); // plans every example stack

    it("renders no chart objects without Go (no meshfed-verify binary): plan works without Go", () => {
        expect(renderReleases(scratchDir(), path.join(scratchDir(), "no-such-binary"))).to.equal(undefined);
    });

    it("writes meshfed:offline.clusterObjects to cluster-objects.yaml, for npm run verify", async () => {
        const stacksDir = writeStacks({
            cluster1: {
                "meshfed:cluster": { name: "cluster1" },
                "meshfed:offline": { clusterObjects: [{ apiVersion: "v1", kind: "Service", metadata: { name: "reviews", namespace: "bookinfo" }, spec: { ports: [{ port: 9080 }] } }] },
            },
        });
        const out = scratchDir();
        await plan({ outDir: out, showSecrets: false, stacksDir, log: quiet });
        const written = read(out, "cluster1", "cluster-objects.yaml");
        expect(written).to.contain("kind: Service").and.to.contain("name: reviews").and.to.contain("namespace: bookinfo");
    });

    it("never puts a private key in a stack output, even with --show-secrets", async () => {
        const { out, plans } = await plannedExamples(true);
        for (const p of plans) expect(read(out, p.stack, "outputs.json"), p.stack).not.to.contain("PRIVATE KEY");
        // --show-secrets did show the keys of the identity, CA-request and root stacks: the check above is not vacuous.
        const withKeys = plans.filter((p) => read(out, p.stack, "resources.json").includes("PRIVATE KEY")).map((p) => p.stack);
        expect(withKeys.sort()).to.deep.equal(["cluster1", "cluster2", "east-ca-request", "mesh-root", "mesh2-root", "north-ca-request", "west-ca-request"]);
    }).timeout(120_000); // plans every example stack

    it("marks every private key in resources.json secret, and redacts it without --show-secrets", async () => {
        const { out: shown } = await plannedExamples(true);
        const { out: redacted, plans } = await plannedExamples(false);
        for (const p of plans) {
            expect(read(redacted, p.stack, "resources.json")).not.to.contain("PRIVATE KEY");
            for (const r of JSON.parse(read(shown, p.stack, "resources.json"))) {
                for (const side of ["inputs", "outputs"]) {
                    for (const [field, value] of Object.entries(r[side] as Record<string, unknown>)) {
                        if (JSON.stringify(value).includes("PRIVATE KEY")) {
                            expect(r.secrets, `${r.urn} ${side}.${field}`).to.include(`${side}.${field}`);
                        }
                    }
                }
            }
        }
    }).timeout(120_000); // plans every example stack

    it("shows public certificates without --show-secrets: each CA bundle holds its peer's CA, readable; keys stay redacted", async () => {
        const { out, plans } = await plannedExamples(false);
        const caOf = (stack: string) => JSON.parse(read(out, stack, "outputs.json")).caCertPem as string;
        const manifests = read(out, "cluster1-federation", "manifests.yaml");
        // The bundle cluster1's egress gateway validates cluster2 with: cluster2's CA, in clear, and nothing else.
        const bundle = manifests.split(/^---$/m).find((d) => d.includes("name: federation-egress-cluster2-cacert"))!;
        expect(bundle).to.contain(caOf("cluster2").trim().split("\n")[1]);
        expect(bundle).not.to.contain(caOf("cluster1").trim().split("\n")[1]);
        // cluster1's own TLS Secret: its certificate shown, its key redacted.
        const tls = read(out, "cluster1", "manifests.yaml").split(/^---$/m).find((d) => d.includes("name: federation-ingress\n") || d.includes("name: federation-egress-cluster2\n"))!;
        expect(tls).to.match(/tls\.crt: \|-?\n\s+-----BEGIN CERTIFICATE-----/);
        expect(tls).to.contain('tls.key: "[secret]"');
        for (const p of plans) expect(read(out, p.stack, "manifests.yaml"), p.stack).not.to.contain("PRIVATE KEY");
    }).timeout(120_000); // plans every example stack

    it("plans a federation stack alone once the identity stacks are planned, seeing its cluster's gateways", async () => {
        const out = scratchDir();
        await plan({ stacks: ["cluster1"], outDir: out, showSecrets: false, stacksDir: EXAMPLE_STACKS, log: quiet });
        await plan({ stacks: ["cluster2"], outDir: out, showSecrets: false, stacksDir: EXAMPLE_STACKS, log: quiet });
        // Its routes name the egress gateway's Service, which cluster1's identity stack installed: no finding.
        const [federation] = await plan({ stacks: ["cluster1-federation"], outDir: out, showSecrets: false, stacksDir: EXAMPLE_STACKS, log: quiet });
        expect(federation.stack).to.equal("cluster1-federation");
    });

    it("plans random values that depend on the resource and its inputs only, so a re-plan keeps them", async () => {
        // One plan, checked against the rule itself: two runs agreeing would prove nothing (a constant would too).
        const out = scratchDir();
        const plans = await plan({ stacks: ["cluster1", "cluster2"], outDir: out, showSecrets: true, stacksDir: EXAMPLE_STACKS, log: quiet });
        const randoms = plans.flatMap((p) => p.records.filter((r) => r.type.startsWith("random:")));
        expect(randoms.map((r) => r.urn.split("::").pop())).to.include.members(["cluster1-trust-ca-generation", "cluster2-trust-ca-generation"]);
        for (const r of randoms) {
            expect(reveal(r.outputs), r.urn).to.deep.equal(reveal(mintRandom(r.type, r.urn, reveal(r.inputs) as Record<string, unknown>)));
        }
        expect(new Set(randoms.map((r) => (reveal(r.outputs) as any).hex)).size, "each resource its own value").to.equal(randoms.length);
    });

    it("rejects an Istio object with an unknown field, naming the object and the field", async () => {
        const stacksDir = stackWithObject(reviewsRoute({ host: "reviews", subsett: "v1" }));
        const message = await rejectionOf(plan({ outDir: scratchDir(), showSecrets: false, stacksDir, log: quiet }));
        expect(message).to.contain("VirtualService default/reviews: spec.http[0].route[0].destination.subsett");
    });

    it("rejects an Istio object that breaks a CEL rule of its CRD, with the rule's message", async () => {
        // ServiceEntry: a workloadSelector and endpoints cannot both be set (a CEL rule of the CRD).
        const stacksDir = stackWithObject({
            apiVersion: "networking.istio.io/v1",
            kind: "ServiceEntry",
            metadata: { name: "remote", namespace: "default" },
            spec: {
                hosts: ["remote.example.com"],
                ports: [{ number: 443, name: "tls", protocol: "TLS" }],
                resolution: "STATIC",
                workloadSelector: { labels: { app: "x" } },
                endpoints: [{ address: "192.0.2.10" }],
            },
        });
        const message = await rejectionOf(plan({ outDir: scratchDir(), showSecrets: false, stacksDir, log: quiet }));
        expect(message).to.contain("ServiceEntry default/remote: spec");
        expect(message).to.contain("only one of WorkloadSelector or Endpoints can be set");
    });

    it("rejects routes that lead nowhere, as istioctl analyze would", async () => {
        // Valid on its own, but the subset it routes to exists nowhere (its missing gateway is Istio's to report: npm run verify).
        const stacksDir = stackWithObject({
            apiVersion: "networking.istio.io/v1",
            kind: "VirtualService",
            metadata: { name: "reviews", namespace: "istio-private-gateways" },
            spec: { hosts: ["c1.example.com"], gateways: ["federation-ingress"], http: [{ route: [{ destination: { host: "c1.example.com", subset: "v9" } }] }] },
        });
        const message = await rejectionOf(plan({ outDir: scratchDir(), showSecrets: false, stacksDir, log: quiet }));
        expect(message).to.contain("Error [MF0102] (VirtualService istio-private-gateways/reviews)");
    });

    it("exits 1 with the finding on stderr, and 0 for the example stacks", async () => {
        const stacksDir = stackWithObject(reviewsRoute({ host: "reviews", port: { number: "eighty" } }));
        const errors: string[] = [];
        const original = console.error;
        console.error = (line: string) => errors.push(line);
        try {
            expect(await main(["--stacks", stacksDir, "--out", scratchDir()])).to.equal(1);
        } finally {
            console.error = original;
        }
        expect(errors.join("\n")).to.contain("VirtualService default/reviews: spec.http[0].route[0].destination.port.number");
        const log = console.log;
        console.log = quiet;
        try {
            expect(await main(["--stacks", EXAMPLE_STACKS, "--out", scratchDir()])).to.equal(0);
        } finally {
            console.log = log;
        }
    });

    it("rejects bad config before registering any resource, naming the key", async () => {
        const stacksDir = writeStacks({
            cluster1: { "meshfed:cluster": { name: "cluster1" }, "meshfed:trust": { federationHost: "C2_example" } },
        });
        const message = await rejectionOf(plan({ outDir: scratchDir(), showSecrets: false, stacksDir, log: quiet }));
        expect(message).to.contain('meshfed:trust.federationHost: "C2_example" is not valid; expected a lowercase DNS name');
    });
});
