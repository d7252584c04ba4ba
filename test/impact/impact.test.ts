import { expect } from "chai";
import * as fs from "node:fs";
import * as path from "node:path";
import { formatImpact, impactOf, ImpactReport } from "../../cli/impact";
import { main, plan } from "../../cli/plan";
import { readPlannedStacks } from "../../cli/topology/planned-stacks";
import { EXAMPLES, plannedExamples } from "../topology/planned-examples";
import { scratchDir } from "../support/plan";

const reader = (r: ImpactReport, stack: string) => r.readers.find((x) => x.stack === stack);
const refs = (r: ImpactReport, stack: string, part: "address" | "CA" | "exports") => (reader(r, stack)?.parts[part] ?? []).map((o) => o.object.ref);

describe("impact: --impact <stack> lists who reads a stack's contract and what it builds from it", function () {
    this.timeout(120_000);
    let out: string;
    before(async () => {
        out = await plannedExamples();
    });

    it("--impact cluster2: cluster1-federation and cluster2-federation read it; cluster1's identity stack does not", () => {
        const report = impactOf("cluster2", readPlannedStacks(out));
        expect(report.readers.map((r) => r.stack)).to.deep.equal(["cluster1-federation", "cluster2-federation"]);
    });

    it("the consumer's ServiceEntry and routes follow cluster2's address, its CA bundle Secret its CA, its routes its exports", () => {
        const report = impactOf("cluster2", readPlannedStacks(out));
        expect(refs(report, "cluster1-federation", "address")).to.include.members([
            "ServiceEntry istio-federation-egress/peer-cluster2",
            "DestinationRule istio-federation-egress/peer-cluster2",
        ]);
        const entry = reader(report, "cluster1-federation")!.parts.address!.find((o) => o.object.ref.startsWith("ServiceEntry"))!;
        const ip = JSON.parse(fs.readFileSync(path.join(out, "cluster2", "outputs.json"), "utf8")).federation.address.ip;
        expect(entry.uses.map((u) => [u.field, u.source.path, u.source.value])).to.deep.include(["spec.endpoints[0].address", "federation.address.ip", ip]);
        expect(refs(report, "cluster1-federation", "CA")).to.deep.equal(["Secret istio-federation-egress/federation-egress-cluster2-cacert"]);
        expect(refs(report, "cluster1-federation", "exports")).to.include("VirtualService default/import-default-reviews");
        // The exporter's own federation stack: its Gateway listens on the contract's host and port, its routes serve the exports.
        expect(refs(report, "cluster2-federation", "address")).to.include("Gateway istio-federation-ingress/federation-ingress");
        expect(refs(report, "cluster2-federation", "exports")).to.include("VirtualService istio-federation-ingress/export-bookinfo-reviews-v2");
        // cluster2-federation's only bundle holds cluster1's CA, not cluster2's.
        expect(refs(report, "cluster2-federation", "CA")).to.deep.equal([]);
    });

    it("--impact cluster1 puts the exporter's bundle of cluster1's CA at risk, not the consumer's bundle of cluster2's", () => {
        const report = impactOf("cluster1", readPlannedStacks(out));
        expect(refs(report, "cluster2-federation", "CA")).to.deep.equal(["Secret istio-federation-ingress/federation-ingress-cluster1-cacert"]);
        expect(refs(report, "cluster1-federation", "CA")).to.deep.equal([]);
    });

    it("--impact east-network: west's remote services follow east's gateway address and exported hosts", () => {
        const report = impactOf("east-network", readPlannedStacks(out));
        expect(report.readers.map((r) => r.stack)).to.deep.equal(["west-network-imports"]);
        expect(refs(report, "west-network-imports", "address")).to.include("ServiceEntry bookinfo/reviews.bookinfo.global");
        expect(refs(report, "west-network-imports", "exports")).to.include("DestinationRule bookinfo/reviews.bookinfo.global");
    });

    it("prints each reader, the part of the contract, the object and the field with the output it holds", () => {
        const text = formatImpact(impactOf("cluster2", readPlannedStacks(out)));
        expect(text).to.match(/^2 stacks read cluster2 through a StackReference:/);
        expect(text).to.match(/ {2}cluster1-federation\n {4}if its address \(host, address, port\) changed:\n[\s\S]*ServiceEntry istio-federation-egress\/peer-cluster2\n {8}spec\.endpoints\[0\]\.address = 192\.0\.2\.\d+ ← federation\.address\.ip/);
        expect(text).to.include("if its CA changed:\n      Secret istio-federation-egress/federation-egress-cluster2-cacert");
    });

    it("refuses an unplanned stack, naming the planned ones, and --diff without --impact", async () => {
        expect(() => impactOf("cluster9", readPlannedStacks(out))).to.throw(/--impact "cluster9": not planned \(planned: cluster1, /);
        const errors: string[] = [];
        const error = console.error;
        console.error = (line: string) => errors.push(line);
        try {
            expect(await main(["--out", out, "--diff", scratchDir()])).to.equal(1);
        } finally {
            console.error = error;
        }
        expect(errors.join("\n")).to.include("needs --impact <stack>");
    });
});

describe("impact with --diff PREV_OUT: the actual change", function () {
    this.timeout(120_000);

    it("pinning cluster2's gateway address: the address change, cluster1-federation's ServiceEntry as the only object to change", async () => {
        const federation = ["cluster1", "cluster2", "cluster1-federation", "cluster2-federation"];
        const stacksDir = scratchDir();
        for (const s of federation) fs.copyFileSync(path.join(EXAMPLES, `Pulumi.${s}.yaml`), path.join(stacksDir, `Pulumi.${s}.yaml`));
        // GIVEN a plan of the federation examples, kept as the deployment's state (keys, certificates)
        const previous = scratchDir();
        await plan({ outDir: previous, showSecrets: true, stacksDir, log: () => undefined });
        // AND cluster2's config changed to pin its ingress address
        const file = path.join(stacksDir, "Pulumi.cluster2.yaml");
        fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("      cloud: gcp\n", "      cloud: gcp\n      address: { ip: 10.20.0.7 }\n"));
        // WHEN cluster2 and the stacks reading it are planned again from that state
        const next = scratchDir();
        fs.cpSync(previous, next, { recursive: true });
        await plan({ outDir: next, stacks: ["cluster2", "cluster1-federation", "cluster2-federation"], showSecrets: true, stacksDir, stateDir: previous, log: () => undefined });
        const report = impactOf("cluster2", readPlannedStacks(next), readPlannedStacks(previous));
        // THEN the change is the address, and nothing else (the CA and keys come from the state)
        const ip = report.change!.outputs.find((c) => c.path === "federation.address.ip")!;
        expect(ip.after).to.equal("10.20.0.7");
        expect(ip.before).to.match(/^192\.0\.2\.\d+$/);
        expect(report.change!.outputs.map((c) => c.path)).not.to.include("federation.host");
        // only the ServiceEntry's endpoint holds the changed address; host, port and exports did not change
        expect(refs(report, "cluster1-federation", "address")).to.deep.equal(["ServiceEntry istio-federation-egress/peer-cluster2"]);
        expect(refs(report, "cluster1-federation", "exports")).to.deep.equal([]);
        expect(refs(report, "cluster2-federation", "address")).to.deep.equal([]);
        const consumer = report.change!.stacks.find((d) => d.stack === "cluster1-federation")!;
        expect(consumer.changed).to.deep.equal([
            { ref: "ServiceEntry istio-federation-egress/peer-cluster2", fields: [{ path: "spec.endpoints[0].address", before: ip.before, after: "10.20.0.7" }] },
        ]);
        expect(report.change!.outputs.map((c) => c.path)).to.deep.equal(["federation.address.ip", "ingressAddress.ip"]);
        expect(report.change!.stacks.find((d) => d.stack === "cluster2-federation")!.status).to.equal("unchanged");
        expect(formatImpact(report)).to.include("~ ServiceEntry istio-federation-egress/peer-cluster2: spec.endpoints[0].address");
    });
});
