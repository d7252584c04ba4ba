import { expect } from "chai";
import * as fs from "node:fs";
import * as path from "node:path";
import { plan } from "../../cli/plan";
import { StackPlan } from "../../engine/run-stack";
import { manifestsOf } from "../../engine/manifests";
import { reveal } from "../../engine/secrets";
import { KubeObject } from "../../engine/kubernetes";
import { CA_CERT_FILES, CA_KEY_FILE } from "../../components/mesh/plugged-ca";
import { NetworkGatewayContract } from "../../components/multinetwork/network-contract";
import { scratchDir } from "../support/plan";
import { objectOf, outputOf, secretData } from "../support/records";
import { signWorkload } from "../mesh/pki";
import { autoPassthroughSnis, throughPassthrough } from "./passthrough";

const EXAMPLE_STACKS = path.join(__dirname, "..", "..", "stacks");
const SHARED_ROOT_STACKS = ["mesh-root", "east-ca-request", "east-mesh", "west-ca-request", "west-mesh"];
const NETWORK_STACKS = ["east-network", "west-network-imports"];

/** The example's shared-root mesh and its cross-network stacks, alone in a stacks directory. */
function stacksDir(): string {
    const dir = scratchDir("meshfed-network-stacks-");
    for (const s of [...SHARED_ROOT_STACKS, ...NETWORK_STACKS]) fs.copyFileSync(path.join(EXAMPLE_STACKS, `Pulumi.${s}.yaml`), path.join(dir, `Pulumi.${s}.yaml`));
    return dir;
}

const spec = (o: KubeObject) => o.spec as Record<string, any>;
const objectsOf = (p: StackPlan) => manifestsOf(p.records).map((m) => reveal(m.object) as KubeObject);

