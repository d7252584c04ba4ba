/**
 * `meshfed:networkGateway` and `meshfed:networkImports` as read from stack config: the optional settings left
 * unset when absent, and every refusal naming the exact key, the value and what is allowed.
 */
import { expect } from "chai";
import { InputError } from "../../components/core/input-error";
import { declaredAddresses, readNetworkGatewaySettings, readNetworkImportsSettings } from "../../program/multinetwork-settings";

const GW = "meshfed:networkGateway";
const IMP = "meshfed:networkImports";
const exportList = [{ service: { name: "reviews", namespace: "bookinfo", port: 9080 }, consumers: ["west"] }];
const imports = [{ peer: "east", service: { name: "reviews", namespace: "bookinfo" } }];
const gateway = (edit: Record<string, unknown> = {}) => readNetworkGatewaySettings({ meshStack: "east-mesh", exports: exportList, ...edit });
const importing = (edit: Record<string, unknown> = {}) => readNetworkImportsSettings({ meshStack: "west-mesh", peers: { east: { stack: "east-network" } }, imports, ...edit });
const refused = (f: () => unknown, message: string) => expect(f).to.throw(InputError).with.property("message", message);

describe("reading meshfed:networkGateway", () => {
    it("reads every setting, and leaves the optional ones unset when absent", () => {
        const full = { meshStack: "east-mesh", namespace: "east-gw", clusterDomain: "east.internal", gateway: { cloud: "aws", replicas: 2 }, exports: exportList };
        expect(readNetworkGatewaySettings(full)).to.deep.equal(full);
        expect(gateway()).to.deep.equal({ meshStack: "east-mesh", namespace: undefined, clusterDomain: undefined, gateway: undefined, exports: exportList });
    });

    it("refuses a value that is not a map, and an unknown key, naming the known ones", () => {
        refused(() => readNetworkGatewaySettings("east-mesh"), `${GW}: "east-mesh" is not valid; expected an object (a YAML map)`);
        refused(() => gateway({ export: exportList }), `${GW}.export: ${JSON.stringify(exportList)} is not valid; unknown setting; known settings at ${GW}: meshStack, namespace, clusterDomain, gateway, exports`);
    });

    it("refuses a gateway that passes nothing through: exports missing, empty or not a list", () => {
        const allowed = "list the services the gateway passes through: - service: { name, namespace, port }, consumers: [<cluster>]";
        refused(() => gateway({ exports: undefined }), `${GW}.exports: a missing value is not valid; ${allowed}`);
        refused(() => gateway({ exports: [] }), `${GW}.exports: [] is not valid; ${allowed}`);
        refused(() => gateway({ exports: { reviews: 9080 } }), `${GW}.exports: {"reviews":9080} is not valid; ${allowed}`);
    });

    it("refuses a missing mesh stack, a bad namespace or cluster domain, and a gateway that is not a map, by key", () => {
        refused(() => gateway({ meshStack: undefined }), `${GW}.meshStack: a missing value is not valid; expected a non-empty string`);
        expect(() => gateway({ namespace: "Istio_GW" })).to.throw(InputError, `${GW}.namespace: "Istio_GW" is not valid; expected a DNS-1123 label`);
        expect(() => gateway({ clusterDomain: "local" })).to.throw(InputError, `${GW}.clusterDomain: "local" is not valid; expected a lowercase DNS name`);
        refused(() => gateway({ gateway: "gcp" }), `${GW}.gateway: "gcp" is not valid; expected an object (a YAML map)`);
    });
});

