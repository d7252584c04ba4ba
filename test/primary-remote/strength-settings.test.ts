/**
 * The three primary-remote stack configs as a platform engineer writes them: every setting honoured (and its
 * default when left out), every mistake refused by its full key, with the value and what is allowed.
 */
import { expect } from "chai";
import { A_MAP, A_STRING, API_SERVER_HELP, DNS_LABEL } from "./messages";
import { readPrimaryRemotesSettings, readPrimarySettings, readRemoteSettings } from "../../program/primary-remote-settings";

const EXPORTS_HELP = "list the services other networks reach, in any cluster of this control plane: - service: { name, namespace, port }, consumers: [<cluster>]";

const helloworld = { service: { name: "helloworld", namespace: "sample", port: 5000 }, consumers: ["south"] };
const primary = { meshStack: "north-mesh", exports: [helloworld] };
const remote = { primaryStack: "north-primary", network: "network2", apiServer: "https://10.20.0.2:443" };
const remotes = { primaryStack: "north-primary", clusters: { south: { stack: "south-remote" } } };

describe("meshfed:primary as written", () => {
    it("takes the minimal form: istiod in istio-system, gateway namespace, domain, gateway and API access left to their defaults", () => {
        expect(readPrimarySettings(primary)).to.deep.equal({
            meshStack: "north-mesh",
            istioNamespace: "istio-system",
            namespace: undefined,
            clusterDomain: undefined,
            gateway: undefined,
            exports: [helloworld],
            apiServer: undefined,
        });
    });

    it("honours every setting it documents, with several exports kept in order", () => {
        const sleep = { service: { name: "sleep", namespace: "sample", port: 80 }, consumers: ["south", "delta"] };
        const full = {
            ...primary,
            istioNamespace: "istio-cp",
            namespace: "east-west",
            clusterDomain: "north.example.com",
            gateway: { cloud: "gcp" },
            exports: [helloworld, sleep],
            apiServer: "https://10.10.0.2:6443",
        };
        expect(readPrimarySettings(full)).to.deep.equal(full);
    });

    for (const [why, raw, message] of [
        ["not a map", "north-mesh", `meshfed:primary: "north-mesh" is not valid; ${A_MAP}`],
        ["no exports", { meshStack: "north-mesh" }, `meshfed:primary.exports: a missing value is not valid; ${EXPORTS_HELP}`],
        ["an empty export list", { ...primary, exports: [] }, `meshfed:primary.exports: [] is not valid; ${EXPORTS_HELP}`],
        ["exports that are no list", { ...primary, exports: "helloworld" }, `meshfed:primary.exports: "helloworld" is not valid; ${EXPORTS_HELP}`],
        ["no mesh stack", { exports: [helloworld] }, `meshfed:primary.meshStack: a missing value is not valid; ${A_STRING}`],
        ["an istio namespace that is no DNS label", { ...primary, istioNamespace: "Istio_System" }, `meshfed:primary.istioNamespace: "Istio_System" is not valid; ${DNS_LABEL}`],
        ["a gateway namespace that is no DNS label", { ...primary, namespace: "east.west" }, `meshfed:primary.namespace: "east.west" is not valid; ${DNS_LABEL}`],
        ["a cluster domain that is no DNS name", { ...primary, clusterDomain: "-local-" }, `meshfed:primary.clusterDomain: "-local-" is not valid; expected a lowercase DNS name`],
        ["a gateway that is no map", { ...primary, gateway: "gcp" }, `meshfed:primary.gateway: "gcp" is not valid; ${A_MAP}`],
        ["an API server over http", { ...primary, apiServer: "http://10.10.0.2" }, `meshfed:primary.apiServer: "http://10.10.0.2" is not valid; ${API_SERVER_HELP}`],
        ["a misspelt key", { ...primary, istioNamepsace: "istio-cp" }, `meshfed:primary.istioNamepsace: "istio-cp" is not valid; unknown setting; known settings at meshfed:primary: meshStack, istioNamespace, namespace, clusterDomain, gateway, exports, apiServer`],
    ] as const) {
        it(`refuses ${why}, naming the key`, () => {
            expect(() => readPrimarySettings(raw)).to.throw(message);
        });
    }
});