describe("replicated control planes across networks (stacks east-network, west-network-imports; seeds 002 and 004)", () => {
    let plans: Record<string, StackPlan>;

    before(async function () {
        this.timeout(240_000);
        const planned = await plan({ stacksDir: stacksDir(), outDir: scratchDir("meshfed-network-out-"), showSecrets: true, log: () => undefined });
        plans = Object.fromEntries(planned.map((p) => [p.stack, p]));
    });

    describe("the exporter's cross-network gateway (east)", () => {
        it("passes through by SNI only the exported services, not *.local", () => {
            const gw = objectOf(plans["east-network"], "Gateway", "cross-network", "istio-network-gateway");
            expect(spec(gw).servers).to.deep.equal([
                {
                    port: { number: 15443, name: "tls", protocol: "TLS" },
                    tls: { mode: "AUTO_PASSTHROUGH" },
                    hosts: ["bookinfo/reviews.bookinfo.svc.cluster.local", "bar/httpbin.bar.svc.cluster.local"],
                },
            ]);
        });

        it("defines the exported subsets for its gateway alone, so pilot builds their SNI chains", () => {
            const dr = objectOf(plans["east-network"], "DestinationRule", "export-bookinfo-reviews", "istio-network-gateway");
            expect(spec(dr)).to.deep.equal({
                host: "reviews.bookinfo.svc.cluster.local",
                exportTo: ["."],
                subsets: [
                    { name: "v2", labels: { version: "v2" } },
                    { name: "v3", labels: { version: "v3" } },
                ],
            });
        });

        it("runs the gateway on network1 with only 15443 (and its readiness port) open: istiod's ports stay closed", () => {
            const release = plans["east-network"].records.find((r) => r.type === "kubernetes:helm.sh/v3:Release")!;
            const values = (reveal(release.inputs) as { values: Record<string, any> }).values;
            expect(values.labels).to.include({ "topology.istio.io/network": "network1", istio: "network-gateway" });
            expect(values.env).to.deep.equal({ ISTIO_META_REQUESTED_NETWORK_VIEW: "network1" });
            expect(values.service.ports.map((p: { port: number }) => p.port)).to.deep.equal([15021, 15443]);
            expect(values).not.to.have.property("networkGateway");
        });

        it("publishes its address, mesh, network and exports for consumers", () => {
            const c = outputOf<NetworkGatewayContract>(plans["east-network"], "networkGateway");
            expect(c).to.deep.include({ version: 1, cluster: "east", meshId: "mesh1", network: "network1", port: 15443 });
            expect(c.address.ip).to.match(/^192\.0\.2\./);
            expect(c.services.map((s) => [s.host, s.subsets])).to.deep.equal([
                ["reviews.bookinfo.svc.cluster.local", ["v2", "v3"]],
                ["httpbin.bar.svc.cluster.local", []],
            ]);
        });
    });

    describe("the consumer (west)", () => {
        it("declares reviews.bookinfo.global as a mesh-internal service at east's gateway, labelled with its cluster and network", () => {
            const se = spec(objectOf(plans["west-network-imports"], "ServiceEntry", "reviews.bookinfo.global", "bookinfo"));
            const gateway = outputOf<NetworkGatewayContract>(plans["east-network"], "networkGateway").address.ip;
            expect(se).to.deep.include({ hosts: ["reviews.bookinfo.global"], location: "MESH_INTERNAL", resolution: "STATIC" });
            expect(se.endpoints).to.deep.equal([{ address: gateway, ports: { "http-9080": 15443 }, labels: { cluster: "east" }, network: "network1" }]);
            expect(se.addresses).to.deep.equal([outputOf<Record<string, string>>(plans["west-network-imports"], "addresses")["reviews.bookinfo.global"]]);
        });

        it("sends, per subset, the SNI east's gateway has a filter chain for", () => {
            const dr = spec(objectOf(plans["west-network-imports"], "DestinationRule", "reviews.bookinfo.global", "bookinfo"));
            const admitted = autoPassthroughSnis([...objectsOf(plans["east-network"]), ...(plans["east-network"].clusterObjects ?? [])]);
            const snis = [dr.trafficPolicy.tls.sni, ...dr.subsets.map((s: any) => s.trafficPolicy.tls.sni)];
            expect(snis).to.deep.equal([
                "outbound_.9080_._.reviews.bookinfo.svc.cluster.local",
                "outbound_.9080_.v2_.reviews.bookinfo.svc.cluster.local",
                "outbound_.9080_.v3_.reviews.bookinfo.svc.cluster.local",
            ]);
            for (const sni of snis) expect(admitted.has(sni), sni).to.equal(true);
            // No selector: the host's one endpoint is east's gateway (a labelled subset trips IST0173, which counts Pods only).
            expect(dr.subsets.map((s: any) => s.labels)).to.deep.equal([undefined, undefined]);
            // What a sidecar would send without tls.sni: its own cluster name, which east has no chain for.
            expect(admitted.has("outbound_.9080_.v2_.reviews.bookinfo.global")).to.equal(false);
        });

        it("routes jason to reviews v2/v3 in east 50/50 and everyone else to local v1 (seed 002)", () => {
            const vs = spec(objectOf(plans["west-network-imports"], "VirtualService", "route-reviews", "bookinfo"));
            expect(vs.hosts).to.deep.equal(["reviews.bookinfo.svc.cluster.local"]);
            const [jason, others] = vs.http;
            expect(jason.match).to.deep.equal([{ headers: { "end-user": { exact: "jason" } } }]);
            expect(jason.route.map((r: any) => [r.destination.host, r.destination.subset, r.weight])).to.deep.equal([
                ["reviews.bookinfo.global", "v2", 50],
                ["reviews.bookinfo.global", "v3", 50],
            ]);
            expect(others.match).to.equal(undefined);
            expect(others.route.map((r: any) => [r.destination.host, r.destination.subset, r.weight])).to.deep.equal([["reviews.bookinfo.svc.cluster.local", "v1", 100]]);
        });

        it("sends sleep's calls to httpbin.bar.global through its egress gateway, which passes them through by SNI to east (seed 004)", () => {
            const p = plans["west-network-imports"];
            const se = spec(objectOf(p, "ServiceEntry", "httpbin.bar.global", "foo"));
            expect(se.endpoints).to.deep.equal([{ address: "istio-network-egressgateway.istio-network-egress.svc.cluster.local", ports: { "http-8000": 15443 }, labels: { cluster: "east" } }]);
            expect(se.resolution).to.equal("DNS");
            const route = spec(objectOf(p, "VirtualService", "cross-network-egress-east", "istio-network-egress"));
            expect(route.tls).to.deep.equal([
                {
                    match: [{ port: 15443, sniHosts: ["outbound_.8000_._.httpbin.bar.svc.cluster.local"] }],
                    route: [{ destination: { host: "east.network-gateways.meshfed", port: { number: 15443 } } }],
                },
            ]);
            const peer = spec(objectOf(p, "ServiceEntry", "peer-gateway-east", "istio-network-egress"));
            // Mesh-external: pilot wraps no second TLS around the callers' own.
            expect(peer).to.deep.include({ location: "MESH_EXTERNAL", resolution: "STATIC", exportTo: ["."] });
        });

        it("gives each import a distinct virtual IP in 240.0.0.0/4, outside Istio's 240.240.0.0/16", () => {
            const addresses = Object.values(outputOf<Record<string, string>>(plans["west-network-imports"], "addresses"));
            expect(new Set(addresses).size).to.equal(2);
            for (const a of addresses) {
                const [first, second] = a.split(".").map(Number);
                expect(first >= 240 && !(first === 240 && second === 240), a).to.equal(true);
            }
        });
    });

    describe("mutual TLS end to end through east's passthrough gateway", () => {
        const files = (c: string) => secretData(plans[`${c}-mesh`], "meshfed-cacerts");
        const leaf = async (c: string, ns: string, sa: string) => {
            const f = files(c);
            const w = await signWorkload(f[CA_CERT_FILES.cert], secretData(plans[`${c}-ca-request`], "meshfed-ca-key")[CA_KEY_FILE], `spiffe://cluster.local/ns/${ns}/sa/${sa}`);
            return { key: w.key, cert: w.cert + f[CA_CERT_FILES.chain], ca: f[CA_CERT_FILES.root] };
        };
        const admitted = () => autoPassthroughSnis([...objectsOf(plans["east-network"]), ...(plans["east-network"].clusterObjects ?? [])]);

        it("connects west's productpage to east's reviews v2 with the SNI west's DestinationRule sends", async () => {
            const sni = spec(objectOf(plans["west-network-imports"], "DestinationRule", "reviews.bookinfo.global", "bookinfo")).subsets[0].trafficPolicy.tls.sni;
            const result = await throughPassthrough(admitted(), await leaf("east", "bookinfo", "bookinfo-reviews"), await leaf("west", "bookinfo", "bookinfo-productpage"), sni);
            expect(result, result.error).to.deep.include({ admitted: true, ok: true });
        });

        it("closes a connection for a service east runs but does not export (ratings), whatever certificate the caller holds", async () => {
            expect(plans["east-network"].clusterObjects?.some((o) => o.kind === "Service" && o.metadata.name === "ratings")).to.equal(true);
            const result = await throughPassthrough(
                admitted(),
                await leaf("east", "bookinfo", "bookinfo-ratings"),
                await leaf("west", "bookinfo", "bookinfo-productpage"),
                "outbound_.9080_._.ratings.bookinfo.svc.cluster.local",
            );
            expect(result).to.deep.include({ admitted: false, ok: false });
        });
    });
});
