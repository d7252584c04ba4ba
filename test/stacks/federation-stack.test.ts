/**
 * FederationStack given intent: exports as its identity stack resolved them or as specs, imports as specs
 * with their defaults, refusals by field before anything registers, and its resolver naming a program's
 * config keys and running the program's own rules on the imports before they are bound to the peers.
 */
import { expect } from "chai";
import * as k8s from "@pulumi/kubernetes";
import { ResolvedImport } from "../../components/federation/import-specs";
import { FederationStack, FederationStackArgs, resolveFederationStackArgs } from "../../components/stacks/federation-stack";
import { IdentityStack, resolveIdentityStackArgs } from "../../components/stacks/identity-stack";
import { PlanError, StackPlan } from "../../engine/run-stack";
import { reveal } from "../../engine/secrets";
import { planProgram } from "../support/plan";
import { outputOf } from "../support/records";
import { FEDERATION, IDENTITY } from "./fixtures";

const north = () => new k8s.Provider("north", { kubeconfig: "stand-in" });
/** The records of the federation stack and everything under it, as a reviewer compares two plans. */
const federationRecords = (p: StackPlan) =>
    p.records
        .filter((r) => r.urn.includes("meshfed:stacks:FederationStack"))
        .map((r) => ({ urn: r.urn, parent: r.parent, provider: r.provider, dependencies: r.dependencies, inputs: reveal(r.inputs) }));

async function planFederation(args: FederationStackArgs | ReturnType<typeof resolveFederationStackArgs>): Promise<StackPlan> {
    return planProgram(
        () => {
            const stack = new FederationStack("north", args, { provider: north() });
            return { exports: stack.exports, imports: stack.imports };
        },
        { stack: "north" },
    );
}

/** The refusal of `args`, and what had registered besides the test's provider. */
async function refusal(args: unknown): Promise<{ message: string; registered: string[] }> {
    try {
        await planFederation(args as FederationStackArgs);
    } catch (error) {
        expect(error).to.be.instanceOf(PlanError);
        const records = (error as PlanError).records.filter((r) => r.type !== "pulumi:pulumi:Stack" && r.type !== "pulumi:providers:kubernetes");
        return { message: (error as Error).message, registered: records.map((r) => `${r.type} ${r.name}`) };
    }
    throw new Error("planned without complaint");
}

