/**
 * ServiceExports and ServiceImports take specs as a user writes them, not resolved data: each fills in its
 * defaults. An identity stack's resolved exports are taken as they are, and a resolution made before the
 * cluster's provider plans as the plain args do.
 */
import { expect } from "chai";
import * as k8s from "@pulumi/kubernetes";
import { ResolvedExport, resolveExports } from "../../components/federation/export-specs";
import { ResolvedImport } from "../../components/federation/import-specs";
import { resolveServiceExportsArgs, ServiceExports, ServiceExportsArgs } from "../../components/federation/service-exports";
import { resolveServiceImportsArgs, ServiceImports, ServiceImportsArgs } from "../../components/federation/service-imports";
import { StackPlan } from "../../engine/run-stack";
import { reveal } from "../../engine/secrets";
import { planProgram, rejectionOf } from "../support/plan";
import { contract } from "../stacks/fixtures";

const SPECS = [
    { service: { name: "reviews", namespace: "bookinfo", port: 9080 }, consumers: ["south"] },
    { service: { name: "ratings", namespace: "bookinfo", port: 9080 }, subset: { name: "v2", labels: { version: "v2" } }, exportAs: { name: "ratings-v2" }, consumers: ["south"] },
];
const EXPORTS: ServiceExportsArgs = { namespace: "istio-federation-ingress", self: contract("north", 1), exports: SPECS, consumers: { south: contract("south", 2) } };
const IMPORTS: ServiceImportsArgs = {
    clusterName: "north",
    imports: [{ peer: "south", service: { name: "ratings", namespace: "bookinfo" }, as: { name: "ratings", namespace: "bookinfo", port: 9080 } }],
    peers: { south: contract("south", 2, [{ name: "ratings", namespace: "bookinfo", pathPrefix: "/bookinfo/ratings/", consumers: ["north"] }]) },
    egress: { namespace: "istio-federation-egress", credentials: { south: "federation-egress-south" } },
};

/** Plans `create` on north's provider, returning the plan and what `create` returned. */
async function planWith<T>(create: (provider: k8s.Provider) => T): Promise<{ plan: StackPlan; value: T }> {
    let value: T | undefined;
    const plan = await planProgram(() => void (value = create(new k8s.Provider("north", { kubeconfig: "stand-in" }))), { stack: "north" });
    return { plan, value: value! };
}
const records = (p: StackPlan) => p.records.map((r) => ({ urn: r.urn, parent: r.parent, provider: r.provider, dependencies: r.dependencies, inputs: reveal(r.inputs) }));

describe("ServiceExports given specs", () => {
    let plan: StackPlan;
    let exports: ResolvedExport[];
    before(async () => {
        ({ plan, value: exports } = await planWith((provider) => new ServiceExports("x", EXPORTS, { provider }).exports));
    });

    it("resolves them: the exported name defaults to the service's, and the path prefix follows from it", () => {
        expect(exports.map((e) => [e.exportAs, e.pathPrefix, e.subset])).to.deep.equal([
            [{ name: "reviews", namespace: "bookinfo" }, "/bookinfo/reviews/", undefined],
            [{ name: "ratings-v2", namespace: "bookinfo" }, "/bookinfo/ratings-v2/", { name: "v2", labels: { version: "v2" } }],
        ]);
    });

    it("takes exports already resolved (as IdentityStack.exports are) as they are, planning the same", async () => {
        const resolved = resolveExports("exports", SPECS, "north");
        const again = await planWith((provider) => new ServiceExports("x", { ...EXPORTS, exports: resolved }, { provider }).exports);
        expect(again.value).to.deep.equal(exports);
        expect(records(again.plan)).to.deep.equal(records(plan));
    });

    it("plans the same from a resolution made before the provider, without resolving it again", async () => {
        const resolved = resolveServiceExportsArgs(structuredClone(EXPORTS));
        // Resolving these again would refuse them: the constructor must use what was resolved.
        (resolved.args as { exports: unknown }).exports = "not a list";
        const again = await planWith((provider) => new ServiceExports("x", resolved, { provider }).exports);
        expect(again.value).to.deep.equal(exports);
        expect(records(again.plan)).to.deep.equal(records(plan));
    });

    it("refuses a spec by field, the resolver naming a caller's path", async () => {
        const bad = { ...EXPORTS, exports: [{ ...SPECS[0], pathPrefix: "/bookinfo/other/" }] };
        expect(await rejectionOf(planWith((provider) => new ServiceExports("x", bad, { provider })))).to.include("ServiceExportsArgs.exports[0].pathPrefix");
        expect(() => resolveServiceExportsArgs(bad, { path: "meshfed:exports" })).to.throw("meshfed:exports.exports[0].pathPrefix");
    });
});

describe("ServiceImports given specs", () => {
    let plan: StackPlan;
    let imports: ResolvedImport[];
    before(async () => {
        ({ plan, value: imports } = await planWith((provider) => new ServiceImports("x", IMPORTS, { provider }).imports));
    });

    it("fills in their defaults: through the egress gateway, every request to the peer", () => {
        expect(imports).to.have.length(1);
        expect(imports[0]).to.deep.include({ peer: "south", via: "egressGateway", remoteWeight: 100 });
    });

    it("plans the same from a resolution made before the provider, without resolving it again", async () => {
        const resolved = resolveServiceImportsArgs(structuredClone(IMPORTS));
        (resolved.args as { imports: unknown }).imports = "not a list";
        const again = await planWith((provider) => new ServiceImports("x", resolved, { provider }).imports);
        expect(again.value).to.deep.equal(imports);
        expect(records(again.plan)).to.deep.equal(records(plan));
    });

    it("refuses an import through an egress gateway it was not given, naming the import", async () => {
        const { egress: _, ...noEgress } = IMPORTS;
        const message = await rejectionOf(planWith((provider) => new ServiceImports("x", noEgress, { provider })));
        expect(message).to.include('ServiceImportsArgs.imports[0]: "bookinfo/ratings" is not valid; that import goes through the egress gateway, which this cluster does not run');
    });
});