describe("meshfed:remote as written", () => {
    it("takes the minimal form: Istio in istio-system, vendored chart, no extra values, default gateway", () => {
        expect(readRemoteSettings(remote)).to.deep.equal({ ...remote, namespace: "istio-system", istio: { chart: undefined, values: undefined }, gateway: undefined });
    });

    it("takes its API server with or without a port, with or without a trailing slash", () => {
        for (const apiServer of ["https://10.20.0.2:443", "https://api.south.example.com", "https://api.south.example.com:6443/"]) {
            expect(readRemoteSettings({ ...remote, apiServer }).apiServer).to.equal(apiServer);
        }
    });

    it("honours its own namespace, chart source, values for both charts and gateway", () => {
        const istio = {
            chart: { version: "1.29.0", repository: "https://charts.example.com/istio" },
            values: { base: { global: { imagePullSecrets: ["registry"] } }, istiod: { global: { logAsJson: true } } },
        };
        const full = { ...remote, namespace: "istio-remote", istio, gateway: { cloud: "aws" } };
        expect(readRemoteSettings(full)).to.deep.equal(full);
    });

    const undeclared = (chart: string, key: string, beside: string) =>
        `meshfed:remote.istio.values.${chart}.${key}: "(set)" is not valid; the ${chart} chart declares no such value and Helm would silently ignore it; declared beside it: ${beside}`;
    for (const [why, raw, message] of [
        ["not a map", ["north-primary"], `meshfed:remote: ["north-primary"] is not valid; ${A_MAP}`],
        ["no primary stack", { network: "network2", apiServer: remote.apiServer }, `meshfed:remote.primaryStack: a missing value is not valid; ${A_STRING}`],
        ["no network", { ...remote, network: undefined }, `meshfed:remote.network: a missing value is not valid; ${A_STRING}`],
        ["an API server given as a list", { ...remote, apiServer: ["https://10.20.0.2:443"] }, `meshfed:remote.apiServer: ["https://10.20.0.2:443"] is not valid; ${API_SERVER_HELP}`],
        ["an API server with a fragment", { ...remote, apiServer: "https://10.20.0.2:443#south" }, `meshfed:remote.apiServer: "https://10.20.0.2:443#south" is not valid; ${API_SERVER_HELP}`],
        ["an API server with a password", { ...remote, apiServer: "https://:hunter2@10.20.0.2:443" }, `meshfed:remote.apiServer: "https://:hunter2@10.20.0.2:443" is not valid; ${API_SERVER_HELP}`],
        ["an API server with a query", { ...remote, apiServer: "https://10.20.0.2:443?timeout=1s" }, `meshfed:remote.apiServer: "https://10.20.0.2:443?timeout=1s" is not valid; ${API_SERVER_HELP}`],
        ["an API server that is no URL", { ...remote, apiServer: "https://" }, `meshfed:remote.apiServer: "https://" is not valid; ${API_SERVER_HELP}`],
        ["a network that is no DNS label", { ...remote, network: "Network2" }, `meshfed:remote.network: "Network2" is not valid; ${DNS_LABEL}`],
        ["a namespace that is no DNS label", { ...remote, namespace: "istio_system" }, `meshfed:remote.namespace: "istio_system" is not valid; ${DNS_LABEL}`],
        ["istio that is no map", { ...remote, istio: "1.29.0" }, `meshfed:remote.istio: "1.29.0" is not valid; ${A_MAP}`],
        ["an unknown istio setting", { ...remote, istio: { version: "1.29.0" } }, `meshfed:remote.istio.version: "1.29.0" is not valid; unknown setting; known settings at meshfed:remote.istio: chart, values`],
        ["a chart that is no map", { ...remote, istio: { chart: "1.29.0" } }, `meshfed:remote.istio.chart: "1.29.0" is not valid; ${A_MAP}`],
        ["a misspelt chart setting", { ...remote, istio: { chart: { versoin: "1.29.0" } } }, `meshfed:remote.istio.chart.versoin: "1.29.0" is not valid; unknown setting; known settings at meshfed:remote.istio.chart: version, repository`],
        ["values that are no map", { ...remote, istio: { values: "x" } }, `meshfed:remote.istio.values: "x" is not valid; ${A_MAP}`],
        ["values for a chart a remote does not install", { ...remote, istio: { values: { gateway: {} } } }, `meshfed:remote.istio.values.gateway: {} is not valid; unknown setting; known settings at meshfed:remote.istio.values: base, istiod`],
        ["chart values that are no map", { ...remote, istio: { values: { base: "x" } } }, `meshfed:remote.istio.values.base: "x" is not valid; ${A_MAP}`],
        ["a base value the chart does not declare", { ...remote, istio: { values: { base: { defaultRevison: "x" } } } }, undeclared("base", "defaultRevison", "ambient, base, cni, compatibilityVersion, configMap, defaultRevision,")],
        ["an istiod value the chart does not declare", { ...remote, istio: { values: { istiod: { global: { remotePilotAdress: "x" } } } } }, undeclared("istiod", "global.remotePilotAdress", "caAddress, caName, certSigners,")],
    ] as const) {
        it(`refuses ${why}, naming the key`, () => {
            expect(() => readRemoteSettings(raw)).to.throw(message);
        });
    }
});

