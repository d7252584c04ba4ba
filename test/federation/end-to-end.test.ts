import { expect } from "chai";
import { X509Certificate } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse, stringify } from "yaml";
import { plan } from "../../cli/plan";
import { writeStackPlan } from "../../cli/plan-files";
import { planMeshfedStack as planStack } from "../../cli/offline";
import { PlanError, StackPlan } from "../../engine/run-stack";
import { readStackConfig } from "../../engine/stack-config";
import { SimulatedCluster } from "../../engine/kubernetes";
import { manifestsOf } from "../../engine/manifests";
import { reveal } from "../../engine/secrets";
import meshfed from "../../index";
import { handshake } from "../support/mtls";
import { scratchDir } from "../support/plan";
import { objectOf, outputOf, secretData } from "../support/records";

const EXAMPLE_STACKS = path.join(__dirname, "..", "..", "stacks");
const quiet = () => undefined;

/** The example stacks plus any extra ones, in a scratch stacks directory. */
function stacksWith(extra: Record<string, string> = {}): string {
    const dir = scratchDir("meshfed-stacks-");
    // The gateway-federation example only: stacks/ also holds the other models' examples.
    for (const f of fs.readdirSync(EXAMPLE_STACKS).filter((f) => /^Pulumi\.cluster[12](-federation)?\.yaml$/.test(f))) {
        fs.copyFileSync(path.join(EXAMPLE_STACKS, f), path.join(dir, f));
    }
    for (const [stack, yaml] of Object.entries(extra)) fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), yaml);
    return dir;
}

const CLUSTER3 = `config:
  meshfed:cluster: { name: cluster3 }
  meshfed:trust: { federationHost: c3.example.com }
  meshfed:gateways: { egress: { peers: [cluster2] } }
`;

