/**
 * A refusal raised by a component's own args (exports, gateway settings, imports, virtual IPs) stops the
 * replicated and primary-remote stacks before anything registers, the cluster's Kubernetes provider included,
 * as the federation stacks do: nothing half-applied, and no provider left in the state for a config never run.
 */
import { expect } from "chai";
import { writeStackPlan } from "../../cli/plan-files";
import { CONTROL_PLANE_CONTRACT_VERSION, PRIMARY_OUTPUT, PrimaryContract } from "../../components/primary-remote/control-plane-contract";
import { NETWORK_GATEWAY_OUTPUT } from "../../components/multinetwork/network-contract";
import { PlanError } from "../../engine/run-stack";
import { planMeshfed, planProgram, scratchDir } from "../support/plan";
import { eastGateway } from "./exported-services";

const east = eastGateway("west");
const primary: PrimaryContract = {
    version: CONTROL_PLANE_CONTRACT_VERSION,
    cluster: "east",
    meshId: "mesh1",
    network: "network1",
    istioNamespace: "istio-system",
    address: { ip: "192.0.2.21" },
    gatewayNamespace: "istio-network-gateway",
    port: 15443,
};
const reviews = { peer: "east", service: { name: "reviews", namespace: "bookinfo" } };
const exportsTo = (consumers: string[]) => [{ service: { name: "reviews", namespace: "bookinfo", port: 9080 }, consumers }];

describe("replicated and primary-remote stacks refuse their components' args before the provider registers", () => {
    let out: string;
    before(async () => {
        out = scratchDir();
        const publish = async (stack: string, outputs: Record<string, unknown>) => writeStackPlan(out, await planProgram(() => outputs, { stack, outDir: out }), false);
        await publish("east-mesh", { cluster: "east", meshId: "mesh1", network: "network1" });
        await publish("west-mesh", { cluster: "west", meshId: "mesh1", network: "network2" });
        await publish("east-network", { cluster: "east", [NETWORK_GATEWAY_OUTPUT]: east });
        await publish("east-primary", { cluster: "east", [PRIMARY_OUTPUT]: primary });
    });

    /** Plans the stack; returns its message and every resource it registered (providers included, reads aside). */
    const refusal = async (stack: string, config: Record<string, unknown>) => {
        try {
            await planMeshfed(config, { stack, outDir: out });
        } catch (error) {
            expect(error).to.be.instanceOf(PlanError);
            const registered = (error as PlanError).records.filter((r) => r.custom && !r.read).map((r) => `${r.type} ${r.name}`);
            return { message: (error as Error).message, registered };
        }
        throw new Error(`${stack} planned without complaint`);
    };

    const cases: [string, string, Record<string, unknown>, string][] = [
        ["an export to the cluster itself", "east-network", { "meshfed:cluster": { name: "east" }, "meshfed:networkGateway": { meshStack: "east-mesh", gateway: { cloud: "gcp" }, exports: exportsTo(["east"]) } }, "meshfed:networkGateway.exports[0].consumers[0]"],
        ["a reserved gateway port", "east-network", { "meshfed:cluster": { name: "east" }, "meshfed:networkGateway": { meshStack: "east-mesh", gateway: { cloud: "gcp", port: 15021 }, exports: exportsTo(["west"]) } }, "meshfed:networkGateway.gateway.port"],
        [
            "two imports pinned to one virtual IP",
            "west-network-imports",
            {
                "meshfed:cluster": { name: "west" },
                "meshfed:networkImports": { meshStack: "west-mesh", peers: { east: { stack: "east-network" } }, imports: [{ ...reviews, address: "240.0.0.10" }, { ...reviews, as: { host: "r2.bookinfo.global" }, address: "240.0.0.10" }] },
            },
            "240.0.0.10",
        ],
        ["an import of a service not passed through", "west-network-imports", { "meshfed:cluster": { name: "west" }, "meshfed:networkImports": { meshStack: "west-mesh", peers: { east: { stack: "east-network" } }, imports: [{ ...reviews, service: { name: "ratings", namespace: "bookinfo" } }] } }, "east passes through only"],
        ["a primary exporting to itself", "east-primary", { "meshfed:cluster": { name: "east" }, "meshfed:primary": { meshStack: "east-mesh", gateway: { cloud: "gcp" }, exports: exportsTo(["east"]) } }, "meshfed:primary.exports[0].consumers[0]"],
        ["a remote's reserved gateway port", "south-remote", { "meshfed:cluster": { name: "south" }, "meshfed:remote": { primaryStack: "east-primary", network: "network3", apiServer: "https://10.20.0.2:443", gateway: { cloud: "gcp", port: 15021 } } }, "meshfed:remote.gateway.port"],
    ];
    for (const [what, stack, config, named] of cases) {
        it(`${stack}: ${what}, with nothing registered`, async () => {
            const { message, registered } = await refusal(stack, config);
            expect(message).to.include(named);
            expect(registered).to.deep.equal([]);
        });
    }
});
