/**
 * What the stack components say they made, as `npm run verify` and a reviewer read it: FederationStack's
 * `imports` and `exports` outputs per import and export (origin, credential, bundle, prefix, header), both
 * components' registered outputs, the aliases that carry meshfed 0.1's state over, and the refusals that
 * name where a published value came from.
 */
import { expect } from "chai";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { FederationStack, FederationStackArgs, resolveFederationStackArgs } from "../../components/stacks/federation-stack";
import { IdentityStack, IdentityStackArgs } from "../../components/stacks/identity-stack";
import { FederationContract } from "../../components/federation/contract";
import { ResourceRecord } from "../../engine/records";
import { PlanError, StackPlan } from "../../engine/run-stack";
import { reveal } from "../../engine/secrets";
import { planProgram } from "../support/plan";
import { outputOf } from "../support/records";
import { contract, FEDERATION, IDENTITY, PUBLISHED_INGRESS } from "./fixtures";

const north = () => new k8s.Provider("north", { kubeconfig: "stand-in" });
const urn = (chain: string, name: string) => `urn:pulumi:north::meshfed::${chain}::${name}`;
const recordOf = (p: StackPlan, type: string, name: string): ResourceRecord => {
    const found = p.records.filter((r) => r.type === type && r.name === name);
    expect(found.map((r) => r.name), `${type} ${name}`).to.have.length(1);
    return found[0];
};

async function planFederation(args: FederationStackArgs): Promise<StackPlan> {
    return planProgram(
        () => {
            const stack = new FederationStack("north", args, { provider: north() });
            return { exports: stack.exports, imports: stack.imports };
        },
        { stack: "north" },
    );
}

async function refusalOf(plan: () => Promise<unknown>): Promise<{ message: string; registered: string[] }> {
    try {
        await plan();
    } catch (error) {
        expect(error).to.be.instanceOf(PlanError);
        const records = (error as PlanError).records.filter((r) => r.type !== "pulumi:pulumi:Stack" && r.type !== "pulumi:providers:kubernetes");
        return { message: (error as Error).message, registered: records.map((r) => `${r.type} ${r.name}`) };
    }
    throw new Error("planned without complaint");
}

const callers = { labels: { app: "shop" }, serviceAccounts: ["shop"] };
/**
 * North imports from two peers, through its egress gateway and through the sidecars of `shop`. South exports
 * three services, two sharing a namespace and two sharing a name: an import matched by namespace alone, or by
 * name alone, would take another's path prefix. The sidecar copies of the credentials are named apart from the
 * egress gateway's, so an import described with the wrong origin's credential shows.
 */
const TWO_PEERS: FederationStackArgs = {
    ...FEDERATION,
    gateways: {
        ...FEDERATION.gateways,
        egress: { ...FEDERATION.gateways.egress!, credentials: { south: "federation-egress-south", west: "federation-egress-west" } },
        sidecarCredentials: { shop: { south: "shop-south", west: "shop-west" } },
    },
    exposing: {
        ...FEDERATION.exposing!,
        exports: [
            { service: { name: "reviews", namespace: "bookinfo", port: 9080 }, consumers: ["south"] },
            { service: { name: "details", namespace: "bookinfo", port: 9080 }, exportAs: { name: "details-v2" }, consumers: ["south", "west"] },
        ],
    },
    peers: {
        south: contract("south", 2, [
            { name: "ratings", namespace: "bookinfo", pathPrefix: "/bookinfo/ratings/", consumers: ["north"] },
            { name: "ratings", namespace: "shop", pathPrefix: "/shop/ratings/", consumers: ["north"] },
            { name: "catalog", namespace: "shop", pathPrefix: "/shop/catalog/", consumers: ["north"] },
        ]),
        west: contract("west", 3, [
            { name: "frontend", namespace: "web", pathPrefix: "/web/frontend/", consumers: ["north"] },
            { name: "reviews", namespace: "bookinfo", pathPrefix: "/bookinfo/reviews/", consumers: ["north"] },
        ]),
    },
    imports: [
        { peer: "south", service: { name: "ratings", namespace: "bookinfo" }, as: { name: "ratings", namespace: "bookinfo", port: 9080 } },
        { peer: "west", service: { name: "reviews", namespace: "bookinfo" }, as: { name: "reviews", namespace: "bookinfo", port: 9080 }, via: "egressGateway" },
        { peer: "south", service: { name: "ratings", namespace: "shop" }, as: { name: "ratings", namespace: "shop", port: 9080 }, via: "sidecar", callers },
        { peer: "south", service: { name: "catalog", namespace: "shop" }, as: { name: "catalog", namespace: "shop", port: 8080 }, via: "sidecar", callers },
        { peer: "west", service: { name: "frontend", namespace: "web" }, as: { name: "frontend", namespace: "shop", port: 80 }, via: "sidecar", callers },
    ],
};