describe("FederationStack given intent", () => {
    let plan: StackPlan;
    before(async () => {
        plan = await planFederation(FEDERATION);
    });

    it("takes the exports its identity stack resolved (IdentityStack.exports, with their path prefixes) as they are, planning as from the specs", async () => {
        const resolved = resolveIdentityStackArgs(IDENTITY).value.exports;
        expect(resolved[0].pathPrefix).to.equal("/bookinfo/reviews/");
        const fromIdentity = await planFederation({ ...FEDERATION, exposing: { ...FEDERATION.exposing!, exports: resolved } });
        expect(federationRecords(fromIdentity)).to.deep.equal(federationRecords(plan));
        expect(outputOf(fromIdentity, "exports")).to.deep.equal(outputOf(plan, "exports"));
    });

    it("takes the exports of an IdentityStack of the same program as they are", async () => {
        const p = await planProgram(
            () => {
                const provider = north();
                const identity = new IdentityStack("north-identity", IDENTITY, { provider });
                const stack = new FederationStack("north", { ...FEDERATION, exposing: { ...FEDERATION.exposing!, exports: identity.exports } }, { provider });
                return { exports: stack.exports };
            },
            { stack: "north" },
        );
        expect(outputOf(p, "exports")).to.deep.equal(outputOf(plan, "exports"));
    });

    it("describes the export as admitted: its prefix, its consumer on its own SNI and CA bundle", () => {
        const [e] = outputOf<{ pathPrefix: string; namespace: string; consumers: unknown[] }[]>(plan, "exports");
        expect(e.pathPrefix).to.equal("/bookinfo/reviews/");
        expect(e.namespace).to.equal("istio-federation-ingress");
        expect(e.consumers).to.deep.equal([{ cluster: "south", host: "south.example.com", sni: "south.north.example.com", caBundleName: "federation-ingress-south-cacert" }]);
    });

    it("gives imports written as specs their defaults: through the egress gateway, every request to the peer", async () => {
        let imports: ResolvedImport[] | undefined;
        await planProgram(() => void (imports = new FederationStack("north", FEDERATION, { provider: north() }).importing?.imports), { stack: "north" });
        expect(imports).to.have.length(1);
        expect(imports![0]).to.deep.include({ via: "egressGateway", remoteWeight: 100 });
        const [i] = outputOf<{ via: string; remoteWeight: number; originNamespace: string; credentialName: string }[]>(plan, "imports");
        expect(i).to.deep.include({ via: "egressGateway", remoteWeight: 100, originNamespace: "istio-federation-egress", credentialName: "federation-egress-south" });
    });

    const cases: [string, unknown, string[]][] = [
        [
            "an export whose path prefix disagrees with its exported name",
            { ...FEDERATION, exposing: { ...FEDERATION.exposing!, exports: [{ ...FEDERATION.exposing!.exports[0], pathPrefix: "/bookinfo/ratings/" }] } },
            ["FederationStackArgs.exposing.exports[0].pathPrefix", "the path prefix follows from the exported name (/bookinfo/reviews/)"],
        ],
        [
            "a resolved export renamed without its prefix following",
            { ...FEDERATION, exposing: { ...FEDERATION.exposing!, exports: resolveIdentityStackArgs(IDENTITY).value.exports.map((e) => ({ ...e, exportAs: { ...e.exportAs!, name: "reviews-v2" } })) } },
            ["FederationStackArgs.exposing.exports[0].pathPrefix"],
        ],
        [
            "a bad outlier setting for a peer it imports nothing from",
            { ...FEDERATION, imports: [], outlierDetection: { south: { interval: 10 } } },
            ["FederationStackArgs.outlierDetection.south.interval", "expected a duration"],
        ],
        ["an unknown outlier setting with no imports at all", { ...FEDERATION, imports: undefined, outlierDetection: { south: { retries: 3 } } }, ["FederationStackArgs.outlierDetection.south"]],
        ["a bad outlier setting for a peer it imports from", { ...FEDERATION, outlierDetection: { south: { baseEjectionTime: "soon" } } }, ["FederationStackArgs.outlierDetection.south.baseEjectionTime"]],
        // A misspelt peer would leave the real one on the defaults, silently.
        ["an outlier setting for a cluster that is no peer", { ...FEDERATION, outlierDetection: { sooth: false } }, ['FederationStackArgs.outlierDetection: "sooth" is not valid; not a peer; peers: south']],
        ["an outlier setting for a cluster that is no peer, with no imports", { ...FEDERATION, imports: [], outlierDetection: { sooth: false } }, ['FederationStackArgs.outlierDetection: "sooth" is not valid; not a peer']],
        ["an import from a peer it has no contract of", { ...FEDERATION, imports: [{ ...FEDERATION.imports![0], peer: "east" }] }, ["FederationStackArgs.imports[0].peer", "not a configured peer"]],
        ["an import of a service the peer does not export", { ...FEDERATION, imports: [{ ...FEDERATION.imports![0], service: { name: "details", namespace: "bookinfo" } }] }, ["FederationStackArgs.imports[0].service", "south does not export it"]],
        ["an export to a cluster it has no contract of", { ...FEDERATION, exposing: { ...FEDERATION.exposing!, exports: [{ ...FEDERATION.exposing!.exports[0], consumers: ["east"] }] } }, ["FederationStackArgs.peers: [\"south\"] is not valid; a service is exported to east: its contract is needed to admit it"]],
        [
            "an import through an egress gateway its identity does not run",
            { ...FEDERATION, gateways: { ...FEDERATION.gateways, egress: undefined } },
            ['FederationStackArgs.imports[0]: "bookinfo/ratings" is not valid; that import goes through the egress gateway'],
        ],
        [
            "an import from a peer its egress gateway has no credential for",
            { ...FEDERATION, gateways: { ...FEDERATION.gateways, egress: { ...FEDERATION.gateways.egress!, credentials: {} } } },
            ["FederationStackArgs.imports[0]", "the egress gateway has no credential for south"],
        ],
        ["a dnsProxy that is not a boolean", { ...FEDERATION, dnsProxy: "yes" }, ["FederationStackArgs.dnsProxy"]],
    ];
    for (const [what, args, expected] of cases) {
        it(`refuses ${what}, naming the field, before it registers`, async () => {
            const { message, registered } = await refusal(args);
            for (const e of expected) expect(message).to.include(e);
            expect(registered).to.deep.equal([]);
        });
    }
});

