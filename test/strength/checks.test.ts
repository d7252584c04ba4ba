/**
 * The small checks every resolver relies on, at their boundaries: what the API server and Istio accept is
 * accepted, the first value past each edge is refused.
 */
import { expect } from "chai";
import { requireCidr, requireHeaderName, requireHostname, requireLabels, requireQuantity, requireServicePort, sameLabels } from "../../components/core/checks";
import { resolveExports } from "../../components/federation/export-specs";
import { certificateBlocks, joinBundle } from "../../components/trust/pem-bundle";

const CERT = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIQ\n-----END CERTIFICATE-----";
const OTHER = "-----BEGIN CERTIFICATE-----\nMIIBtDCCAVqgAwIBAgIR\n-----END CERTIFICATE-----";
const KEY = "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIB\n-----END EC PRIVATE KEY-----";

describe("checks at their edges", () => {
    it("takes ports 1 and 65535, and 15443; refuses 0, 65536 and each of Istio's own ports", () => {
        for (const ok of [1, 15443, 65535]) expect(requireServicePort("p", ok)).to.equal(ok);
        for (const bad of [0, 65536, 15000, 15001, 15004, 15006, 15008, 15009, 15020, 15021, 15053, 15090, 1.5, "15443"]) {
            expect(() => requireServicePort("p", bad), String(bad)).to.throw(`p: ${JSON.stringify(bad)} is not valid`);
        }
    });

    it("takes CIDRs up to the family's prefix length, and refuses a bare address or a longer prefix", () => {
        for (const ok of ["10.0.0.0/0", "10.0.0.0/32", "2001:db8::/128", "::/0"]) expect(requireCidr("r", ok)).to.equal(ok);
        for (const bad of ["10.0.0.0", "10.0.0.0/33", "2001:db8::/129", "10.0.0.0/8/1", "10.0.0.0/-1", "10.0.0/8", "x/8", 10]) {
            expect(() => requireCidr("r", bad), String(bad)).to.throw("expected a CIDR block");
        }
    });

    it("takes quantities as the API server does, numbers too, and refuses units it does not know", () => {
        for (const ok of ["250m", "0.5", ".5", "128Mi", "1Gi", "1G", "1e3", "+1", "1E-3"]) expect(requireQuantity("q", ok)).to.equal(ok);
        expect(requireQuantity("q", 2)).to.equal("2");
        for (const bad of ["128 MB", "1mi", "-1", "1.2.3", "", "Gi", true]) expect(() => requireQuantity("q", bad), String(bad)).to.throw("expected a Kubernetes quantity");
    });

    it("takes RFC 9110 header names only", () => {
        expect(requireHeaderName("h", "x-b3-traceid")).to.equal("x-b3-traceid");
        for (const bad of ["end user", "end:user", "", "ümlaut"]) expect(() => requireHeaderName("h", bad), bad).to.throw("a header name is made of");
    });

    it("takes DNS names of two labels or more, refuses IPs, one label, capitals and 254 characters", () => {
        expect(requireHostname("h", "c2.example.com")).to.equal("c2.example.com");
        expect(requireHostname("h", `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(61)}`)).to.have.length(253);
        for (const bad of ["192.0.2.1", "::1", "cluster2", "C2.example.com", `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(62)}`]) {
            expect(() => requireHostname("h", bad), bad).to.throw("h: ");
        }
    });

    it("takes label values of 63 characters, empty ones, and refuses 64, spaces and edges that are not alphanumeric", () => {
        expect(requireLabels("l", { v: "a".repeat(63), w: "" })).to.deep.equal({ v: "a".repeat(63), w: "" });
        for (const bad of ["a".repeat(64), "v 2", "-v", "v-", 2]) expect(() => requireLabels("l", { v: bad }), String(bad)).to.throw("l.v: ");
        expect(() => requireLabels("l", {})).to.throw("select pods by at least one label");
    });

    it("compares label sets by content, whatever the key order, and tells different sets apart", () => {
        expect(sameLabels({ app: "reviews", version: "v2" }, { version: "v2", app: "reviews" })).to.equal(true);
        expect(sameLabels({ app: "reviews" }, { app: "reviews", version: "v2" })).to.equal(false);
        expect(sameLabels({ app: "reviews", version: "v2" }, { app: "reviews" })).to.equal(false);
        expect(sameLabels({ version: "v2" }, { version: "v3" })).to.equal(false);
    });

    it("accepts one subset defined twice with its labels in another order", () => {
        const exp = (labels: Record<string, string>, as: string) => ({ service: { name: "reviews", namespace: "bookinfo", port: 9080 }, subset: { name: "v2", labels }, exportAs: { name: as }, consumers: ["cluster1"] });
        const resolved = resolveExports("meshfed:exports", [exp({ app: "reviews", version: "v2" }, "a"), exp({ version: "v2", app: "reviews" }, "b")], "cluster2");
        expect(resolved.map((e) => e.exportAs.name)).to.deep.equal(["a", "b"]);
    });
});

describe("CA bundles: certificates only", () => {
    it("joins certificates each once, in order, and refuses a key block anywhere in a bundle, without echoing it", () => {
        expect(certificateBlocks("b", `${CERT}\n${OTHER}\n`)).to.deep.equal([CERT, OTHER]);
        expect(joinBundle("b", [`${CERT}\n`, `${OTHER}\n${CERT}\n`])).to.equal(`${CERT}\n${OTHER}\n`);
        for (const bad of [`${CERT}\n${KEY}\n`, `${KEY}\n${CERT}\n`, KEY, "", "not a pem"]) {
            let message = "";
            try {
                certificateBlocks("b", bad);
            } catch (err) {
                message = (err as Error).message;
            }
            expect(message, bad).to.match(/^b: "\((PEM [A-Z ]+|text), not shown\)" is not valid; expected one or more PEM certificates/);
            expect(message).not.to.contain("MHcCAQEEIB");
        }
        expect(() => joinBundle("b", [CERT, `${CERT}\n${KEY}`])).to.throw('b[1]: "(PEM CERTIFICATE, not shown)" is not valid');
    });
});