describe("meshfed:primaryRemotes as written", () => {
    it("lists every remote with its stack, another primary's -primary stack included (multi-primary)", () => {
        const clusters = { south: { stack: "south-remote" }, delta: { stack: "delta-remote" }, sun: { stack: "sun-primary" } };
        expect(readPrimaryRemotesSettings({ primaryStack: "north-primary", clusters }, "north")).to.deep.equal({ primaryStack: "north-primary", clusters });
    });

    for (const [why, raw, message] of [
        ["not a map", "north-primary", `meshfed:primaryRemotes: "north-primary" is not valid; ${A_MAP}`],
        ["no clusters", { primaryStack: "north-primary" }, `meshfed:primaryRemotes.clusters: a missing value is not valid; ${A_MAP}`],
        ["an empty cluster map", { primaryStack: "north-primary", clusters: {} }, `meshfed:primaryRemotes.clusters: {} is not valid; list the remotes: <cluster>: { stack: <its -remote stack> }`],
        ["no primary stack", { clusters: remotes.clusters }, `meshfed:primaryRemotes.primaryStack: a missing value is not valid; ${A_STRING}`],
        ["a cluster name that is no DNS label", { ...remotes, clusters: { South: { stack: "south-remote" } } }, `meshfed:primaryRemotes.clusters.South: "South" is not valid; ${DNS_LABEL}`],
        ["the primary itself", { ...remotes, clusters: { north: { stack: "north-primary" } } }, `meshfed:primaryRemotes.clusters.north: "north" is not valid; a primary's istiod watches its own cluster already; list the other clusters`],
        ["a cluster without its stack", { ...remotes, clusters: { south: {} } }, `meshfed:primaryRemotes.clusters.south.stack: a missing value is not valid; ${A_STRING}`],
        ["a cluster given as a bare stack name", { ...remotes, clusters: { south: "south-remote" } }, `meshfed:primaryRemotes.clusters.south: "south-remote" is not valid; ${A_MAP}`],
        ["an unknown cluster setting", { ...remotes, clusters: { south: { stack: "south-remote", network: "network2" } } }, `meshfed:primaryRemotes.clusters.south.network: "network2" is not valid; unknown setting; known settings at meshfed:primaryRemotes.clusters.south: stack`],
    ] as const) {
        it(`refuses ${why}, naming the key`, () => {
            expect(() => readPrimaryRemotesSettings(raw, "north")).to.throw(message);
        });
    }
});
