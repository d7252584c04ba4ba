import { expect } from "chai";
import { readIdentity } from "../../program/settings";

/** `meshfed:trust` as the program resolves it: through IdentityStack's resolver, which FederationTrust's checks run in. */
const readTrust = (raw: unknown, cluster: string, gateways: unknown = { egress: { peers: ["cluster1"] } }) => readIdentity({ trust: raw, gateways, exports: undefined }, cluster)!.value.trust.value;

describe("meshfed:trust in a stack config", () => {
    it("makes the federation host the first SAN, then the additional hosts", () => {
        const trust = readTrust({ federationHost: "c2.example.com", additionalHosts: ["federation.c2.example.com"] }, "cluster2");
        expect(trust.hosts).to.deep.equal(["c2.example.com", "federation.c2.example.com"]);
    });

    it("refuses a pooled list of trusted CAs, pointing to a contract per peer outside meshfed", () => {
        const pem = "-----BEGIN CERTIFICATE-----\nQUFB\n-----END CERTIFICATE-----\n";
        expect(() => readTrust({ federationHost: "c2.example.com", trustedCaCertificates: [pem] }, "cluster2")).to.throw(
            'meshfed:trust.trustedCaCertificates: "(set)" is not valid; a pooled list of CAs would let any of them issue another peer\'s identity: declare each peer outside meshfed in meshfed:federation.peers.<name>.contract',
        );
    });

    it("names the namespaces that get copies of the client credentials for sidecars", () => {
        const gateways = { egress: { peers: ["cluster1"] } };
        expect(readTrust({ federationHost: "c2.example.com", sidecarCredentialNamespaces: ["default", "web"] }, "cluster2", gateways).sidecarNamespaces).to.deep.equal(["default", "web"]);
    });

    const cases: [string, Record<string, unknown>, string][] = [
        ["a host that is no DNS name", { federationHost: "c2_example" },
            'meshfed:trust.federationHost: "c2_example" is not valid; expected a lowercase DNS name with at least two labels'],
        ["a missing federation host", {},
            "meshfed:trust.federationHost: a missing value is not valid; expected a non-empty string"],
        ["an additional host repeating the federation host", { federationHost: "c2.example.com", additionalHosts: ["c2.example.com"] },
            'meshfed:trust.additionalHosts[0]: "c2.example.com" is not valid; the federation host is a SAN already'],
        ["an additional host listed twice", { federationHost: "c2.example.com", additionalHosts: ["a.example.com", "a.example.com"] },
            'meshfed:trust.additionalHosts[1]: "a.example.com" is not valid; each host may appear once'],
        ["an unknown algorithm", { federationHost: "c2.example.com", certificates: { algorithm: "ED448" } },
            'meshfed:trust.certificates.algorithm: "ED448" is not valid; allowed: ECDSA-P256'],
        ["a bad validity", { federationHost: "c2.example.com", ca: { validityHours: 0 } },
            "meshfed:trust.ca.validityHours: 0 is not valid; expected a whole number from 1 to 175200"],
        ["a sidecar credential namespace listed twice", { federationHost: "c2.example.com", sidecarCredentialNamespaces: ["default", "default"] },
            'meshfed:trust.sidecarCredentialNamespaces[1]: "default" is not valid; each namespace once'],
    ];
    for (const [what, raw, message] of cases) {
        it(`rejects ${what}, by its key`, () => {
            expect(() => readTrust(raw, "cluster2")).to.throw(message);
        });
    }
});
