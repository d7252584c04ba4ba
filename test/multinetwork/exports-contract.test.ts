/**
 * The `networkGateway` output a consumer reads from an exporter's `<cluster>-network` stack: accepted whole
 * when every field is there, and otherwise refused naming the stack, the field and what it should hold.
 */
import { expect } from "chai";
import { NetworkGatewayContract, readNetworkContract } from "../../components/multinetwork/network-contract";
import { eastGateway, exportedService } from "./exported-services";

const STACK = "east-network";
const reviews = exportedService("reviews", "bookinfo", 9080, { subsets: ["v2"] });
const httpbin = exportedService("httpbin", "bar", 8000, { protocol: "TCP", consumers: ["west", "north"] });
// A fresh copy each time: the tests break it in place.
const contract = (): Record<string, any> => eastGateway("west", [structuredClone(reviews), structuredClone(httpbin)]);
/** The contract with one change made to it. */
const broken = (edit: (c: Record<string, any>) => void) => {
    const c = contract();
    edit(c);
    return c;
};
const refusal = (raw: unknown) => expect(() => readNetworkContract(STACK, raw)).to.throw(Error);

describe("reading a peer's network gateway contract", () => {
    it("accepts a complete contract as published, with an IP or a DNS name for the gateway", () => {
        const c: NetworkGatewayContract = readNetworkContract(STACK, contract());
        expect(c).to.deep.equal(contract());
        expect(readNetworkContract(STACK, broken((x) => (x.address = { hostname: "east-gw.example.com" }))).address).to.deep.equal({ hostname: "east-gw.example.com" });
        expect(readNetworkContract(STACK, broken((x) => (x.services = []))).services).to.deep.equal([]);
    });

    it("refuses anything but an object, asking whether the stack is a -network stack at all", () => {
        for (const raw of [undefined, null, "east", 1, [contract()]]) {
            refusal(raw).with.property("message", `stack "east-network": networkGateway is missing or not an object; is it a meshfed <cluster>-network stack, planned or deployed?`);
        }
    });

    it("refuses another contract version, saying which side to upgrade", () => {
        refusal(broken((c) => (c.version = 2))).with.property("message", 'stack "east-network": networkGateway.version is 2, this meshfed reads version 1; upgrade the older side');
        refusal(broken((c) => delete c.version)).with.property("message", 'stack "east-network": networkGateway.version is undefined, this meshfed reads version 1; upgrade the older side');
    });

    it("refuses a missing, empty or non-string cluster, mesh ID or network, naming the field", () => {
        for (const f of ["cluster", "meshId", "network"]) {
            for (const bad of [undefined, "", 7]) {
                refusal(broken((c) => (c[f] = bad))).with.property("message", `stack "east-network": networkGateway.${f} is missing or not a string`);
            }
        }
    });

    it("refuses a gateway without an address, or one with neither an IP nor a DNS name", () => {
        for (const address of [undefined, {}, { ip: 192 }, { port: 15443 }]) {
            refusal(broken((c) => (c.address = address))).with.property("message", 'stack "east-network": networkGateway.address is missing: { ip } or { hostname }');
        }
    });

    it("refuses a port that is not a number, and services that are not a list", () => {
        refusal(broken((c) => (c.port = "15443"))).with.property("message", 'stack "east-network": networkGateway.port is missing or not a number');
        refusal(broken((c) => (c.services = { reviews }))).with.property("message", 'stack "east-network": networkGateway.services is missing or not a list');
    });

    it("refuses a service missing any field, naming its index and the field", () => {
        for (const f of ["name", "namespace", "host", "protocol"]) {
            refusal(broken((c) => delete c.services[1][f])).with.property("message", `stack "east-network": networkGateway.services[1].${f} is missing or not a string`);
        }
        refusal(broken((c) => (c.services[1].port = "8000"))).with.property("message", 'stack "east-network": networkGateway.services[1].port is missing or not a number');
        for (const f of ["subsets", "consumers"]) {
            refusal(broken((c) => (c.services[0][f] = "west"))).with.property("message", `stack "east-network": networkGateway.services[0].${f} is missing or not a list`);
        }
    });

    it("refuses a service that is not an object without crashing on it", () => {
        refusal(broken((c) => (c.services = [reviews, null]))).with.property("message", 'stack "east-network": networkGateway.services[1].name is missing or not a string');
    });
});