describe("resolveFederationStackArgs, as a program calls it", () => {
    const PATH = "meshfed:federation";
    const outlierPath = (peer: string) => `${PATH}.peers.${peer}.outlierDetection`;
    const resolve = (args: unknown, checkImports?: (imports: ResolvedImport[]) => void) =>
        resolveFederationStackArgs(args as FederationStackArgs, { path: PATH, outlierPath, checkImports });

    it("names the program's config keys", () => {
        expect(() => resolve({ ...FEDERATION, clusterName: "North" })).to.throw(`${PATH}.clusterName`);
        expect(() => resolve({ ...FEDERATION, imports: [{ ...FEDERATION.imports![0], as: undefined }] })).to.throw(`${PATH}.imports[0].as`);
        expect(() => resolve({ ...FEDERATION, exposing: { ...FEDERATION.exposing!, exports: [{ ...FEDERATION.exposing!.exports[0], pathPrefix: "/x/" }] } })).to.throw(`${PATH}.exposing.exports[0].pathPrefix`);
        expect(() => resolve({ ...FEDERATION, gateways: { sidecarCredentials: {} } })).to.throw(`${PATH}.gateways.ingress`);
    });

    it("names each peer's outlier setting where the program reads it, whether or not it imports from the peer", () => {
        expect(() => resolve({ ...FEDERATION, outlierDetection: { south: { interval: 10 } } })).to.throw(`${PATH}.peers.south.outlierDetection.interval`);
        expect(() => resolve({ ...FEDERATION, imports: undefined, outlierDetection: { south: { interval: 10 } } })).to.throw(`${PATH}.peers.south.outlierDetection.interval`);
    });

    it("runs the program's rules once, on the imports with their defaults, before they are bound to the peers' contracts", () => {
        const seen: ResolvedImport[][] = [];
        // An import the binding would refuse (south does not export details): the program's rule speaks first.
        const unbound = { ...FEDERATION, imports: [{ ...FEDERATION.imports![0], service: { name: "details", namespace: "bookinfo" } }] };
        expect(() =>
            resolve(unbound, (imports) => {
                seen.push(imports);
                throw new Error("the program's own rule");
            }),
        ).to.throw("the program's own rule");
        expect(seen).to.have.length(1);
        expect(seen[0][0]).to.deep.include({ peer: "south", via: "egressGateway", remoteWeight: 100 });
        // Without the program's objection, the binding refuses it, naming the program's key.
        expect(() => resolve(unbound, () => undefined)).to.throw(`${PATH}.imports[0].service`);
    });

    it("runs no rule of the program when nothing is imported", () => {
        let calls = 0;
        resolve({ ...FEDERATION, imports: [] }, () => calls++);
        expect(calls).to.equal(0);
    });

    it("resolves once: the constructor takes the program's resolution as it is, and plans as from the plain args", async () => {
        let calls = 0;
        const resolved = resolve(FEDERATION, () => calls++);
        const p = await planFederation(resolved);
        expect(calls).to.equal(1);
        expect(federationRecords(p)).to.deep.equal(federationRecords(await planFederation(FEDERATION)));
    });
});
