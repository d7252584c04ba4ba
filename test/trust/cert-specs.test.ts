import { expect } from "chai";
import { resolveCa, resolveLeaf } from "../../components/trust/cert-specs";
import { privateKeyArgs, keyUsages } from "../../components/trust/key-algorithm";
import { joinBundle } from "../../components/trust/pem-bundle";

const ca = () => resolveCa("meshfed:trust.ca", undefined, "cluster2");

describe("federation certificate specs", () => {
    describe("defaults a platform engineer can rely on", () => {
        it("makes a per-cluster ECDSA P-256 CA valid 10 years, renewed in its last year, unprotected", () => {
            expect(ca()).to.deep.equal({
                algorithm: "ECDSA-P256",
                subject: { commonName: "cluster2 federation CA", organization: "meshfed" },
                validityHours: 87600,
                earlyRenewalHours: 8760,
                protect: false,
                rotation: "initial",
            });
        });

        it("issues gateway certificates for 90 days, renewed 30 days before expiry, in the CA's organisation", () => {
            const leaf = resolveLeaf("meshfed:trust.certificates", undefined, resolveCa("p", { subject: { organization: "Example Inc." } }, "c2"));
            expect(leaf).to.deep.equal({
                algorithm: "ECDSA-P256",
                subject: { organization: "Example Inc." },
                validityHours: 2160,
                earlyRenewalHours: 720,
            });
        });

        it("shortens the default renewal window of a short-lived certificate to a third of its life", () => {
            expect(resolveLeaf("p", { validityHours: 24 }, ca()).earlyRenewalHours).to.equal(8);
        });

        it("maps algorithms to tls key inputs, and never claims key encipherment for ECDSA keys", () => {
            expect(privateKeyArgs("RSA-3072")).to.deep.equal({ algorithm: "RSA", rsaBits: 3072 });
            expect(privateKeyArgs("ECDSA-P384")).to.deep.equal({ algorithm: "ECDSA", ecdsaCurve: "P384" });
            expect(keyUsages("ECDSA-P256")).to.deep.equal(["digital_signature"]);
            expect(keyUsages("RSA-2048")).to.include("key_encipherment");
        });
    });

    describe("bad input", () => {
        const cases: [string, () => unknown, string][] = [
            [
                "an unknown algorithm",
                () => resolveCa("meshfed:trust.ca", { algorithm: "DSA-1024" }, "c1"),
                'meshfed:trust.ca.algorithm: "DSA-1024" is not valid; allowed: ECDSA-P256, ECDSA-P384, RSA-2048, RSA-3072, RSA-4096',
            ],
            [
                "a renewal window as long as the validity",
                () => resolveLeaf("meshfed:trust.certificates", { validityHours: 48, earlyRenewalHours: 48 }, ca()),
                "meshfed:trust.certificates.earlyRenewalHours: 48 is not valid; must be shorter than validityHours (48)",
            ],
            [
                "a validity that is not a whole number of hours",
                () => resolveCa("meshfed:trust.ca", { validityHours: "1y" }, "c1"),
                'meshfed:trust.ca.validityHours: "1y" is not valid; expected a whole number from 1 to 175200',
            ],
            [
                "a gateway certificate outliving its CA",
                () => resolveLeaf("meshfed:trust.certificates", { validityHours: 9000 }, resolveCa("p", { validityHours: 8760 }, "c1")),
                "meshfed:trust.certificates.validityHours: 9000 is not valid; a gateway certificate may not outlive its CA",
            ],
            [
                "a misspelt setting",
                () => resolveCa("meshfed:trust.ca", { protected: true }, "c1"),
                "meshfed:trust.ca.protected: true is not valid; unknown setting; known settings at meshfed:trust.ca: algorithm, subject",
            ],
            [
                "a private key where a CA certificate belongs",
                () => joinBundle("meshfed:federation.peers.partner.contract.caCertPem", ["-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n"]),
                'meshfed:federation.peers.partner.contract.caCertPem[0]: "(PEM EC PRIVATE KEY, not shown)" is not valid; expected one or more PEM certificates',
            ],
            [
                "a key block hidden after a certificate in a bundle",
                () => joinBundle("p", ["-----BEGIN CERTIFICATE-----\nQUFB\n-----END CERTIFICATE-----\n-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"]),
                'p[0]: "(PEM CERTIFICATE, not shown)" is not valid; expected one or more PEM certificates (-----BEGIN CERTIFICATE-----), and nothing else: never a private key',
            ],
        ];
        for (const [what, run, message] of cases) {
            it(`rejects ${what}, naming the key, the value and what is allowed`, () => {
                expect(run).to.throw(message);
            });
        }
    });

    it("keeps each CA of a bundle once, in order", () => {
        const a = "-----BEGIN CERTIFICATE-----\nQUFB\n-----END CERTIFICATE-----";
        const b = "-----BEGIN CERTIFICATE-----\nQkJC\n-----END CERTIFICATE-----";
        expect(joinBundle("p", [`${a}\n${b}\n`, a])).to.equal(`${a}\n${b}\n`);
    });
});