describe("federation end to end: cluster2 exposes reviews v2, cluster1 consumes it", () => {
    let out: string;
    let stacksDir: string;
    let plans: Map<string, StackPlan>;
    before(async () => {
        out = scratchDir();
        stacksDir = stacksWith({ cluster3: CLUSTER3 });
        plans = new Map((await plan({ outDir: out, showSecrets: false, stacksDir, log: quiet })).map((p) => [p.stack, p]));
    });
    const get = (stack: string) => plans.get(stack)!;

    it("plans identity stacks before the federation stacks that read them", () => {
        const order = [...plans.keys()];
        expect(order.indexOf("cluster2")).to.be.below(order.indexOf("cluster1-federation"));
        expect(order.indexOf("cluster1")).to.be.below(order.indexOf("cluster2-federation"));
    });

    it("publishes a public contract with host, address, port, CA and the service exported to cluster1", () => {
        const contract = outputOf<any>(get("cluster2"), "federation");
        expect(contract).to.include({ version: 1, cluster: "cluster2", host: "c2.example.com", port: 15443 });
        expect(contract.address.ip).to.match(/^192\.0\.2\./);
        expect(contract.caCertPem).to.contain("BEGIN CERTIFICATE");
        expect(contract.services).to.deep.equal([{ name: "reviews-v2", namespace: "bookinfo", pathPrefix: "/bookinfo/reviews-v2/", consumers: ["cluster1"] }]);
        expect(JSON.stringify(contract)).not.to.contain("PRIVATE KEY");
    });

    it("lets cluster1's egress gateway through cluster2's ingress gateway with SNI cluster1.c2.example.com", async () => {
        const server = secretData(get("cluster2"), "federation-ingress");
        const bundle = secretData(get("cluster2-federation"), "federation-ingress-cluster1-cacert")["ca.crt"];
        const client = secretData(get("cluster1"), "federation-egress-cluster2");
        const clientBundle = secretData(get("cluster1-federation"), "federation-egress-cluster2-cacert")["ca.crt"];
        const result = await handshake(
            { key: server["tls.key"], cert: server["tls.crt"], ca: bundle },
            { key: client["tls.key"], cert: client["tls.crt"], ca: clientBundle, verifyHost: "c2.example.com" },
            "cluster1.c2.example.com",
        );
        expect(result).to.deep.equal({ ok: true });
    });

    it("refuses a third cluster the service was not exported to", async () => {
        const server = secretData(get("cluster2"), "federation-ingress");
        const bundle = secretData(get("cluster2-federation"), "federation-ingress-cluster1-cacert")["ca.crt"];
        const intruder = secretData(get("cluster3"), "federation-egress-cluster2");
        const result = await handshake(
            { key: server["tls.key"], cert: server["tls.crt"], ca: bundle },
            { key: intruder["tls.key"], cert: intruder["tls.crt"], ca: outputOf<string>(get("cluster2"), "caCertPem"), verifyHost: "c2.example.com" },
            "cluster1.c2.example.com",
        );
        expect(result.ok).to.equal(false);
        expect(result.error).to.contain("server: UNABLE_TO_VERIFY_LEAF_SIGNATURE");
        // Nor has cluster3 a server of its own at cluster2: nothing is exported to it.
        const gateway = objectOf(get("cluster2-federation"), "Gateway", "federation-ingress") as any;
        expect(gateway.spec.servers.map((s: any) => s.hosts)).to.deep.equal([["cluster1.c2.example.com"]]);
    });

    it("admits only cluster1, by its own CA, certificate name and policy, to reviews-v2 only", () => {
        const gateway = objectOf(get("cluster2-federation"), "Gateway", "federation-ingress") as any;
        expect(gateway.spec.servers[0].tls).to.deep.equal({
            mode: "MUTUAL",
            credentialName: "federation-ingress",
            caCertCredentialName: "federation-ingress-cluster1-cacert",
            subjectAltNames: ["c1.example.com"],
        });
        const policy = objectOf(get("cluster2-federation"), "AuthorizationPolicy", "federation-ingress") as any;
        expect(policy.spec.rules).to.deep.equal([
            { from: [{ source: { principals: ["c1.example.com"] } }], to: [{ operation: { hosts: ["cluster1.c2.example.com"], paths: ["/bookinfo/reviews-v2/*"] } }] },
        ]);
        // The principal is what cluster1's egress certificate carries as its URI SAN.
        const cert = new X509Certificate(secretData(get("cluster1"), "federation-egress-cluster2")["tls.crt"]);
        expect(cert.subjectAltName).to.equal("DNS:c1.example.com, URI:spiffe://c1.example.com");
    });

    it("sends jason to cluster2's v2 and splits the rest 50/50 between local v1 and remote v2", () => {
        const vs = objectOf(get("cluster1-federation"), "VirtualService", "import-default-reviews", "default") as any;
        const [canary, split] = vs.spec.http;
        const egress = "istio-private-egressgateway.istio-federation-egress.svc.cluster.local";
        expect(canary.match).to.deep.equal([{ headers: { "end-user": { exact: "jason" } } }]);
        expect(canary.route.map((r: any) => r.destination.host)).to.deep.equal([egress]);
        expect(split.route.map((r: any) => [r.destination.host, r.destination.subset, r.weight])).to.deep.equal([
            ["reviews.default.svc.cluster.local", "v1", 50],
            [egress, "peer-cluster2", 50],
        ]);
    });

    it("funnels the remote share through the egress gateway to c2.example.com:15443 under the exported path", () => {
        // The caller marks the remote share: cluster1's name at cluster2, and which export it is for.
        const caller = objectOf(get("cluster1-federation"), "VirtualService", "import-default-reviews", "default") as any;
        expect(caller.spec.http[1].route[1].headers).to.deep.equal({
            request: { set: { ":authority": "cluster1.c2.example.com", "x-meshfed-export": "/bookinfo/reviews-v2/" } },
        });
        const vs = objectOf(get("cluster1-federation"), "VirtualService", "peer-cluster2", "istio-federation-egress") as any;
        expect(vs.spec.hosts).to.deep.equal(["cluster1.c2.example.com"]);
        expect(vs.spec.http[0].match[0].headers).to.deep.equal({ "x-meshfed-export": { exact: "/bookinfo/reviews-v2/" } });
        expect(vs.spec.http[0].rewrite).to.deep.equal({ uri: "/bookinfo/reviews-v2/", authority: "cluster1.c2.example.com" });
        expect(vs.spec.http[0].route[0].destination).to.deep.equal({ host: "c2.example.com", port: { number: 15443 } });
        const ingressRoute = objectOf(get("cluster2-federation"), "VirtualService", "export-bookinfo-reviews-v2") as any;
        expect(ingressRoute.spec.hosts).to.deep.equal(["cluster1.c2.example.com"]);
        expect(ingressRoute.spec.http[0].match).to.deep.equal([{ uri: { prefix: "/bookinfo/reviews-v2/" } }]);
        expect(ingressRoute.spec.http[0].route[0].destination).to.deep.equal({
            host: "myreviews.bookinfo.svc.cluster.local",
            port: { number: 9080 },
            subset: "v2",
        });
    });

    it("re-planning cluster2 behind a hostname load balancer changes only cluster1's remote endpoint", async () => {
        // cluster2 is deployed again (its state kept) on a cloud that gives DNS names; then cluster1-federation.
        const config = readStackConfig(stacksDir, "cluster2");
        config.values["meshfed:offline"] = JSON.stringify({ loadBalancer: "hostname" });
        const reOut = scratchDir();
        for (const s of ["cluster1", "cluster2"]) writeStackPlan(reOut, get(s), true);
        const cluster2 = await planStack({ program: meshfed, config, outDir: reOut, previous: get("cluster2").records, cluster: new SimulatedCluster("cluster2") });
        writeStackPlan(reOut, cluster2, true);
        const cluster1 = new SimulatedCluster("cluster1");
        cluster1.seed(get("cluster1").cluster.objects());
        const again = await planStack({ program: meshfed, config: readStackConfig(stacksDir, "cluster1-federation"), outDir: reOut, cluster: cluster1 });

        const byKey = (p: StackPlan) =>
            new Map(manifestsOf(p.records).map(({ object }) => [`${object.kind} ${object.metadata.namespace}/${object.metadata.name}`, JSON.stringify(reveal(object))]));
        const before = byKey(get("cluster1-federation"));
        const after = byKey(again);
        expect([...after.keys()].sort()).to.deep.equal([...before.keys()].sort());
        const changed = [...after.keys()].filter((k) => after.get(k) !== before.get(k));
        expect(changed).to.deep.equal(["ServiceEntry istio-federation-egress/peer-cluster2"]);
        const entry = objectOf(again, "ServiceEntry", "peer-cluster2") as any;
        expect(entry.spec.resolution).to.equal("DNS");
        expect(entry.spec.endpoints[0].address).to.match(/\.elb\.offline\.example\.com$/);
    });

    describe("bad imports fail with the key and nothing registered", () => {
        const importing = (imports: unknown[], peers: Record<string, unknown> = { cluster2: { stack: "cluster2" } }) => {
            const config = readStackConfig(stacksDir, "cluster1-federation");
            const federation = JSON.parse(config.values["meshfed:federation"]);
            config.values["meshfed:federation"] = JSON.stringify({ ...federation, peers, imports });
            return planStack({ program: meshfed, config, outDir: out });
        };
        const base = { peer: "cluster2", service: { name: "reviews-v2", namespace: "bookinfo" }, as: { name: "reviews", namespace: "default", port: 9080 } };
        const failure = async (p: Promise<unknown>) => {
            try {
                await p;
            } catch (err) {
                expect(err).to.be.instanceOf(PlanError);
                expect((err as PlanError).records.filter((r) => r.custom && !r.read), "resources registered").to.deep.equal([]);
                return (err as PlanError).message;
            }
            throw new Error("expected the plan to fail");
        };

        it("a service the peer does not export", async () => {
            const message = await failure(importing([{ ...base, service: { name: "ratings", namespace: "bookinfo" } }]));
            expect(message).to.contain('meshfed:federation.imports[0].service: "bookinfo/ratings" is not valid; cluster2 does not export it; it exports: bookinfo/reviews-v2');
        });

        it("a service not exported to this cluster", async () => {
            const outsider = readStackConfig(stacksDir, "cluster1-federation");
            const federation = JSON.parse(outsider.values["meshfed:federation"]);
            outsider.values["meshfed:cluster"] = JSON.stringify({ name: "cluster3" });
            outsider.values["meshfed:federation"] = JSON.stringify({ ...federation, identityStack: "cluster3", imports: [{ ...base }] });
            delete outsider.values["meshfed:offline"];
            const message = await failure(planStack({ program: meshfed, config: { ...outsider, stack: "cluster3-federation" }, outDir: out }));
            expect(message).to.contain('"bookinfo/reviews-v2" is not valid; cluster2 exports it only to cluster1, not to cluster3');
        });

        it("two imports under one local name", async () => {
            const message = await failure(importing([base, { ...base }]));
            expect(message).to.contain('meshfed:federation.imports[1].as: "default/reviews" is not valid; meshfed:federation.imports[0] imports as default/reviews already');
        });

        it("a peer stack that was never planned or deployed", async () => {
            const message = await failure(importing([{ ...base, peer: "cluster9" }], { cluster9: { stack: "acme/meshfed/cluster9" } }));
            expect(message).to.contain('references stack "acme/meshfed/cluster9", which has not been planned: plan "cluster9" first');
        });
    });

    it("refuses a pooled list of trusted CAs, pointing to a peer contract instead", async () => {
        const config = readStackConfig(stacksDir, "cluster2-federation");
        const federation = JSON.parse(config.values["meshfed:federation"]);
        config.values["meshfed:federation"] = JSON.stringify({ ...federation, trustedCaCertificates: [outputOf<string>(get("cluster1"), "caCertPem")] });
        let error: unknown;
        try {
            await planStack({ program: meshfed, config, outDir: scratchDir() });
        } catch (err) {
            error = err;
        }
        expect((error as Error).message).to.contain("meshfed:federation.trustedCaCertificates");
        expect((error as Error).message).to.contain("meshfed:federation.peers.<name>.contract");
    });

    it("runs no unused gateway and opens no unused port, and keeps the ingress load balancer internal", () => {
        const releases = (stack: string) => get(stack).records.filter((r) => r.type === "kubernetes:helm.sh/v3:Release").map((r) => r.inputs as any);
        expect(releases("cluster1").map((r) => r.name)).to.deep.equal(["istio-private-egressgateway"]);
        expect(releases("cluster2").map((r) => r.name)).to.deep.equal(["istio-private-ingressgateway"]);
        const [ingress] = releases("cluster2");
        expect(ingress.values.service.type).to.equal("LoadBalancer");
        expect(ingress.values.service.annotations).to.deep.equal({ "networking.gke.io/load-balancer-type": "Internal" });
        expect(ingress.values.service.ports).to.deep.equal([{ name: "https", port: 15443, targetPort: 15443, protocol: "TCP" }]);
        const [egress] = releases("cluster1");
        expect(egress.values.service).to.deep.equal({ type: "ClusterIP", ports: [{ name: "https", port: 443, targetPort: 443, protocol: "TCP" }] });
        // No key is issued that no gateway serves: cluster1 exports nothing, so it has no server key.
        expect(get("cluster1").records.filter((r) => r.type === "tls:index/privateKey:PrivateKey").map((r) => r.name).sort()).to.deep.equal([
            "cluster1-trust-ca-key",
            "cluster1-trust-egress-key",
        ]);
    });

    it("writes to manifests.yaml exactly the objects each stack applies, one document each, in a form kubectl reads", () => {
        for (const [stack, p] of plans) {
            const docs = fs
                .readFileSync(path.join(out, stack, "manifests.yaml"), "utf8")
                .split(/^---$/m)
                .map((d) => parse(d))
                .filter((d) => d !== null && d !== undefined);
            const planned = manifestsOf(p.records).map(({ object }) => `${object.kind} ${object.metadata.namespace ?? ""}/${object.metadata.name}`);
            expect(docs.map((d) => `${d.kind} ${d.metadata.namespace ?? ""}/${d.metadata.name}`).sort(), stack).to.deep.equal(planned.sort());
            for (const d of docs) expect(d.apiVersion, `${stack} ${d.kind}`).to.be.a("string");
        }
    });
});

