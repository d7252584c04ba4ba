import { expect } from "chai";
import { parse } from "yaml";
import { buildRemoteBaseValues, buildRemoteIstiodValues } from "../../components/primary-remote/remote-istio-values";
import { buildIstiodExposure } from "../../components/primary-remote/specs/istiod-exposure";
import { remoteSecretData, remoteSecretMetadata } from "../../components/primary-remote/specs/remote-kubeconfig";
import { withIstiodPorts } from "../../components/primary-remote/primary-east-west-gateway";
import { requireApiServer } from "../../components/primary-remote/reader-token";
import { primaryRemoteStackKind, readPrimaryRemotesSettings, readRemoteSettings } from "../../program/primary-remote-settings";
import { undeclaredKeys, vendoredChartKeys } from "../../validate/chart-keys";

const placement = { meshId: "mesh2", clusterName: "south", network: "network2" };
const access = { version: 1 as const, cluster: "south", server: "https://10.20.0.2:443", certificateAuthorityData: "Q0E=", token: "tok" };

describe("a remote's Istio values", () => {
    it("uses only keys the charts declare (Helm would ignore any other)", () => {
        expect(undeclaredKeys(buildRemoteIstiodValues(placement, { ip: "192.0.2.7" }), vendoredChartKeys("istiod"))).to.deep.equal([]);
        expect(undeclaredKeys(buildRemoteIstiodValues(placement, { hostname: "gw.example.com" }), vendoredChartKeys("istiod"))).to.deep.equal([]);
        expect(undeclaredKeys(buildRemoteBaseValues(), vendoredChartKeys("base"))).to.deep.equal([]);
    });

    it("injects through the istiod Service when the primary's gateway has an IP, and by URL on 15017 when it has a DNS name", () => {
        // GIVEN an IP: the chart makes it the istiod Service's endpoint, whose port 443 maps to 15017
        expect(buildRemoteIstiodValues(placement, { ip: "192.0.2.7" }).istiodRemote).to.deep.equal({ injectionPath: "/inject/cluster/south/net/network2" });
        // GIVEN a DNS name: an ExternalName Service cannot map 443 to 15017, so the webhook dials the gateway by URL
        expect(buildRemoteIstiodValues(placement, { hostname: "gw.example.com" }).istiodRemote).to.deep.equal({
            injectionURL: "https://gw.example.com:15017/inject/cluster/south/net/network2",
        });
    });

    it("lets extra values win, key by key", () => {
        const v = buildRemoteIstiodValues(placement, { ip: "192.0.2.7" }, { global: { logAsJson: true } }) as any;
        expect(v.global).to.deep.include({ logAsJson: true, network: "network2" });
    });
});

describe("the primary's east-west gateway", () => {
    it("adds istiod's ports after the cross-network gateway's own, which it keeps", () => {
        const ports = (withIstiodPorts("p", { cloud: "gcp" }, "network1").values as any).service.ports.map((p: any) => [p.name, p.port]);
        expect(ports).to.deep.equal([["status-port", 15021], ["tls", 15443], ["tls-istiod", 15012], ["tls-webhook", 15017]]);
    });

    it("routes istiod's ports from a Gateway bound to the gateway only, never a sidecar's", () => {
        const [, vs] = buildIstiodExposure("gw", { istio: "x" }, "istio-system", "cluster.local") as any[];
        expect(vs.spec.gateways).to.deep.equal(["istiod"]);
        expect(vs.spec.exportTo).to.deep.equal(["."]);
    });
});

describe("the remote secret's contents", () => {
    it("is one key named after the cluster, a kubeconfig with one cluster, user and context, current", () => {
        const data = remoteSecretData(access);
        expect(Object.keys(data)).to.deep.equal(["south"]);
        const k = parse(data.south);
        expect(k["current-context"]).to.equal("south");
        expect(k.clusters).to.deep.equal([{ name: "south", cluster: { server: access.server, "certificate-authority-data": "Q0E=" } }]);
        expect(k.users).to.deep.equal([{ name: "south", user: { token: "tok" } }]);
    });

    it("carries the label istiod watches and the cluster annotation, as istioctl create-remote-secret writes them", () => {
        expect(remoteSecretMetadata("south", "istio-system")).to.deep.include({
            name: "istio-remote-secret-south",
            annotations: { "networking.istio.io/cluster": "south" },
        });
        expect(remoteSecretMetadata("south", "istio-system").labels).to.include({ "istio/multiCluster": "true" });
    });
});

describe("primary-remote settings refused by key, before anything is created", () => {
    const remote = { primaryStack: "north-primary", network: "network2", apiServer: "https://10.20.0.2:443" };

    it("refuses a stack that is both a remote and a primary, naming the second key", () => {
        expect(() => primaryRemoteStackKind({ "meshfed:primary": "{}", "meshfed:remote": "{}" })).to.throw(/meshfed:remote: .*a meshfed:primary stack holds only/);
        expect(() => primaryRemoteStackKind({ "meshfed:remote": "{}", "meshfed:mesh": "{}" })).to.throw(/meshfed:mesh: .*references run one way/);
    });

    for (const [value, why] of [
        ["http://10.20.0.2", "not https"],
        ["https://api.example.com/path", "a path"],
        ["10.20.0.2:6443", "no scheme"],
    ] as const) {
        it(`refuses an API server URL with ${why}, naming key and value`, () => {
            expect(() => readRemoteSettings({ ...remote, apiServer: value })).to.throw(`meshfed:remote.apiServer: "${value}" is not valid; expected the API server's URL`);
        });
    }
    it("accepts an API server URL with a host and port", () => {
        expect(requireApiServer("x", "https://api.south.example.com:6443")).to.equal("https://api.south.example.com:6443");
    });

    it("refuses an istiod value the chart does not declare, naming its full key", () => {
        expect(() => readRemoteSettings({ ...remote, istio: { values: { istiod: { global: { remotePilotAdress: "x" } } } } })).to.throw("meshfed:remote.istio.values.istiod.global.remotePilotAdress");
    });

    it("refuses a primary listing itself among its remotes", () => {
        expect(() => readPrimaryRemotesSettings({ primaryStack: "north-primary", clusters: { north: { stack: "north-primary" } } }, "north")).to.throw("meshfed:primaryRemotes.clusters.north");
    });
});
