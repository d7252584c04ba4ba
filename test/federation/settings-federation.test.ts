import { expect } from "chai";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { FederationContract, readContract } from "../../components/federation/contract";
import { bindImports } from "../../components/federation/import-resolution";
import { resolveImports, resolveOutlierDetection } from "../../components/federation/import-specs";
import { buildExportAuthorizationPolicy } from "../../components/federation/specs/export-authorization";
import { buildExportDestinationRules, buildExportVirtualService } from "../../components/federation/specs/export-routing";
import { buildImportObjects } from "../../components/federation/specs/import-objects";
import { buildIngressGateway } from "../../components/federation/specs/ingress-gateway-server";
import { FederationSettings, readFederation } from "../../program/federation-settings";
import { resolveFederationSettings } from "../../program/federation-stack";
import { readIdentity } from "../../program/settings";
import { formatFinding, KubeObject, loadValidator } from "../../validate";

const stackConfig = (stack: string): Record<string, unknown> =>
    parse(fs.readFileSync(path.join(__dirname, "../../stacks", `Pulumi.${stack}.yaml`), "utf8")).config;

const PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
const reviewsV2 = { name: "reviews-v2", namespace: "bookinfo", pathPrefix: "/bookinfo/reviews-v2/", consumers: ["cluster1"] };
const cluster2 = (services = [reviewsV2]): FederationContract => ({
    version: 1, cluster: "cluster2", host: "c2.example.com", address: { ip: "192.0.2.7" }, port: 15443, caCertPem: PEM, services,
});

const myreviewsV2 = (more: Record<string, unknown> = {}) => ({
    service: { name: "myreviews", namespace: "bookinfo", port: 9080 }, subset: { name: "v2", labels: { version: "v2" } }, exportAs: { name: "reviews-v2" }, consumers: ["cluster1"], ...more,
});
const reviewsImport = (more: Record<string, unknown> = {}) => ({
    peer: "cluster2", service: { name: "reviews-v2", namespace: "bookinfo" }, as: { name: "reviews", namespace: "default", port: 9080 }, localSubset: "v1", ...more,
});
/** The exports as the program resolves `meshfed:exports` (through IdentityStack's resolver). */
const readExports = (raw: unknown, cluster: string) => readIdentity({ trust: { federationHost: "c2.example.com" }, gateways: { ingress: { cloud: "gcp" } }, exports: raw }, cluster)!.value.exports;
/** cluster1's identity: an egress gateway with a credential for every peer these tests name. */
const egressNs = "istio-federation-egress";
const gateways = {
    egress: {
        namespace: egressNs, releaseName: "istio-private-egressgateway", serviceHost: `istio-private-egressgateway.${egressNs}.svc.cluster.local`, selector: { istio: "private-egressgateway" },
        credentials: { cluster2: "federation-egress-cluster2", partner: "federation-egress-partner" },
    },
    sidecarCredentials: {},
};
/** `meshfed:federation` resolved as the program does, each meshfed peer's stack publishing cluster2's contract under its own name. */
const resolveFederation = (f: FederationSettings) =>
    resolveFederationSettings("cluster1", f, { gateways, peers: Object.fromEntries(Object.entries(f.peers).map(([n, p]) => [n, p.contract ?? { ...cluster2(), cluster: n }])) });
const federation = (imports: unknown[], peers: Record<string, unknown> = { cluster2: { stack: "cluster2" } }) =>
    resolveFederation(readFederation({ identityStack: "cluster1", peers, imports }, "cluster1"));
const importsOf = (f: FederationSettings) => resolveFederation(f).value.importing!.value.imports;
const bind = (services: (typeof reviewsV2)[], imports = [reviewsImport()], peers?: Record<string, FederationContract>) =>
    bindImports("meshfed:federation.imports", resolveImports("meshfed:federation.imports", imports), peers ?? { cluster2: cluster2(services) }, "cluster1");