type ImportOutput = Record<string, unknown>;

describe("FederationStack's imports output, per import", () => {
    let plan: StackPlan;
    let imports: ImportOutput[];
    before(async () => {
        plan = await planFederation(TWO_PEERS);
        imports = outputOf<ImportOutput[]>(plan, "imports");
    });
    const described = (as: string) => {
        const found = imports.filter((i) => `${(i.as as { namespace: string }).namespace}/${(i.as as { name: string }).name}` === as);
        expect(found, as).to.have.length(1);
        return found[0];
    };

    it("describes one entry per import, in the order given", () => {
        expect(imports.map((i) => `${i.peer} ${(i.as as { namespace: string }).namespace}/${(i.as as { name: string }).name}`)).to.deep.equal([
            "south bookinfo/ratings",
            "west bookinfo/reviews",
            "south shop/ratings",
            "south shop/catalog",
            "west shop/frontend",
        ]);
    });

    it("through the egress gateway: originates in the egress namespace with its own peer's credential and bundle, and names the export header", () => {
        expect(described("bookinfo/ratings")).to.deep.include({
            via: "egressGateway",
            originNamespace: "istio-federation-egress",
            credentialName: "federation-egress-south",
            caBundleName: "federation-egress-south-cacert",
            exportHeader: "x-meshfed-export",
        });
        // The second peer's import through the same gateway: its own credential, not the first origin's.
        expect(described("bookinfo/reviews")).to.deep.include({
            peer: "west",
            peerHost: "west.example.com",
            sni: "north.west.example.com",
            originNamespace: "istio-federation-egress",
            credentialName: "federation-egress-west",
            caBundleName: "federation-egress-west-cacert",
            exportHeader: "x-meshfed-export",
        });
    });

    it("through the sidecars: originates in the import's namespace with the sidecar copy of its peer's credential there, without an export header", () => {
        for (const [as, peer] of [["shop/ratings", "south"], ["shop/catalog", "south"], ["shop/frontend", "west"]]) {
            const i = described(as);
            expect(i, as).to.deep.include({ via: "sidecar", peer, originNamespace: "shop", credentialName: `shop-${peer}`, caBundleName: `shop-${peer}-cacert`, callers });
            expect(i, as).to.not.have.property("exportHeader");
        }
    });

    it("gives each import the path prefix of the service it imports, among several the peer exports", () => {
        expect(imports.map((i) => i.pathPrefix)).to.deep.equal(["/bookinfo/ratings/", "/bookinfo/reviews/", "/shop/ratings/", "/shop/catalog/", "/web/frontend/"]);
    });

    it("says dnsProxy only when the callers run Istio's DNS proxy", async () => {
        for (const i of imports) expect(i).to.not.have.property("dnsProxy");
        const off = outputOf<ImportOutput[]>(await planFederation({ ...FEDERATION, dnsProxy: false }), "imports");
        expect(off[0]).to.not.have.property("dnsProxy");
        const on = outputOf<ImportOutput[]>(await planFederation({ ...FEDERATION, dnsProxy: true }), "imports");
        expect(on[0]).to.deep.include({ dnsProxy: true });
    });

    it("describes each export with its own prefix and consumers", () => {
        const exports = outputOf<Record<string, unknown>[]>(plan, "exports");
        expect(exports.map((e) => [e.pathPrefix, e.namespace, e.credentialName, (e.consumers as { cluster: string; caBundleName: string }[]).map((c) => `${c.cluster} ${c.caBundleName}`)])).to.deep.equal([
            ["/bookinfo/reviews/", "istio-federation-ingress", "federation-ingress", ["south federation-ingress-south-cacert"]],
            ["/bookinfo/details-v2/", "istio-federation-ingress", "federation-ingress", ["south federation-ingress-south-cacert", "west federation-ingress-west-cacert"]],
        ]);
    });

    it("registers its exports and imports as the component's outputs, as the engine records them", () => {
        const outputs = reveal(recordOf(plan, "meshfed:stacks:FederationStack", "north").outputs) as Record<string, unknown>;
        expect(outputs.imports).to.deep.equal(imports);
        expect(outputs.exports).to.deep.equal(outputOf(plan, "exports"));
    });

    it("gives its children the alias of the top-level components meshfed 0.1 created, so their state moves", () => {
        expect(recordOf(plan, "meshfed:federation:ServiceExports", "north-exports").aliases).to.deep.equal([urn("meshfed:federation:ServiceExports", "north-exports")]);
        expect(recordOf(plan, "meshfed:federation:ServiceImports", "north-imports").aliases).to.deep.equal([urn("meshfed:federation:ServiceImports", "north-imports")]);
    });
});