describe("federation with sidecars calling the peer directly", () => {
    const identity = (namespaces: string[]) => `config:
  meshfed:cluster: { name: cluster1 }
  meshfed:trust:
    federationHost: c1.example.com
    sidecarCredentialNamespaces: [${namespaces.join(", ")}]
  meshfed:gateways: { egress: { peers: [cluster2] } }
`;
    const withDirectImport = (namespaces: string[]) => {
        const dir = stacksWith({ cluster1: identity(namespaces) });
        const file = path.join(dir, "Pulumi.cluster1-federation.yaml");
        const doc = parse(fs.readFileSync(file, "utf8"));
        doc.config["meshfed:federation"].imports[0] = {
            ...doc.config["meshfed:federation"].imports[0],
            via: "sidecar",
            remoteWeight: 0,
            callers: { labels: { app: "productpage" }, serviceAccounts: ["bookinfo-productpage"] },
        };
        fs.writeFileSync(file, stringify(doc));
        return dir;
    };

    it("puts the peer's destination, the credential and the CA bundle in the callers' namespace, with zero findings", async () => {
        const plans = new Map((await plan({ outDir: scratchDir(), showSecrets: false, stacksDir: withDirectImport(["default"]), log: quiet })).map((p) => [p.stack, p]));
        const federation = plans.get("cluster1-federation")!;
        const rule = objectOf(federation, "DestinationRule", "peer-cluster2", "default").spec as any;
        expect(rule.trafficPolicy.tls).to.include({ credentialName: "federation-egress-cluster2", sni: "cluster1.c2.example.com" });
        expect(rule.workloadSelector).to.deep.equal({ matchLabels: { app: "productpage" } });
        expect(objectOf(federation, "ServiceEntry", "peer-cluster2", "default").spec).to.deep.include({ exportTo: ["."] });
        expect(objectOf(federation, "Secret", "federation-egress-cluster2-cacert", "default")).to.have.property("stringData");
        expect(objectOf(plans.get("cluster1")!, "Secret", "federation-egress-cluster2", "default").type).to.equal("kubernetes.io/tls");
        expect((objectOf(federation, "RoleBinding", "federation-credential-reader", "default") as any).subjects).to.deep.equal([
            { kind: "ServiceAccount", name: "bookinfo-productpage", namespace: "default" },
        ]);
        // Nothing goes through the egress gateway any more.
        expect(manifestsOf(federation.records).some(({ object }) => object.kind === "Gateway")).to.equal(false);
    });

    it("refuses a direct import into a namespace that has no copy of the credential", async () => {
        let message = "";
        try {
            await plan({ outDir: scratchDir(), showSecrets: false, stacksDir: withDirectImport(["bookinfo"]), log: quiet });
        } catch (err) {
            message = (err as Error).message;
        }
        expect(message).to.contain(
            'meshfed:federation.imports[0].via: "sidecar" is not valid; sidecars in default need the client credential for cluster2 there: add default to meshfed:trust.sidecarCredentialNamespaces',
        );
    });
});

