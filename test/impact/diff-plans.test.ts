import { expect } from "chai";
import { diffValues } from "../../cli/diff-plans";
import { holds, partOf } from "../../cli/impact-trace";

describe("impact: comparing plans and tracing values", () => {
    it("diffs leaf by leaf, naming values added, removed and changed", () => {
        expect(diffValues({ a: { ip: "1.2.3.4" }, s: ["x", "y"], gone: 1 }, { a: { ip: "5.6.7.8" }, s: ["x"], added: true })).to.deep.equal([
            { path: "a.ip", before: "1.2.3.4", after: "5.6.7.8" },
            { path: "added", after: true },
            { path: "gone", before: 1 },
            { path: "s[1]", before: "y" },
        ]);
        expect(diffValues({ same: [1, { b: 2 }] }, { same: [1, { b: 2 }] })).to.deep.equal([]);
    });

    it("classifies contract paths as address, CA, exports or settings", () => {
        expect(partOf("federation.address.ip")).to.equal("address");
        expect(partOf("ingressPort")).to.equal("address");
        expect(partOf("federation.caCertPem")).to.equal("CA");
        expect(partOf("meshRoot.intermediates.east.certPem")).to.equal("CA");
        expect(partOf("federation.services[0].pathPrefix")).to.equal("exports");
        expect(partOf("networkGateway.services[0].host")).to.equal("exports");
        expect(partOf("gateways.ingress.namespace")).to.equal("settings");
    });

    it("finds hosts inside SNIs, PEMs inside bundles, and short names only whole", () => {
        expect(holds("cluster1.c2.example.com", "c2.example.com")).to.equal(true);
        const pem = "-----BEGIN CERTIFICATE-----\nMIIBzjCCAXOg\nAwIBAgIRA\n-----END CERTIFICATE-----\n";
        expect(holds(`-----BEGIN CERTIFICATE-----\nOTHER\n-----END CERTIFICATE-----\n${pem}`, pem)).to.equal(true);
        expect(holds("-----BEGIN CERTIFICATE-----\nMIIBzjCCAXOh\n-----END CERTIFICATE-----\n", pem)).to.equal(false);
        expect(holds("v2", "v2")).to.equal(true);
        expect(holds("reviews-v2", "v2")).to.equal(false);
        expect(holds(15443, 15443)).to.equal(true);
        expect(holds("15443", 15443)).to.equal(false);
    });
});