describe("federation settings as the stacks spell them", () => {
    it("cluster2 exports myreviews v2 as bookinfo/reviews-v2 to cluster1, at /bookinfo/reviews-v2/", () => {
        const [e, ...others] = readExports(stackConfig("cluster2")["meshfed:exports"], "cluster2");

        expect(others).to.be.empty;
        expect(e.service).to.deep.equal({ name: "myreviews", namespace: "bookinfo", port: 9080 });
        expect(e.subset).to.deep.equal({ name: "v2", labels: { version: "v2" } });
        expect(e.exportAs).to.deep.equal({ name: "reviews-v2", namespace: "bookinfo" });
        expect(e.consumers).to.deep.equal(["cluster1"]);
        expect(e.pathPrefix).to.equal("/bookinfo/reviews-v2/");
    });

    it("cluster1 imports it as reviews.default:9080 next to local v1, jason to the peer, the rest 50/50", () => {
        const f = readFederation(stackConfig("cluster1-federation")["meshfed:federation"], "cluster1");
        const imports = importsOf(f);

        expect(f.identityStack).to.equal("cluster1");
        expect(Object.keys(f.peers)).to.deep.equal(["cluster2"]);
        expect(imports).to.have.lengthOf(1);
        expect(imports[0]).to.include({ peer: "cluster2", localSubset: "v1", remoteWeight: 50, via: "egressGateway" });
        expect(imports[0].as).to.deep.equal({ name: "reviews", namespace: "default", port: 9080 });
        expect(imports[0].canary).to.deep.equal({ "end-user": { exact: "jason" } });
    });

    it("accepts a peer given as its stack name alone, leaving outlier detection to its defaults", () => {
        const f = readFederation({ identityStack: "cluster1", peers: { cluster2: "acme/meshfed/cluster2" } }, "cluster1");

        expect(f.peers.cluster2.stack).to.equal("acme/meshfed/cluster2");
        expect(f.peers.cluster2.contract).to.equal(undefined);
        expect(resolveOutlierDetection("p", f.peers.cluster2.outlierDetection)).to.include({ consecutiveGatewayErrors: 5, consecutive5xxErrors: 0, maxEjectionPercent: 50 });
        expect(resolveFederation(f).value.importing).to.equal(undefined);
    });

    it("keeps each peer's own outlier detection, and false for a peer where it is off", () => {
        const f = readFederation(
            { identityStack: "cluster1", peers: { cluster2: { stack: "cluster2", outlierDetection: { consecutiveGatewayErrors: 2 } }, cluster3: { stack: "cluster3", outlierDetection: false } } },
            "cluster1",
        );

        expect(f.peers.cluster2.outlierDetection).to.deep.equal({ consecutiveGatewayErrors: 2 });
        expect(f.peers.cluster3.outlierDetection).to.equal(false);
    });

    it("accepts a peer outside meshfed described by its contract, and imports from it", () => {
        const services = [reviewsV2];
        const f = readFederation(
            {
                identityStack: "cluster1",
                peers: { partner: { contract: { host: "mesh.partner.example", caCertPem: PEM, address: { hostname: "lb.partner.example" }, port: 443, services } } },
                imports: [reviewsImport({ peer: "partner" })],
            },
            "cluster1",
        );
        const contract = f.peers.partner.contract!;

        expect(f.peers.partner.stack).to.equal(undefined);
        expect(contract).to.deep.equal({ version: 1, cluster: "partner", host: "mesh.partner.example", caCertPem: PEM, address: { hostname: "lb.partner.example" }, port: 443, services });
        const [b] = bindImports("meshfed:federation.imports", importsOf(f), { partner: contract }, "cluster1");
        expect(b.peer.host).to.equal("mesh.partner.example");
        expect(b.exported.pathPrefix).to.equal("/bookinfo/reviews-v2/");
    });

    it("exports each consumer once, however often it is listed", () => {
        expect(readExports([myreviewsV2({ consumers: ["cluster1", "cluster3", "cluster1"] })], "cluster2")[0].consumers).to.deep.equal(["cluster1", "cluster3"]);
    });

    it("binds cluster1's import to what cluster2 publishes", () => {
        const [binding] = bind([reviewsV2]);

        expect(binding.peer.host).to.equal("c2.example.com");
        expect(binding.exported.pathPrefix).to.equal("/bookinfo/reviews-v2/");
    });

    it("reads a well-formed peer contract as published", () => {
        expect(readContract("cluster2", { federation: cluster2() })).to.deep.equal(cluster2());
    });

    it("yields, from the stacks' own config, objects that pass the Istio 1.30.3 schema and CEL rules", async () => {
        const validator = await loadValidator();
        const exports = readExports(stackConfig("cluster2")["meshfed:exports"], "cluster2");
        const f = readFederation(stackConfig("cluster1-federation")["meshfed:federation"], "cluster1");
        const resolved = resolveFederation(f).value.importing!;
        const bindings = bindImports("meshfed:federation.imports", resolved.value.imports, { cluster2: cluster2() }, "cluster1");
        const consumer = { cluster: "cluster1", sni: "cluster1.c2.example.com", snis: ["cluster1.c2.example.com"], host: "c1.example.com", caBundle: "federation-ingress-cluster1-cacert" };
        const ns = "istio-federation-ingress";
        const { objects: imported } = buildImportObjects(bindings, {
            self: "cluster1",
            egress: { namespace: egressNs, selector: { istio: "private-egressgateway" }, serviceHost: `istio-private-egressgateway.${egressNs}.svc.cluster.local`, credentials: { cluster2: "federation-egress-cluster2" } },
            sidecarCredentials: {},
            outlierDetection: (peer) => resolveOutlierDetection(peer, f.peers[peer].outlierDetection),
            dnsProxy: resolved.args.dnsProxy ?? false,
        });
        const objects = [
            buildIngressGateway({ namespace: ns, selector: { istio: "private-ingressgateway" }, port: 15443, credentialName: "federation-ingress", consumers: [consumer] }),
            ...exports.map((e) => buildExportVirtualService(e, ns, [consumer.sni])),
            ...buildExportDestinationRules(exports, ns),
            buildExportAuthorizationPolicy(exports, ns, { istio: "private-ingressgateway" }, { cluster1: consumer }),
            ...imported,
        ];

        expect(objects.map((o) => o.kind)).to.include.members(["Gateway", "VirtualService", "DestinationRule", "AuthorizationPolicy", "ServiceEntry"]);
        for (const o of objects) {
            expect(validator.validateObject(o as KubeObject).map(formatFinding), `${o.kind}/${o.metadata.name}`).to.deep.equal([]);
        }
    });
});

