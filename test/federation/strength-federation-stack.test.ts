/**
 * A federation stack read against identity stacks' published outputs (written here as a planned stack
 * would leave them, so each case says exactly what its identity stack publishes): what it creates and
 * publishes for a consumer of two peers, a cluster that only exports, one without an egress gateway, and
 * what it refuses before creating anything.
 */
import { expect } from "chai";
import * as fs from "node:fs";
import * as path from "node:path";
import { StackPlan } from "../../engine/run-stack";
import { reveal } from "../../engine/secrets";
import { outputsFile } from "../../engine/stack-refs";
import { planMeshfed, rejectionOf, scratchDir } from "../support/plan";

const EGRESS_NS = "istio-federation-egress";
const INGRESS_NS = "istio-federation-ingress";
const pem = (body: string) => `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`;
const egressGateway = (credentials: Record<string, string>) => ({
    namespace: EGRESS_NS, releaseName: "istio-private-egressgateway", selector: { istio: "private-egressgateway" },
    serviceHost: `istio-private-egressgateway.${EGRESS_NS}.svc.cluster.local`, credentials,
});
const ingressGateway = {
    namespace: INGRESS_NS, releaseName: "istio-private-ingressgateway", selector: { istio: "private-ingressgateway" },
    serviceHost: `istio-private-ingressgateway.${INGRESS_NS}.svc.cluster.local`, port: 15443, credentialName: "federation-ingress",
};
const exported = (name: string, consumers: string[], namespace = "bookinfo") => ({
    exportAs: { name, namespace }, pathPrefix: `/${namespace}/${name}/`, service: { name, namespace, port: 9080 }, consumers,
});
const contract = (cluster: string, n: number, services: { exportAs: { name: string; namespace: string }; pathPrefix: string; consumers: string[] }[], reachable = true) => ({
    version: 1, cluster, host: `c${n}.example.com`, caCertPem: pem(`Qz${n}D`),
    ...(reachable ? { address: { ip: `192.0.2.${n}` }, port: 15443 + n } : {}),
    services: services.map((s) => ({ ...s.exportAs, pathPrefix: s.pathPrefix, consumers: s.consumers })),
});

/** The outputs an identity stack publishes, as `npm run plan` writes them for StackReferences to read. */
interface Identity {
    federation: unknown;
    exports?: unknown;
    gateways?: unknown;
}
// A second reviews-v2, in another namespace and listed first: an import names both namespace and name.
const cluster2Exports = [exported("reviews-v2", ["cluster1"], "store"), exported("reviews-v2", ["cluster1"]), exported("ratings", ["cluster1", "cluster4"])];
const cluster3Exports = [exported("cart", ["cluster1"])];
const IDENTITIES: Record<string, Identity> = {
    // Reachable (it runs an ingress gateway) but exports nothing; sidecars in shop hold their own copy for cluster2.
    cluster1: {
        federation: contract("cluster1", 1, []),
        exports: [],
        gateways: { ingress: ingressGateway, egress: egressGateway({ cluster2: "federation-egress-cluster2", cluster3: "federation-egress-cluster3" }), sidecarCredentials: { shop: { cluster2: "shop-cluster2" } } },
    },
    cluster2: { federation: contract("cluster2", 2, cluster2Exports), exports: cluster2Exports, gateways: { ingress: ingressGateway, sidecarCredentials: {} } },
    cluster3: { federation: contract("cluster3", 3, cluster3Exports), exports: cluster3Exports, gateways: { ingress: ingressGateway, sidecarCredentials: {} } },
    // Consumes only, by sidecars: no ingress, no egress gateway.
    cluster4: { federation: contract("cluster4", 4, [], false), exports: [], gateways: { sidecarCredentials: { web: { cluster2: "web-cluster2" } } } },
};

function publish(outDir: string, identities: Record<string, Identity>): string {
    for (const [stack, outputs] of Object.entries(identities)) {
        fs.mkdirSync(path.dirname(outputsFile(outDir, stack)), { recursive: true });
        fs.writeFileSync(outputsFile(outDir, stack), JSON.stringify(outputs));
    }
    return outDir;
}

