/**
 * A peer's federation contract, however it arrives (a stack output or a config key for a peer outside
 * meshfed): what is accepted as is, what is refused, and that every refusal names the offending field.
 */
import { expect } from "chai";
import { checkContract, FederationContract, isReachable } from "../../components/federation/contract";

const PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
const WHERE = "meshfed:federation.peers.partner.contract";
const reviews = { name: "reviews-v2", namespace: "bookinfo", pathPrefix: "/bookinfo/reviews-v2/", consumers: ["cluster1", "cluster3"] };
const ratings = { name: "ratings", namespace: "bookinfo", pathPrefix: "/bookinfo/ratings/", consumers: ["cluster3"] };
const partner = (more: Record<string, unknown> = {}): Record<string, unknown> => ({
    version: 1, cluster: "partner", host: "mesh.partner.example", address: { hostname: "lb.partner.example" }, port: 443, caCertPem: PEM, services: [reviews, ratings], ...more,
});
const consumerOnly = (): Record<string, unknown> => {
    const { address: _a, port: _p, ...rest } = partner();
    return rest;
};
const refusal = (raw: unknown): string => {
    try {
        checkContract(WHERE, raw);
    } catch (err) {
        return (err as Error).message;
    }
    throw new Error("expected the contract to be refused");
};

describe("a peer's federation contract: what is accepted", () => {
    it("accepts a reachable contract with several services and consumers as given", () => {
        const c = checkContract(WHERE, partner());

        expect(c).to.deep.equal(partner());
        expect(isReachable(c)).to.equal(true);
    });

    it("accepts a cluster that only consumes (no address, no port), and it is not reachable", () => {
        const c = checkContract(WHERE, consumerOnly());

        expect(c).to.deep.equal(consumerOnly());
        expect(isReachable(c)).to.equal(false);
    });

    it("is not reachable with only one of address and port", () => {
        const base = consumerOnly() as unknown as FederationContract;
        expect(isReachable({ ...base, address: { ip: "192.0.2.7" } })).to.equal(false);
        expect(isReachable({ ...base, port: 15443 })).to.equal(false);
        expect(isReachable({ ...base, address: { ip: "192.0.2.7" }, port: 15443 })).to.equal(true);
    });

    it("accepts the lowest and highest port numbers and an IP address", () => {
        expect(checkContract(WHERE, partner({ port: 1, address: { ip: "192.0.2.7" } })).port).to.equal(1);
        expect(checkContract(WHERE, partner({ port: 65535 })).port).to.equal(65535);
    });

    it("accepts a contract that exports nothing, and a service exported to no one yet", () => {
        expect(checkContract(WHERE, partner({ services: [] })).services).to.deep.equal([]);
        expect(checkContract(WHERE, partner({ services: [{ ...reviews, consumers: [] }] })).services[0].consumers).to.deep.equal([]);
    });
});

describe("a peer's federation contract: refusals name the field", () => {
    const cases: [string, unknown, string][] = [
        ["a string", "cluster2", `${WHERE} is not an object`],
        ["null", null, `${WHERE} is not an object`],
        ["an empty cluster name", partner({ cluster: "" }), `${WHERE}.cluster must be a non-empty string`],
        ["an empty host", partner({ host: "" }), `${WHERE}.host must be a non-empty string`],
        ["a numeric host", partner({ host: 7 }), `${WHERE}.host must be a non-empty string`],
        ["an empty caCertPem", partner({ caCertPem: "" }), `${WHERE}.caCertPem must be a non-empty string`],
        ["an address without a port", partner({ port: undefined }), `${WHERE}.port must be set with the other, or both left out`],
        ["a port without an address", partner({ address: undefined }), `${WHERE}.address must be set with the other, or both left out`],
        ["port 65536", partner({ port: 65536 }), `${WHERE}.port must be a port number from 1 to 65535`],
        ["a fractional port", partner({ port: 443.5 }), `${WHERE}.port must be a port number from 1 to 65535`],
        ["a port given as a string", partner({ port: "443" }), `${WHERE}.port must be a port number from 1 to 65535`],
        ["an IP that is not a string", partner({ address: { ip: 3221225991 } }), `${WHERE}.address must be exactly one of { ip } or { hostname }`],
        ["an address of another kind", partner({ address: { fqdn: "lb.partner.example" } }), `${WHERE}.address must be exactly one of { ip } or { hostname }`],
        ["an empty address", partner({ address: {} }), `${WHERE}.address must be exactly one of { ip } or { hostname }`],
        ["no services key", partner({ services: undefined }), `${WHERE}.services must be a list`],
        ["services as a map", partner({ services: { reviews } }), `${WHERE}.services must be a list`],
        ["a null service", partner({ services: [reviews, null] }), `${WHERE}.services[1].name must be a string`],
        ["a service without a namespace", partner({ services: [reviews, { ...ratings, namespace: undefined }] }), `${WHERE}.services[1].namespace must be a string`],
        ["a service without a path prefix", partner({ services: [{ ...reviews, pathPrefix: 7 }] }), `${WHERE}.services[0].pathPrefix must be a string`],
        ["a service without consumers", partner({ services: [reviews, { ...ratings, consumers: undefined }] }), `${WHERE}.services[1].consumers must be a list of cluster names`],
        ["consumers as one string", partner({ services: [{ ...reviews, consumers: "cluster1" }] }), `${WHERE}.services[0].consumers must be a list of cluster names`],
        ["a consumer that is not a name", partner({ services: [{ ...reviews, consumers: ["cluster1", 3] }] }), `${WHERE}.services[0].consumers must be a list of cluster names`],
    ];
    for (const [what, raw, message] of cases) {
        it(`refuses ${what}`, () => {
            expect(refusal(raw)).to.equal(message);
        });
    }
});
