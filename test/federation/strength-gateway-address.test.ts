/**
 * Where peers reach an ingress gateway: an address pinned in config (exactly one of an IP or a DNS name),
 * or what the cloud's load balancer reports, whichever of IP or hostname it gives.
 */
import { expect } from "chai";
import { addressFromServiceStatus, resolveAddress } from "../../components/gateway/gateway-address";

const PATH = "meshfed:gateways.ingress.address";

describe("a pinned ingress gateway address", () => {
    it("is an IPv4 or IPv6 address, or a DNS name, as given", () => {
        expect(resolveAddress(PATH, { ip: "192.0.2.7" })).to.deep.equal({ ip: "192.0.2.7" });
        expect(resolveAddress(PATH, { ip: "2001:db8::7" })).to.deep.equal({ ip: "2001:db8::7" });
        expect(resolveAddress(PATH, { hostname: "federation.c2.example.com" })).to.deep.equal({ hostname: "federation.c2.example.com" });
    });

    const refusals: [string, unknown, string][] = [
        ["both an IP and a hostname", { ip: "192.0.2.7", hostname: "c2.example.com" },
            `${PATH}: {"ip":"192.0.2.7","hostname":"c2.example.com"} is not valid; expected exactly one of { ip: <IPv4 or IPv6> } or { hostname: <DNS name> }`],
        ["neither", {}, `${PATH}: {} is not valid; expected exactly one of { ip: <IPv4 or IPv6> } or { hostname: <DNS name> }`],
        ["another kind of address", { fqdn: "c2.example.com" }, `${PATH}: {"fqdn":"c2.example.com"} is not valid; expected exactly one of { ip: <IPv4 or IPv6> } or { hostname: <DNS name> }`],
        ["an IP that is not one", { ip: "192.0.2.300" }, `${PATH}.ip: "192.0.2.300" is not valid; expected an IPv4 or IPv6 address`],
        ["an IP given as a number", { ip: 3221225991 }, `${PATH}.ip: 3221225991 is not valid; expected an IPv4 or IPv6 address`],
        ["a hostname that is not a DNS name", { hostname: "c2 example com" }, `${PATH}.hostname: "c2 example com" is not valid`],
    ];
    for (const [what, raw, message] of refusals) {
        it(`refuses ${what}`, () => {
            expect(() => resolveAddress(PATH, raw)).to.throw(message);
        });
    }
});

describe("the address a LoadBalancer Service reports", () => {
    const service = "istio-federation-ingress/istio-private-ingressgateway";
    const lb = (...ingress: Record<string, string>[]) => ({ loadBalancer: { ingress } });

    it("is its first IP (GCP, Azure) or its first hostname (AWS)", () => {
        expect(addressFromServiceStatus(service, lb({ ip: "203.0.113.9" }, { ip: "203.0.113.10" }), PATH)).to.deep.equal({ ip: "203.0.113.9" });
        expect(addressFromServiceStatus(service, lb({ hostname: "a1b2.elb.amazonaws.com" }), PATH)).to.deep.equal({ hostname: "a1b2.elb.amazonaws.com" });
        expect(addressFromServiceStatus(service, lb({ ip: "203.0.113.9", hostname: "a1b2.elb.amazonaws.com" }), PATH)).to.deep.equal({ ip: "203.0.113.9" });
    });

    it("fails, naming the Service and the setting that pins an address, while the cloud has assigned none", () => {
        const message = `Service ${service} has no load-balancer address yet; wait for the cloud to assign one and run again, or pin it with ${PATH}`;
        for (const status of [undefined, {}, { loadBalancer: {} }, lb(), lb({})]) {
            expect(() => addressFromServiceStatus(service, status, PATH), JSON.stringify(status)).to.throw(message);
        }
    });
});
