import { expect } from "chai";
import { spawnSync } from "node:child_process";
import * as path from "node:path";

// Pulumi's documented unit-test mocks (setMocks answering every resource with its inputs) are process-global:
// each scenario runs in a child process, as a package user's own test file would.
function runUnderStandardMocks(script: string, ...args: string[]) {
    const result = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", path.join(__dirname, "standard-mocks", script), ...args], {
        encoding: "utf8",
        timeout: 120_000,
    });
    return { status: result.status, stdout: result.stdout, output: result.stdout + result.stderr };
}

const PUBLIC_COMPONENTS = [
    "Cluster", "ClusterObjects", "MeshCa", "GatewayCert", "GatewayCredential", "TrustBundle", "FederationTrust", "IngressGateway",
    "EgressGateway", "ServiceExports", "ServiceImports", "SharedRoot", "IntermediateCaRequest", "PluggedCaCerts", "IstioControlPlane",
    "CrossNetworkGateway", "RemoteServices", "PrimaryEastWestGateway", "RemoteControlPlane", "RemoteEastWestGateway", "RemoteSecret",
];

describe("meshfed's components under Pulumi's standard unit-test mocks", () => {
    it("constructs every public component with valid Args, and the program runs to its end", () => {
        const { status, stdout, output } = runUnderStandardMocks("construct-all.ts");

        expect(status, output).to.equal(0);
        expect(stdout.trim().split("\n")).to.deep.equal(PUBLIC_COMPONENTS.map((c) => `constructed ${c}`));
    });

    it("previews every object of ServiceImports while the peer's contract is unknown (its address not assigned yet)", () => {
        const { status, stdout, output } = runUnderStandardMocks("preview-unknown.ts");

        expect(status, output).to.equal(0);
        expect(stdout.trim().split("\n")).to.deep.equal([
            "kubernetes:core/v1:Secret imports-bundle-istio-federation-egress/cluster2-secret",
            "kubernetes:core/v1:Service imports-service-bookinfo-reviews",
            "kubernetes:networking.istio.io/v1:DestinationRule imports-destinationrule-istio-federation-egress-federation-egress",
            "kubernetes:networking.istio.io/v1:DestinationRule imports-destinationrule-istio-federation-egress-peer-cluster2",
            "kubernetes:networking.istio.io/v1:Gateway imports-gateway-istio-federation-egress-federation-egress",
            "kubernetes:networking.istio.io/v1:ServiceEntry imports-serviceentry-istio-federation-egress-peer-cluster2",
            "kubernetes:networking.istio.io/v1:VirtualService imports-virtualservice-bookinfo-import-bookinfo-reviews",
            "kubernetes:networking.istio.io/v1:VirtualService imports-virtualservice-istio-federation-egress-peer-cluster2",
            "meshfed:trust:TrustBundle imports-bundle-istio-federation-egress/cluster2",
        ]);
    });

    const failures: [string, RegExp][] = [
        ["FederationTrust without hosts", /FederationTrustArgs\.hosts/],
        ["IngressGateway without an address", /has no load-balancer address yet; .* or pin it with IngressGatewayArgs\.address/],
        ["ReaderToken without a token controller", /Secret istio-system\/\S+ holds no token or ca\.crt: has the token controller run\?/],
    ];
    for (const [scenario, message] of failures) {
        it(`fails on ${scenario} with a message naming the Args field or the missing object, never a meshfed: config key`, () => {
            const { status, output } = runUnderStandardMocks("failing-args.ts", scenario);

            expect(status, output).to.not.equal(0);
            expect(output).to.match(message);
            expect(output).to.not.match(/meshfed:[a-z]+\./);
            expect(output).to.not.include("Unexpected struct type");
        });
    }
});