const reviews = { peer: "cluster2", service: { name: "reviews-v2", namespace: "bookinfo" }, as: { name: "reviews", namespace: "default", port: 9080 } };
const ratingsInShop = {
    peer: "cluster2", service: { name: "ratings", namespace: "bookinfo" }, as: { name: "ratings", namespace: "shop", port: 9080 },
    via: "sidecar", remoteWeight: 100, callers: { labels: { app: "shop" }, serviceAccounts: ["shop"] },
};
const cart = { peer: "cluster3", service: { name: "cart", namespace: "bookinfo" }, as: { name: "cart", namespace: "shop", port: 8080 } };

const planFederation = (cluster: string, federation: Record<string, unknown>, identities = IDENTITIES) =>
    planMeshfed({ "meshfed:cluster": { name: cluster }, "meshfed:federation": { identityStack: cluster, ...federation } }, { stack: `${cluster}-federation`, outDir: publish(scratchDir(), identities) });

const typesOf = (plan: StackPlan) => plan.records.map((r) => r.type);

describe("federation stacks read against their identity stacks' outputs", () => {
    let cluster1: StackPlan;
    let cluster2: StackPlan;
    let cluster4: StackPlan;
    before(async () => {
        cluster1 = await planFederation("cluster1", { peers: { cluster2: "cluster2", cluster3: "org/meshfed/cluster3" }, imports: [reviews, ratingsInShop, cart] });
        cluster2 = await planFederation("cluster2", { peers: { cluster1: "cluster1", cluster4: "cluster4" } });
        cluster4 = await planFederation("cluster4", { peers: { cluster2: "cluster2" }, imports: [{ ...ratingsInShop, as: { ...ratingsInShop.as, namespace: "web" } }] });
    });

    it("cluster1 publishes each import with the credential and bundle where it is originated, and its own export's prefix", () => {
        const imports = reveal(cluster1.outputs.imports) as Record<string, unknown>[];
        const pick = ({ peer, pathPrefix, originNamespace, credentialName, caBundleName, exportHeader, peerPort }: Record<string, unknown>) =>
            ({ peer, pathPrefix, originNamespace, credentialName, caBundleName, exportHeader, peerPort });

        expect(imports.map(pick)).to.deep.equal([
            { peer: "cluster2", pathPrefix: "/bookinfo/reviews-v2/", originNamespace: EGRESS_NS, credentialName: "federation-egress-cluster2", caBundleName: "federation-egress-cluster2-cacert", exportHeader: "x-meshfed-export", peerPort: 15445 },
            { peer: "cluster2", pathPrefix: "/bookinfo/ratings/", originNamespace: "shop", credentialName: "shop-cluster2", caBundleName: "shop-cluster2-cacert", exportHeader: undefined, peerPort: 15445 },
            { peer: "cluster3", pathPrefix: "/bookinfo/cart/", originNamespace: EGRESS_NS, credentialName: "federation-egress-cluster3", caBundleName: "federation-egress-cluster3-cacert", exportHeader: "x-meshfed-export", peerPort: 15446 },
        ]);
    });

    it("cluster1, reachable but exporting nothing, admits no one and publishes no exports", () => {
        expect(cluster1.outputs).to.not.have.property("exports");
        expect(typesOf(cluster1)).to.not.include("meshfed:federation:ServiceExports");
        expect(typesOf(cluster1)).to.include("meshfed:federation:ServiceImports");
    });

    it("cluster2, exporting and importing nothing, admits its consumers and registers no imports", () => {
        expect(cluster2.outputs).to.not.have.property("imports");
        expect(typesOf(cluster2)).to.not.include("meshfed:federation:ServiceImports");
        const exports = reveal(cluster2.outputs.exports) as { exportAs: { name: string }; consumers: { cluster: string }[] }[];
        expect(exports.map((e) => [e.exportAs, e.consumers.map((c) => c.cluster)])).to.deep.equal([
            [{ name: "reviews-v2", namespace: "store" }, ["cluster1"]],
            [{ name: "reviews-v2", namespace: "bookinfo" }, ["cluster1"]],
            [{ name: "ratings", namespace: "bookinfo" }, ["cluster1", "cluster4"]],
        ]);
    });

    it("cluster4, without an egress gateway, imports through its sidecars' own credential", () => {
        const [i] = reveal(cluster4.outputs.imports) as Record<string, unknown>[];
        expect(i).to.deep.include({ originNamespace: "web", credentialName: "web-cluster2", caBundleName: "web-cluster2-cacert", via: "sidecar" });
        expect(typesOf(cluster4)).to.not.include("meshfed:federation:ServiceExports");
    });
});