describe("a cluster that only consumes", () => {
    it("runs no ingress gateway, yet publishes the CA and host exporters need to admit it", async () => {
        const consumerOnly = `config:
  meshfed:cluster: { name: cluster1 }
  meshfed:trust: { federationHost: c1.example.com }
  meshfed:gateways: { ingress: false, egress: { peers: [cluster2] } }
`;
        const plans = new Map((await plan({ outDir: scratchDir(), showSecrets: false, stacksDir: stacksWith({ cluster1: consumerOnly }), log: quiet })).map((p) => [p.stack, p]));
        const contract = outputOf<any>(plans.get("cluster1")!, "federation");
        expect(contract).not.to.have.any.keys("address", "port");
        expect(contract).to.include({ cluster: "cluster1", host: "c1.example.com" });
        expect(manifestsOf(plans.get("cluster1")!.records).length).to.be.above(0);
        const gateway = objectOf(plans.get("cluster2-federation")!, "Gateway", "federation-ingress") as any;
        expect(gateway.spec.servers[0].tls.subjectAltNames).to.deep.equal(["c1.example.com"]);
        expect(plans.get("cluster1")!.records.some((r) => r.type === "kubernetes:helm.sh/v3:Release" && (r.inputs as any).name === "istio-private-ingressgateway")).to.equal(false);
        expect(objectOf(plans.get("cluster1-federation")!, "ServiceEntry", "peer-cluster2")).to.have.property("spec");
    });
});
