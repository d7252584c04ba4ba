/** What a plan file shows of a secret without --show-secrets: public PEM text only, everything else redacted. */
import { expect } from "chai";
import { render, secretValue } from "../../engine/secrets";

const block = (type: string, body = "MIIBzDCCAXKgAwIBAgIQ\nAbCd+/=\n") => `-----BEGIN ${type}-----\n${body}-----END ${type}-----\n`;
const CERT = block("CERTIFICATE");
const KEY = block("PRIVATE KEY");

describe("render: secrets in plan files", () => {
    it("shows a CA bundle (certificates only), and still lists it as secret", () => {
        const paths: string[] = [];
        const bundle = CERT + CERT;
        expect(render({ stringData: secretValue({ "ca.crt": bundle }) }, false, "", paths)).to.deep.equal({ stringData: { "ca.crt": bundle } });
        expect(paths).to.deep.equal(["stringData"]);
    });

    it("shows the certificate of a TLS Secret and redacts its key", () => {
        expect(render(secretValue({ "tls.crt": CERT, "tls.key": KEY }), false)).to.deep.equal({ "tls.crt": CERT, "tls.key": "[secret]" });
    });

    it("redacts a bundle with a key block in it, a kubeconfig, a token and a number", () => {
        for (const hidden of [CERT + KEY, KEY + CERT, block("EC PRIVATE KEY"), "apiVersion: v1\nkind: Config\n", "token-123", 42, `${CERT}trailing text`]) {
            expect(render(secretValue(hidden), false), String(hidden)).to.equal("[secret]");
        }
    });

    it("shows CSRs and public keys, and everything with --show-secrets", () => {
        expect(render(secretValue([block("CERTIFICATE REQUEST"), block("PUBLIC KEY")]), false)).to.deep.equal([block("CERTIFICATE REQUEST"), block("PUBLIC KEY")]);
        expect(render(secretValue({ "tls.key": KEY }), true)).to.deep.equal({ "tls.key": KEY });
    });
});