describe("reading meshfed:networkImports", () => {
    it("reads every setting with several peers, and leaves the optional ones unset when absent", () => {
        const full = {
            meshStack: "west-mesh",
            peers: { east: { stack: "east-network" }, north: { stack: "org/meshfed/north-network" } },
            imports,
            addresses: { mode: "allocate", block: "240.1.0.0/16", reserved: ["240.1.0.0/24"], loopbackCaptured: false },
            egressGateway: { namespace: "west-egress", replicas: 2 },
            clusterDomain: "west.internal",
        };
        expect(readNetworkImportsSettings(full)).to.deep.equal(full);
        expect(importing()).to.deep.equal({
            meshStack: "west-mesh",
            peers: { east: { stack: "east-network" } },
            imports,
            addresses: undefined,
            egressGateway: undefined,
            clusterDomain: undefined,
        });
    });

    it("refuses a value that is not a map, and an unknown key, naming the known ones", () => {
        refused(() => readNetworkImportsSettings(["east"]), `${IMP}: ["east"] is not valid; expected an object (a YAML map)`);
        refused(() => importing({ egress: {} }), `${IMP}.egress: {} is not valid; unknown setting; known settings at ${IMP}: meshStack, peers, imports, addresses, egressGateway, clusterDomain`);
    });

    it("refuses peers missing or empty, a peer name that is no cluster name, and a peer without its stack", () => {
        refused(() => importing({ peers: undefined }), `${IMP}.peers: a missing value is not valid; expected an object (a YAML map)`);
        refused(() => importing({ peers: {} }), `${IMP}.peers: {} is not valid; list the exporters: <cluster>: { stack: <its -network stack> }`);
        expect(() => importing({ peers: { east: { stack: "east-network" }, North: { stack: "north-network" } } })).to.throw(InputError, `${IMP}.peers.North: "North" is not valid; expected a DNS-1123 label`);
        refused(() => importing({ peers: { east: "east-network" } }), `${IMP}.peers.east: "east-network" is not valid; expected an object (a YAML map)`);
        refused(() => importing({ peers: { east: { stack: "east-network", mesh: "mesh1" } } }), `${IMP}.peers.east.mesh: "mesh1" is not valid; unknown setting; known settings at ${IMP}.peers.east: stack`);
        refused(() => importing({ peers: { east: {} } }), `${IMP}.peers.east.stack: a missing value is not valid; expected a non-empty string`);
    });

    it("refuses imports missing, empty or not a list", () => {
        const allowed = "list the services imported: - peer: <cluster>, service: { name, namespace }";
        refused(() => importing({ imports: undefined }), `${IMP}.imports: a missing value is not valid; ${allowed}`);
        refused(() => importing({ imports: [] }), `${IMP}.imports: [] is not valid; ${allowed}`);
        refused(() => importing({ imports: { east: "reviews" } }), `${IMP}.imports: {"east":"reviews"} is not valid; ${allowed}`);
    });

    it("refuses addresses that are not a map or carry an unknown key, and a bad egress gateway, cluster domain or mesh stack", () => {
        refused(() => importing({ addresses: "240.0.0.0/4" }), `${IMP}.addresses: "240.0.0.0/4" is not valid; expected an object (a YAML map)`);
        refused(() => importing({ addresses: { cidr: "240.0.0.0/4" } }), `${IMP}.addresses.cidr: "240.0.0.0/4" is not valid; unknown setting; known settings at ${IMP}.addresses: mode, block, reserved, loopbackCaptured`);
        refused(() => importing({ egressGateway: true }), `${IMP}.egressGateway: true is not valid; expected an object (a YAML map)`);
        expect(() => importing({ clusterDomain: "192.0.2.1" })).to.throw(InputError, `${IMP}.clusterDomain: "192.0.2.1" is not valid; expected a DNS name, not an IP address`);
        refused(() => importing({ meshStack: "" }), `${IMP}.meshStack: "" is not valid; expected a non-empty string`);
    });
});

describe("the addresses a stack's own objects declare, which virtual IPs avoid", () => {
    it("collects every address of every ServiceEntry in meshfed:objects, naming its owner, and nothing else", () => {
        const objects = [
            { apiVersion: "networking.istio.io/v1", kind: "ServiceEntry", metadata: { name: "httpbin-bar", namespace: "legacy" }, spec: { hosts: ["httpbin.legacy"], addresses: ["240.0.0.1", "240.0.0.2"] } },
            { apiVersion: "networking.istio.io/v1", kind: "ServiceEntry", metadata: { name: "db" }, spec: { hosts: ["db.example.com"], addresses: ["240.0.0.9"] } },
            { apiVersion: "networking.istio.io/v1", kind: "ServiceEntry", metadata: { name: "dns-only", namespace: "legacy" }, spec: { hosts: ["api.example.com"] } },
            { apiVersion: "v1", kind: "Service", metadata: { name: "lookalike", namespace: "legacy" }, spec: { addresses: ["240.0.0.3"] } },
            { apiVersion: "networking.istio.io/v1", kind: "ServiceEntry", metadata: { name: "no-spec", namespace: "legacy" } },
        ];
        expect(declaredAddresses(objects)).to.deep.equal([
            { address: "240.0.0.1", owner: "ServiceEntry legacy/httpbin-bar (meshfed:objects)" },
            { address: "240.0.0.2", owner: "ServiceEntry legacy/httpbin-bar (meshfed:objects)" },
            { address: "240.0.0.9", owner: "ServiceEntry default/db (meshfed:objects)" },
        ]);
        expect(declaredAddresses([])).to.deep.equal([]);
    });
});
