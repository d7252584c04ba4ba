/**
 * The primary-remote components take their provider, and where they wait for something their dependsOn,
 * as resource options, and their args resolved once (see test/support/component-options.ts). The
 * cross-network gateway inside a primary's east-west gateway gets the provider as an option too.
 */
import { expect } from "chai";
import * as k8s from "@pulumi/kubernetes";
import { CONTROL_PLANE_CONTRACT_VERSION } from "../../components/primary-remote/control-plane-contract";
import { PrimaryEastWestGateway, PrimaryEastWestGatewayArgs, resolvePrimaryEastWestGatewayArgs } from "../../components/primary-remote/primary-east-west-gateway";
import { ReaderToken, resolveReaderTokenArgs } from "../../components/primary-remote/reader-token";
import { RemoteControlPlane, resolveRemoteControlPlaneArgs } from "../../components/primary-remote/remote-control-plane";
import { RemoteEastWestGateway, RemoteEastWestGatewayArgs, resolveRemoteEastWestGatewayArgs } from "../../components/primary-remote/remote-east-west-gateway";
import { RemoteSecret, RemoteSecretArgs, resolveRemoteSecretArgs } from "../../components/primary-remote/remote-secret";
import { StackPlan } from "../../engine/run-stack";
import { describeComponentOptions } from "../support/component-options";
import { planProgram } from "../support/plan";

const PRIMARY: PrimaryEastWestGatewayArgs = { clusterName: "north", network: "network1", exports: [{ service: { name: "helloworld", namespace: "sample", port: 5000 }, consumers: ["south"] }], gateway: { cloud: "gcp" } };
const REMOTE_GATEWAY: RemoteEastWestGatewayArgs = { network: "network2", namespace: "istio-network-gateway", gateway: { cloud: "gcp" } };
const ISTIO = { meshId: "mesh2", clusterName: "south", network: "network2", primary: { cluster: "north", address: { ip: "192.0.2.7" } } };
const READER = { clusterName: "south", server: "https://10.20.0.2:443" };
const SECRET: RemoteSecretArgs = { clusterName: "south", access: { version: CONTROL_PLANE_CONTRACT_VERSION, cluster: "south", server: "https://10.20.0.2:443", certificateAuthorityData: "Q0E=", token: "t" } };

describeComponentOptions({ type: "PrimaryEastWestGateway", Component: PrimaryEastWestGateway, args: PRIMARY, resolve: resolvePrimaryEastWestGatewayArgs, other: () => resolveRemoteEastWestGatewayArgs(REMOTE_GATEWAY) });
describeComponentOptions({ type: "RemoteEastWestGateway", Component: RemoteEastWestGateway, args: REMOTE_GATEWAY, resolve: resolveRemoteEastWestGatewayArgs, other: () => resolvePrimaryEastWestGatewayArgs(PRIMARY) });
describeComponentOptions({ type: "RemoteControlPlane", Component: RemoteControlPlane, args: ISTIO, resolve: resolveRemoteControlPlaneArgs, other: () => resolveReaderTokenArgs(READER) });
describeComponentOptions({
    type: "ReaderToken",
    Component: ReaderToken,
    args: READER,
    resolve: resolveReaderTokenArgs,
    other: () => resolveRemoteSecretArgs(SECRET),
    // The token is for the reader account istio/base creates.
    prerequisites: (provider) => ({ dependsOn: [new RemoteControlPlane("istio", ISTIO, { provider }).base] }),
});
describeComponentOptions({ type: "RemoteSecret", Component: RemoteSecret, args: SECRET, resolve: resolveRemoteSecretArgs, other: () => resolveReaderTokenArgs(READER) });

const record = (plan: StackPlan, type: string, name: string) => {
    const found = plan.records.filter((r) => r.type.endsWith(type) && r.name === name);
    expect(found, `${type} ${name}`).to.have.length(1);
    return found[0];
};

describe("primary-remote components wait for their dependsOn resource option", () => {
    let plan: StackPlan;
    before(async () => {
        plan = await planProgram(() => {
            const provider = new k8s.Provider("south", { kubeconfig: "stand-in" });
            const istio = new RemoteControlPlane("south-istio", ISTIO, { provider });
            new ReaderToken("south-reader", READER, { provider, dependsOn: [istio.base] });
            new RemoteEastWestGateway("south-east-west", REMOTE_GATEWAY, { provider, dependsOn: [istio.istiod] });
        }, { stack: "south" });
    });

    it("ReaderToken: its token Secret is created after istio/base, which creates the reader account", () => {
        expect(record(plan, "Secret", "south-reader-secret").dependencies).to.deep.equal([record(plan, "Release", "south-istio-base").urn]);
    });

    it("RemoteEastWestGateway: its namespace and release are created after the remote's injection webhook", () => {
        const istiod = record(plan, "Release", "south-istio-istiod").urn;
        expect(record(plan, "Namespace", "south-east-west-namespace").dependencies).to.deep.equal([istiod]);
        expect(record(plan, "Release", "south-east-west-release").dependencies).to.have.members([record(plan, "Namespace", "south-east-west-namespace").urn, istiod]);
    });
});

describe("a primary's east-west gateway hands its provider to its cross-network gateway as a resource option", () => {
    it("creates the cross-network gateway under it, with no provider arg, its objects on the primary's provider", async () => {
        let inner: PrimaryEastWestGateway | undefined;
        const plan = await planProgram(() => {
            inner = new PrimaryEastWestGateway("north-east-west", PRIMARY, { provider: new k8s.Provider("north", { kubeconfig: "stand-in" }) });
        }, { stack: "north" });
        const provider = record(plan, "providers:kubernetes", "north");
        expect(record(plan, "CrossNetworkGateway", "north-east-west-cross-network").parent).to.equal(record(plan, "PrimaryEastWestGateway", "north-east-west").urn);
        expect(record(plan, "Release", "north-east-west-cross-network-release").provider).to.equal(`${provider.urn}::${provider.id}`);
        expect(inner?.crossNetwork).to.exist;
    });
});