describe("FederationStack exporting or importing nothing", () => {
    it("without exposing, registers no ServiceExports and describes no exports", async () => {
        const { exposing: _, ...args } = FEDERATION;
        const p = await planFederation(args);
        expect(p.records.filter((r) => r.type === "meshfed:federation:ServiceExports")).to.deep.equal([]);
        expect(p.outputs).to.not.have.property("exports");
        expect(outputOf<unknown[]>(p, "imports")).to.have.length(1);
    });

    it("without imports, registers no ServiceImports and describes no imports", async () => {
        for (const imports of [undefined, []]) {
            const p = await planFederation({ ...FEDERATION, imports });
            expect(p.records.filter((r) => r.type === "meshfed:federation:ServiceImports"), JSON.stringify(imports)).to.deep.equal([]);
            expect(p.outputs, JSON.stringify(imports)).to.not.have.property("imports");
            expect(outputOf<unknown[]>(p, "exports")).to.have.length(1);
        }
    });

    it("takes its own contract as an Output or a promise, as another stack's output gives it", async () => {
        const plain = outputOf(await planFederation(FEDERATION), "exports");
        // Checked once known: taken for a plain contract, an Output would be refused as unreachable.
        const self = FEDERATION.exposing!.self as FederationContract;
        const viaOutput = await planFederation({ ...FEDERATION, exposing: { ...FEDERATION.exposing!, self: pulumi.output(self) } });
        expect(outputOf(viaOutput, "exports")).to.deep.equal(plain);
        const viaPromise = await planFederation({ ...FEDERATION, exposing: { ...FEDERATION.exposing!, self: Promise.resolve(self) } });
        expect(outputOf(viaPromise, "exports")).to.deep.equal(plain);
    });
});

describe("FederationStack names where a published value came from", () => {
    const cases: [string, FederationStackArgs, string[]][] = [
        ["a bad ingress gateway namespace", { ...FEDERATION, gateways: { ...FEDERATION.gateways, ingress: { ...PUBLISHED_INGRESS, namespace: "Ingress_NS" } } }, ["FederationStackArgs.gateways.ingress.namespace"]],
        [
            "a bad additional host of the ingress gateway",
            { ...FEDERATION, gateways: { ...FEDERATION.gateways, ingress: { ...PUBLISHED_INGRESS, additionalHosts: ["not a host"] } } },
            ["FederationStackArgs.gateways.ingress.additionalHosts"],
        ],
        [
            "a bad egress gateway namespace",
            { ...FEDERATION, gateways: { ...FEDERATION.gateways, egress: { ...FEDERATION.gateways.egress!, namespace: "Egress_NS" } } },
            ["FederationStackArgs.gateways.egress.namespace"],
        ],
    ];
    for (const [what, args, expected] of cases) {
        it(`refuses ${what}, naming FederationStackArgs' field, before it registers`, async () => {
            const { message, registered } = await refusalOf(() => planFederation(args));
            for (const e of expected) expect(message).to.include(e);
            expect(registered).to.deep.equal([]);
        });
    }
    it("refuses a peer's contract, known only once deployed, that no longer exports what it imports, naming FederationStackArgs.peers.<name>", async () => {
        // Without exposing, only the imports' resolver reads the contracts: the field it names is the stack's.
        const withdrawn = { ...contract("south", 2), services: [{ name: "details", namespace: "bookinfo", pathPrefix: "/bookinfo/details/", consumers: ["north"] }] };
        const { message } = await refusalOf(() => planFederation({ ...FEDERATION, exposing: undefined, peers: { south: pulumi.output(withdrawn) } }));
        expect(message).to.include("FederationStackArgs.peers.south, checked once its value was known");
    });
});

describe("resolveFederationStackArgs, with imports and a bad outlier setting", () => {
    it("refuses the imports first, then the outlier settings, each where ServiceImports' resolver reads them", () => {
        // The stack checks outlier settings itself only when nothing is imported; with imports, ServiceImports'
        // resolver does, after the imports (and the program's rules on them): one refusal at a time, the imports first.
        const badOutlier = { ...FEDERATION, outlierDetection: { south: { interval: 10 } } } as unknown as FederationStackArgs;
        const badImport = { ...badOutlier, imports: [{ ...FEDERATION.imports![0], remoteWeight: 101 }] };
        expect(() => resolveFederationStackArgs(badImport)).to.throw("FederationStackArgs.imports[0].remoteWeight");
        expect(() => resolveFederationStackArgs(badOutlier)).to.throw("FederationStackArgs.outlierDetection.south.interval");
    });
});