describe("federation settings: bad input fails before anything is created, saying what to fix", () => {
    const cases: [string, () => unknown, string][] = [
        // meshfed:exports
        ["two exports under one exported name", () => readExports([myreviewsV2(), myreviewsV2({ subset: { name: "v3", labels: { version: "v3" } } })], "cluster2"),
            'meshfed:exports[1].exportAs: "bookinfo/reviews-v2" is not valid; meshfed:exports[0] is exported as bookinfo/reviews-v2 already: each exported name once'],
        ["an export to the exporting cluster itself", () => readExports([myreviewsV2({ consumers: ["cluster1", "cluster2"] })], "cluster2"),
            'meshfed:exports[0].consumers[1]: "cluster2" is not valid; a cluster does not import its own services'],
        ["an export to no one", () => readExports([myreviewsV2({ consumers: [] })], "cluster2"),
            "meshfed:exports[0].consumers: [] is not valid; expected the federation names of the clusters allowed to consume it, at least one"],
        ["an export with no consumers key", () => readExports([myreviewsV2({ consumers: undefined })], "cluster2"),
            "meshfed:exports[0].consumers: a missing value is not valid; expected the federation names of the clusters allowed to consume it, at least one"],
        ["a subset with empty labels", () => readExports([myreviewsV2({ subset: { name: "v2", labels: {} } })], "cluster2"),
            "meshfed:exports[0].subset.labels: {} is not valid; a subset selects pods by at least one label"],
        ["a subset without labels", () => readExports([myreviewsV2({ subset: { name: "v2" } })], "cluster2"),
            "meshfed:exports[0].subset.labels: a missing value is not valid; expected an object (a YAML map)"],
        ["one subset name for two sets of pods", () => readExports([myreviewsV2(), myreviewsV2({ exportAs: { name: "reviews-v3" }, subset: { name: "v2", labels: { version: "v3" } } })], "cluster2"),
            'meshfed:exports[1].subset: {"name":"v2","labels":{"version":"v3"}} is not valid; subset v2 of bookinfo/myreviews is defined by meshfed:exports[0] with labels {"version":"v2"}'],
        ["two exports whose object names would clash", () => readExports([myreviewsV2({ exportAs: { name: "c", namespace: "a-b" } }), myreviewsV2({ exportAs: { name: "b-c", namespace: "a" }, subset: undefined })], "cluster2"),
            'meshfed:exports[1].exportAs: "a/b-c" is not valid; its objects would be named export-a-b-c, like those of a-b/c'],
        // meshfed:federation.imports
        ["two imports under one local name", () => federation([reviewsImport(), reviewsImport({ service: { name: "ratings", namespace: "bookinfo" } })]),
            'meshfed:federation.imports[1].as: "default/reviews" is not valid; meshfed:federation.imports[0] imports as default/reviews already: each local name once'],
        ["a local share without a local version", () => federation([reviewsImport({ localSubset: undefined, remoteWeight: 50 })]),
            "meshfed:federation.imports[0].remoteWeight: 50 is not valid; keeping traffic local needs a local version: set localSubset"],
        ["a canary header with two conditions", () => federation([reviewsImport({ canary: { "end-user": { exact: "jason", prefix: "j" } } })]),
            'meshfed:federation.imports[0].canary.end-user: {"exact":"jason","prefix":"j"} is not valid; expected exactly one of { exact }, { prefix }, { regex }'],
        ["a canary header condition Istio does not know", () => federation([reviewsImport({ canary: { "end-user": { contains: "jason" } } })]),
            'meshfed:federation.imports[0].canary.end-user: {"contains":"jason"} is not valid; expected exactly one of { exact }, { prefix }, { regex }'],
        ["a canary matching no header", () => federation([reviewsImport({ canary: {} })]),
            "meshfed:federation.imports[0].canary: {} is not valid; a canary matches at least one header"],
        ["an outlier interval that is not a duration", () => federation([], { cluster2: { stack: "cluster2", outlierDetection: { interval: "10 seconds" } } }),
            'meshfed:federation.peers.cluster2.outlierDetection.interval: "10 seconds" is not valid; expected a duration of at least 1ms with its unit, such as 10s, 500ms or 1m'],
        ["an ejection time without a unit", () => federation([], { cluster2: { stack: "cluster2", outlierDetection: { baseEjectionTime: "30" } } }),
            'meshfed:federation.peers.cluster2.outlierDetection.baseEjectionTime: "30" is not valid; expected a duration of at least 1ms with its unit, such as 10s, 500ms or 1m'],
        ["an ejection time of zero, which Istio refuses", () => federation([], { cluster2: { stack: "cluster2", outlierDetection: { baseEjectionTime: "0.5ms" } } }),
            'meshfed:federation.peers.cluster2.outlierDetection.baseEjectionTime: "0.5ms" is not valid; expected a duration of at least 1ms'],
        ["two imports whose object names would clash", () => federation([reviewsImport({ as: { name: "b-c", namespace: "a", port: 9080 } }), reviewsImport({ as: { name: "c", namespace: "a-b", port: 9080 } })]),
            'meshfed:federation.imports[1].as: "a-b/c" is not valid; its objects would be named import-a-b-c, like those of a/b-c'],
        ["an outlier setting Istio would count the application's own errors by", () => federation([], { cluster2: { stack: "cluster2", outlierDetection: { consecutive5xxErrors: 5 } } }),
            "meshfed:federation.peers.cluster2.outlierDetection.consecutive5xxErrors: 5 is not valid; unknown setting"],
        // meshfed:federation.peers
        ["a pooled list of trusted CAs", () => readFederation({ identityStack: "cluster1", trustedCaCertificates: [PEM] }, "cluster1"),
            'meshfed:federation.trustedCaCertificates: "(set)" is not valid; a pooled list of CAs would let any of them issue another peer\'s identity: declare each peer outside meshfed as meshfed:federation.peers.<name>.contract'],
        ["a peer with both a stack and a contract", () => federation([], { cluster2: { stack: "cluster2", contract: { host: "c2.example.com", caCertPem: PEM } } }),
            "meshfed:federation.peers.cluster2: {\"stack\":\"cluster2\",\"contract\":{"],
        ["a peer with both a stack and a contract, saying to choose", () => federation([], { cluster2: { stack: "cluster2", contract: { host: "c2.example.com", caCertPem: PEM } } }),
            "is not valid; expected either stack (the peer's meshfed identity stack) or contract (a peer outside meshfed), not both"],
        ["a peer with neither a stack nor a contract", () => federation([], { cluster2: { outlierDetection: false } }),
            "meshfed:federation.peers.cluster2: {\"outlierDetection\":false} is not valid; expected either stack"],
        ["a peer contract whose CA is a private key", () => federation([], { cluster2: { contract: { host: "c2.example.com", caCertPem: "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n" } } }),
            'meshfed:federation.peers.cluster2.contract.caCertPem[0]: "(PEM PRIVATE KEY, not shown)" is not valid'],
        ["a callers setting on an import through the egress gateway", () => federation([reviewsImport({ callers: { labels: { app: "a" }, serviceAccounts: ["a"] } })]),
            "meshfed:federation.imports[0].callers: {\"labels\":{\"app\":\"a\"},\"serviceAccounts\":[\"a\"]} is not valid; callers are named only for via: sidecar"],
        ["a sidecar import without callers", () => federation([reviewsImport({ via: "sidecar", remoteWeight: 0 })]),
            "meshfed:federation.imports[0].callers: a missing value is not valid; via: sidecar needs the calling workloads"],
        ["sidecar callers without a ServiceAccount", () => federation([reviewsImport({ via: "sidecar", remoteWeight: 0, callers: { labels: { app: "a" }, serviceAccounts: [] } })]),
            "meshfed:federation.imports[0].callers.serviceAccounts: [] is not valid; expected the callers' ServiceAccount names, at least one"],
        ["sidecar callers selected by no label", () => federation([reviewsImport({ via: "sidecar", remoteWeight: 0, callers: { labels: {}, serviceAccounts: ["a"] } })]),
            "meshfed:federation.imports[0].callers.labels: {} is not valid; select the callers by at least one label"],
        ["an import from a peer not listed in peers", () => federation([reviewsImport({ peer: "cluster3" })]),
            'meshfed:federation.imports[0].peer: "cluster3" is not valid; not a configured peer; configured: cluster2'],
        ["a peer named like the cluster itself", () => federation([], { cluster1: "cluster1" }),
            'meshfed:federation.peers.cluster1: "cluster1" is not valid; a cluster is not its own peer: its identity stack is identityStack'],
        // imports against the peers' contracts
        ["an import from a peer whose contract was not read", () => bind([reviewsV2], [reviewsImport()], { cluster3: { ...cluster2(), cluster: "cluster3" } }),
            'meshfed:federation.imports[0].peer: "cluster2" is not valid; not a configured peer; configured: cluster3'],
        ["an import of a service the peer does not export", () => bind([{ ...reviewsV2, name: "ratings", pathPrefix: "/bookinfo/ratings/" }, { ...reviewsV2, name: "details", pathPrefix: "/bookinfo/details/" }]),
            'meshfed:federation.imports[0].service: "bookinfo/reviews-v2" is not valid; cluster2 does not export it; it exports: bookinfo/details, bookinfo/ratings'],
        ["an import from a peer that exports nothing", () => bind([]),
            'meshfed:federation.imports[0].service: "bookinfo/reviews-v2" is not valid; cluster2 does not export it; it exports: nothing'],
        ["an import of a service exported to other clusters only", () => bind([{ ...reviewsV2, consumers: ["cluster3", "cluster4"] }]),
            'meshfed:federation.imports[0].service: "bookinfo/reviews-v2" is not valid; cluster2 exports it only to cluster3, cluster4, not to cluster1'],
        // a peer's contract
        ["a peer stack without the federation output", () => readContract("acme/meshfed/cluster2", { exports: [] }),
            'stack "acme/meshfed/cluster2": output federation is missing: is "acme/meshfed/cluster2" a meshfed identity stack with meshfed:trust set, deployed with a meshfed that publishes contract version 1?'],
        ["a contract of another version", () => readContract("cluster2", { federation: { ...cluster2(), version: 2 } }),
            'stack "cluster2": output federation.version is 2; this meshfed reads version 1: upgrade the older side'],
        ["a contract without caCertPem", () => readContract("cluster2", { federation: { ...cluster2(), caCertPem: undefined } }),
            'stack "cluster2": output federation.caCertPem must be a non-empty string'],
        ["a contract with port 0", () => readContract("cluster2", { federation: { ...cluster2(), port: 0 } }),
            'stack "cluster2": output federation.port must be a port number from 1 to 65535'],
        ["a contract with both an IP and a hostname", () => readContract("cluster2", { federation: { ...cluster2(), address: { ip: "192.0.2.1", hostname: "c2.example.com" } } }),
            'stack "cluster2": output federation.address must be exactly one of { ip } or { hostname }'],
        ["a contract whose caCertPem is not a certificate", () => readContract("cluster2", { federation: { ...cluster2(), caCertPem: "-----BEGIN PRIVATE KEY-----" } }),
            'stack "cluster2": output federation.caCertPem is not a PEM certificate'],
    ];
    for (const [what, run, message] of cases) {
        it(`rejects ${what}`, () => {
            expect(run).to.throw(message);
        });
    }
});
