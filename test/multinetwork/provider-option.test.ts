/**
 * The replicated-control-planes components take their provider as a resource option and their args
 * resolved once (see test/support/component-options.ts); RemoteServices' egress gateway, the one child it creates only
 * for some imports, goes to that provider too.
 */
import { expect } from "chai";
import * as k8s from "@pulumi/kubernetes";
import { CrossNetworkGateway, resolveCrossNetworkGatewayArgs } from "../../components/multinetwork/cross-network-gateway";
import { RemoteServices, resolveRemoteServicesArgs } from "../../components/multinetwork/remote-services";
import { planProgram } from "../support/plan";
import { eastGateway } from "./exported-services";
import { describeComponentOptions } from "../support/component-options";

const EAST = eastGateway("north");
const GATEWAY = { clusterName: "north", network: "network2", exports: [{ service: { name: "ratings", namespace: "bookinfo", port: 9080 }, consumers: ["west"] }], gateway: { cloud: "gcp" } };
// Through the egress gateway, so that its namespace and release are among the objects checked.
const IMPORTS = { clusterName: "north", meshId: "mesh1", peers: { east: EAST }, imports: [{ peer: "east", service: { name: "reviews", namespace: "bookinfo" }, via: "egressGateway" }] };

describeComponentOptions({ type: "CrossNetworkGateway", Component: CrossNetworkGateway, args: GATEWAY, resolve: resolveCrossNetworkGatewayArgs, other: () => resolveRemoteServicesArgs(IMPORTS) });
describeComponentOptions({ type: "RemoteServices", Component: RemoteServices, args: IMPORTS, resolve: resolveRemoteServicesArgs, other: () => resolveCrossNetworkGatewayArgs(GATEWAY) });

describe("a resolved CrossNetworkGateway's args are not resolved again by its constructor", () => {
    it("plans from the resolution even once the args it came from no longer would", async () => {
        const resolved = resolveCrossNetworkGatewayArgs(structuredClone(GATEWAY));
        // Resolving these again would refuse them: the constructor must use what was resolved.
        (resolved.args as { exports: unknown }).exports = "not a list";
        const plan = await planProgram(() => {
            new CrossNetworkGateway("x", resolved, { provider: new k8s.Provider("north", { kubeconfig: "stand-in" }) });
        }, { stack: "north" });
        expect(plan.records.filter((r) => r.type.endsWith("Gateway") && r.custom).map((r) => r.name)).to.deep.equal(["x-gateway-istio-network-gateway-cross-network"]);
    });
});