describe("federation stacks refuse what their identity stacks do not support, naming the stack and what to fix", () => {
    it("an identity stack that exports but publishes no ingress address", async () => {
        const unreachable = { ...IDENTITIES.cluster2, federation: contract("cluster2", 2, cluster2Exports, false) };
        const message = await rejectionOf(planFederation("cluster2", { peers: { cluster1: "cluster1", cluster4: "cluster4" } }, { ...IDENTITIES, cluster2: unreachable }));
        expect(message).to.include('meshfed:federation.identityStack: "cluster2" is not valid; that identity stack exports services but publishes no ingress gateway address');
    });

    it("an identity stack that exports and has an address but publishes no ingress gateway", async () => {
        const noIngress = { ...IDENTITIES.cluster2, gateways: { sidecarCredentials: {} } };
        const message = await rejectionOf(planFederation("cluster2", { peers: { cluster1: "cluster1", cluster4: "cluster4" } }, { ...IDENTITIES, cluster2: noIngress }));
        expect(message).to.include("that identity stack exports services but publishes no ingress gateway address");
    });

    it("an identity stack planned with a meshfed that did not publish its gateways, or its exports", async () => {
        const without = (field: "gateways" | "exports") => {
            const { [field]: _dropped, ...rest } = IDENTITIES.cluster4;
            return rejectionOf(planFederation("cluster4", { peers: { cluster2: "cluster2" } }, { ...IDENTITIES, cluster4: rest }));
        };
        expect(await without("gateways")).to.include('stack "cluster4": output gateways is missing; plan or deploy that identity stack with this meshfed first');
        expect(await without("exports")).to.include('stack "cluster4": output exports is missing; plan or deploy that identity stack with this meshfed first');
    });

    it("an import through an egress gateway the identity stack does not run", async () => {
        const message = await rejectionOf(planFederation("cluster4", { peers: { cluster2: "cluster2" }, imports: [{ ...ratingsInShop, via: "egressGateway", callers: undefined, as: { ...ratingsInShop.as, namespace: "web" } }] }));
        expect(message).to.include('meshfed:federation.imports[0].peer: "cluster2" is not valid; the egress gateway of cluster4 has no credential for cluster2: add cluster2 to meshfed:gateways.egress.peers of that identity stack');
    });

    it("a sidecar import into a namespace that holds no credential copies", async () => {
        const message = await rejectionOf(planFederation("cluster4", { peers: { cluster2: "cluster2" }, imports: [ratingsInShop] }));
        expect(message).to.include('meshfed:federation.imports[0].via: "sidecar" is not valid; sidecars in shop need the client credential for cluster2 there');
    });

    it("gateways published without the sidecar credentials, or as null", async () => {
        for (const gateways of [{ egress: egressGateway({}) }, null]) {
            const message = await rejectionOf(planFederation("cluster4", { peers: { cluster2: "cluster2" } }, { ...IDENTITIES, cluster4: { ...IDENTITIES.cluster4, gateways } }));
            expect(message, JSON.stringify(gateways)).to.include('stack "cluster4": output gateways is missing');
        }
    });

    it("a peer's contract published as a secret", async () => {
        const message = await rejectionOf(planFederation("cluster4", { peers: { cluster2: "cluster2" } }, { ...IDENTITIES, cluster2: { ...IDENTITIES.cluster2, federation: "[secret]" } }));
        expect(message).to.include('stack "cluster2": output federation is a secret; meshfed\'s contract is public and never secret (pulumi/pulumi#2744)');
    });
});
