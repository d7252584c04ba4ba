/**
 * What an exporter passes through its cross-network gateway, resolved from `meshfed:networkGateway.exports`:
 * the resolved form for several services and consumers, and every refusal naming the exact key.
 */
import { expect } from "chai";
import { InputError } from "../../components/core/input-error";
import { resolveNetworkExports } from "../../components/multinetwork/network-exports";

const EXPORTS = "meshfed:networkGateway.exports";
const reviews = { service: { name: "reviews", namespace: "bookinfo", port: 9080 }, subsets: [{ name: "v2", labels: { version: "v2" } }, { name: "v3", labels: { version: "v3" } }], consumers: ["west"] };
const httpbin = { service: { name: "httpbin", namespace: "bar", port: 8000, protocol: "TCP" }, consumers: ["west", "north"] };
const resolve = (raw: unknown) => resolveNetworkExports(EXPORTS, raw, "east");
/** The second export (index 1) with one change. */
const second = (edit: Record<string, unknown>) => resolve([reviews, { ...httpbin, ...edit }]);
const withService = (edit: Record<string, unknown>) => second({ service: { ...httpbin.service, ...edit } });
const refused = (f: () => unknown, message: string) => expect(f).to.throw(InputError).with.property("message", message);

describe("resolving a cluster's cross-network exports", () => {
    it("resolves each service with its port, protocol (HTTP unless set), subsets and consumers", () => {
        expect(resolve([reviews, httpbin])).to.deep.equal([
            { name: "reviews", namespace: "bookinfo", port: 9080, protocol: "HTTP", subsets: reviews.subsets, consumers: ["west"] },
            { name: "httpbin", namespace: "bar", port: 8000, protocol: "TCP", subsets: [], consumers: ["west", "north"] },
        ]);
    });

    it("exports nothing when no list is given, and refuses anything but a list", () => {
        expect(resolve(undefined)).to.deep.equal([]);
        refused(() => resolve("reviews"), `${EXPORTS}: "reviews" is not valid; expected a list of exports: - service: { name, namespace, port }, consumers: [<cluster>]`);
    });

    it("accepts the same name in two namespaces, and refuses the same Service exported twice", () => {
        expect(resolve([reviews, { ...httpbin, service: { ...httpbin.service, name: "reviews" } }]).map((e) => `${e.namespace}/${e.name}`)).to.deep.equal(["bookinfo/reviews", "bar/reviews"]);
        refused(() => resolve([reviews, httpbin, { ...reviews, subsets: [] }]), `${EXPORTS}[2].service: "bookinfo/reviews" is not valid; each Service is exported once; list all its subsets and consumers in one entry`);
    });

    it("refuses a bad service name, namespace, port or protocol by its key", () => {
        refused(() => withService({ name: "Httpbin" }), `${EXPORTS}[1].service.name: "Httpbin" is not valid; expected a DNS-1123 label: lowercase letters, digits and '-', at most 63 characters, starting and ending alphanumeric`);
        expect(() => withService({ namespace: "bar_ns" })).to.throw(InputError, `${EXPORTS}[1].service.namespace: "bar_ns" is not valid`);
        expect(() => withService({ port: 15021 })).to.throw(InputError, `${EXPORTS}[1].service.port: 15021 is not valid; Istio's proxy uses that port itself`);
        refused(() => withService({ protocol: "UDP" }), `${EXPORTS}[1].service.protocol: "UDP" is not valid; allowed: HTTP, HTTP2, GRPC, TCP`);
        expect(() => withService({ targetPort: 80 })).to.throw(InputError, `${EXPORTS}[1].service.targetPort: 80 is not valid; unknown setting; known settings at ${EXPORTS}[1].service: name, namespace, port, protocol`);
        expect(() => second({ service: "httpbin" })).to.throw(InputError, `${EXPORTS}[1].service: "httpbin" is not valid`);
    });

    it("refuses subsets that are not a list, a bad subset, and two subsets of one name", () => {
        refused(() => second({ subsets: { v1: { version: "v1" } } }), `${EXPORTS}[1].subsets: {"v1":{"version":"v1"}} is not valid; expected a list of { name, labels }`);
        expect(() => second({ subsets: [{ name: "v1", labels: { version: "v1" } }, { name: "V2", labels: { version: "v2" } }] })).to.throw(InputError, `${EXPORTS}[1].subsets[1].name: "V2" is not valid`);
        expect(() => second({ subsets: [{ name: "v1", labels: {} }] })).to.throw(InputError, `${EXPORTS}[1].subsets[0].labels: {} is not valid`);
        refused(
            () => second({ subsets: [{ name: "v1", labels: { version: "v1" } }, { name: "v2", labels: { version: "v2" } }, { name: "v1", labels: { track: "stable" } }] }),
            `${EXPORTS}[1].subsets: "v1" is not valid; subset names must be unique: each is an SNI of its own`,
        );
    });

    it("refuses missing consumers, a bad consumer name and the exporter itself, by index", () => {
        refused(() => second({ consumers: undefined }), `${EXPORTS}[1].consumers: a missing value is not valid; list the clusters that may import it, e.g. [west]`);
        expect(() => second({ consumers: ["west", "North"] })).to.throw(InputError, `${EXPORTS}[1].consumers[1]: "North" is not valid`);
        refused(() => second({ consumers: ["west", "east"] }), `${EXPORTS}[1].consumers[1]: "east" is not valid; a cluster does not import its own services through its gateway`);
    });
});