describe("IdentityStack's registered outputs and aliases", () => {
    const ARGS: IdentityStackArgs = {
        ...IDENTITY,
        trust: { hosts: ["north.example.com", "federation.north.example.com"], sidecarCredentialNamespaces: ["web"] },
        gateways: { ...IDENTITY.gateways, egress: { namespace: "istio-federation-egress", peers: ["south", "west"] } },
    };
    const planIdentity = (args: IdentityStackArgs) =>
        planProgram(
            () => {
                new IdentityStack("north", args, { provider: north() });
            },
            { stack: "north" },
        );
    let plan: StackPlan;
    before(async () => {
        plan = await planIdentity(ARGS);
    });
    const outputs = (p: StackPlan) => reveal(recordOf(p, "meshfed:stacks:IdentityStack", "north").outputs) as Record<string, any>;

    it("registers its gateways as the component's outputs: each sidecar copy and each egress credential by peer, the additional hosts", () => {
        const { gateways } = outputs(plan);
        expect(gateways.sidecarCredentials).to.deep.equal({ web: { south: "federation-egress-south", west: "federation-egress-west" } });
        expect(gateways.ingress).to.deep.include({ namespace: "istio-federation-ingress", credentialName: "federation-ingress", port: 15443, additionalHosts: ["federation.north.example.com"] });
        expect(gateways.egress).to.deep.equal({
            namespace: "istio-federation-egress",
            releaseName: "istio-private-egressgateway",
            serviceHost: "istio-private-egressgateway.istio-federation-egress.svc.cluster.local",
            selector: { istio: "private-egressgateway" },
            credentials: { south: "federation-egress-south", west: "federation-egress-west" },
        });
    });

    it("publishes no additional hosts when it answers to its federation host alone", async () => {
        const { gateways } = outputs(await planIdentity(IDENTITY));
        expect(gateways.ingress).to.not.have.property("additionalHosts");
    });

    it("registers its contract and exports as the component's outputs", () => {
        const { contract: c, exports } = outputs(plan);
        expect(c).to.deep.include({ cluster: "north", host: "north.example.com", port: 15443 });
        expect(exports.map((e: { pathPrefix: string }) => e.pathPrefix)).to.deep.equal(["/bookinfo/reviews/"]);
    });

    it("gives its first gateway namespace the alias of meshfed 0.1's single namespace, and not its second", () => {
        const namespace = (role: string) => recordOf(plan, "kubernetes:core/v1:Namespace", `north-${role}-namespace`).aliases;
        expect(namespace("ingress")).to.deep.equal([urn("kubernetes:core/v1:Namespace", "north-ingress-namespace"), urn("kubernetes:core/v1:Namespace", "north-gateways-namespace")]);
        expect(namespace("egress")).to.deep.equal([urn("kubernetes:core/v1:Namespace", "north-egress-namespace")]);
    });

    it("gives the former single namespace's alias to the egress gateway's when it runs no ingress gateway", async () => {
        const p = await planIdentity({ ...ARGS, exports: undefined, gateways: { egress: ARGS.gateways!.egress } });
        expect(recordOf(p, "kubernetes:core/v1:Namespace", "north-egress-namespace").aliases).to.deep.equal([
            urn("kubernetes:core/v1:Namespace", "north-egress-namespace"),
            urn("kubernetes:core/v1:Namespace", "north-gateways-namespace"),
        ]);
    });

    it("gives its child components the alias of the top-level components meshfed 0.1 created", () => {
        expect(recordOf(plan, "meshfed:trust:FederationTrust", "north-trust").aliases).to.deep.equal([urn("meshfed:trust:FederationTrust", "north-trust")]);
        expect(recordOf(plan, "meshfed:gateway:IngressGateway", "north-ingress").aliases).to.deep.equal([urn("meshfed:gateway:IngressGateway", "north-ingress")]);
        expect(recordOf(plan, "meshfed:gateway:EgressGateway", "north-egress").aliases).to.deep.equal([urn("meshfed:gateway:EgressGateway", "north-egress")]);
    });

    const refusals: [string, IdentityStackArgs, string[]][] = [
        ["an egress gateway with an empty peer list", { ...ARGS, gateways: { ...ARGS.gateways, egress: { namespace: "istio-federation-egress", peers: [] } } }, ["IdentityStackArgs.gateways.egress.peers", "list the clusters this one imports from (at least one)"]],
        ["a bad egress gateway setting", { ...ARGS, gateways: { ...ARGS.gateways, egress: { namespace: "Egress_NS", peers: ["south"] } } }, ["IdentityStackArgs.gateways.egress.namespace"]],
    ];
    for (const [what, args, expected] of refusals) {
        it(`refuses ${what}, naming the field, before it registers`, async () => {
            const { message, registered } = await refusalOf(() => planIdentity(args));
            for (const e of expected) expect(message).to.include(e);
            expect(registered).to.deep.equal([]);
        });
    }
});
