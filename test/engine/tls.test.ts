import { expect } from "chai";
import { createHash, createPrivateKey, createPublicKey, X509Certificate } from "node:crypto";
import { AddressInfo } from "node:net";
import * as tls from "node:tls";
import { secretValue } from "../../engine/secrets";
import { isReadyForRenewal, mintTls } from "../../engine/tls";
import { x509 } from "../../engine/tls-x509";

const PRIVATE_KEY = "tls:index/privateKey:PrivateKey";
const SELF_SIGNED = "tls:index/selfSignedCert:SelfSignedCert";
const CERT_REQUEST = "tls:index/certRequest:CertRequest";
const LOCALLY_SIGNED = "tls:index/locallySignedCert:LocallySignedCert";
const HOUR = 3_600_000;

type State = Record<string, any>;

async function mint(type: string, inputs: State, now = new Date()): Promise<State> {
    const state = await mintTls(type, inputs, now);
    if (!state) throw new Error(`no state for ${type}`);
    return state;
}

const ecdsaKey = () => mint(PRIVATE_KEY, { algorithm: "ECDSA", ecdsaCurve: "P256" });

async function meshCa(now = new Date()): Promise<{ key: State; cert: State }> {
    const key = await ecdsaKey();
    const cert = await mint(
        SELF_SIGNED,
        {
            privateKeyPem: key.privateKeyPem,
            subject: { commonName: "meshfed root", organization: "meshfed" },
            isCaCertificate: true,
            validityPeriodHours: 87600,
            allowedUses: ["cert_signing", "crl_signing", "digital_signature"],
        },
        now,
    );
    return { key, cert };
}

async function issue(ca: { key: State; cert: State }, commonName: string, dnsNames: string[], allowedUses: string[], extra: State = {}, now = new Date()) {
    const key = await ecdsaKey();
    const csr = await mint(CERT_REQUEST, { privateKeyPem: key.privateKeyPem, subject: { commonName }, dnsNames });
    const cert = await mint(
        LOCALLY_SIGNED,
        {
            certRequestPem: csr.certRequestPem,
            caPrivateKeyPem: ca.key.privateKeyPem,
            caCertPem: ca.cert.certPem,
            validityPeriodHours: 24,
            allowedUses,
            ...extra,
        },
        now,
    );
    return { key, csr, cert };
}

function extension<T extends x509.Extension>(pem: string, type: new (raw: ArrayBuffer) => T): T | null {
    return new x509.X509Certificate(pem).getExtension(type);
}

async function rejection(p: Promise<unknown>): Promise<string> {
    try {
        await p;
    } catch (e) {
        return (e as Error).message;
    }
    throw new Error("expected a rejection");
}

describe("tls provider (offline): a mesh CA issuing leaf certificates", () => {
    let ca: { key: State; cert: State };
    let leaf: { key: State; csr: State; cert: State };
    const now = new Date();

    before(async () => {
        ca = await meshCa(now);
        leaf = await issue(ca, "c2.example.com", ["c2.example.com", "c2.mesh.local"], ["digital_signature", "key_encipherment", "server_auth", "client_auth"], { earlyRenewalHours: 2 }, now);
    });

    it("mints a self-signed ECDSA P-256 CA whose basic constraints say CA, critically", () => {
        const cert = new X509Certificate(ca.cert.certPem);
        expect(cert.ca).to.equal(true);
        expect(cert.verify(cert.publicKey)).to.equal(true);
        expect(cert.publicKey.asymmetricKeyDetails?.namedCurve).to.equal("prime256v1");
        const bc = extension(ca.cert.certPem, x509.BasicConstraintsExtension)!;
        expect([bc.ca, bc.critical]).to.deep.equal([true, true]);
        expect(ca.cert.keyAlgorithm).to.equal("ECDSA");
    });

    it("gives the CA a subject key identifier, as the provider does for every CA", () => {
        expect(extension(ca.cert.certPem, x509.SubjectKeyIdentifierExtension)).to.not.equal(null);
    });

    it("issues a leaf, via CertRequest and LocallySignedCert, that verifies against the CA", () => {
        const cert = new X509Certificate(leaf.cert.certPem);
        const caCert = new X509Certificate(ca.cert.certPem);
        expect(cert.checkIssued(caCert)).to.equal(true);
        expect(cert.verify(caCert.publicKey)).to.equal(true);
        expect(cert.issuer).to.equal(caCert.subject);
        expect(leaf.cert.caKeyAlgorithm).to.equal("ECDSA");
    });

    it("takes the leaf's subject and public key from the request", () => {
        const cert = new X509Certificate(leaf.cert.certPem);
        expect(cert.subject).to.equal("CN=c2.example.com");
        expect(cert.publicKey.equals(createPublicKey(leaf.key.privateKeyPem))).to.equal(true);
    });

    it("carries exactly the requested DNS names as SANs", () => {
        expect(new X509Certificate(leaf.cert.certPem).subjectAltName).to.equal("DNS:c2.example.com, DNS:c2.mesh.local");
    });

    it("marks the leaf as no CA, with the requested key usages and extended key usages", () => {
        expect(new X509Certificate(leaf.cert.certPem).ca).to.equal(false);
        const ku = extension(leaf.cert.certPem, x509.KeyUsagesExtension)!;
        expect(ku.usages).to.equal(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment);
        expect(ku.critical).to.equal(true);
        expect(extension(leaf.cert.certPem, x509.ExtendedKeyUsageExtension)!.usages).to.deep.equal([
            x509.ExtendedKeyUsage.serverAuth,
            x509.ExtendedKeyUsage.clientAuth,
        ]);
    });

    it("makes the leaf valid from now for exactly validityPeriodHours", () => {
        const cert = new X509Certificate(leaf.cert.certPem);
        const notBefore = Date.parse(cert.validFrom);
        expect(notBefore).to.equal(Math.floor(now.getTime() / 1000) * 1000);
        expect(Date.parse(cert.validTo) - notBefore).to.equal(24 * HOUR);
        expect(Date.parse(leaf.cert.validityStartTime)).to.equal(now.getTime());
        expect(Date.parse(leaf.cert.validityEndTime)).to.equal(now.getTime() + 24 * HOUR);
        expect(leaf.cert.validityEndTime).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    });

    it("gives a random positive 128-bit serial number, which is also the id", () => {
        const serial = BigInt(`0x${new X509Certificate(leaf.cert.certPem).serialNumber}`);
        expect(serial > 0n && serial < 1n << 128n).to.equal(true);
        expect(leaf.cert.id).to.equal(serial.toString());
    });

    it("adds the CA's key identifier as the leaf's authority key identifier", () => {
        const caKeyId = extension(ca.cert.certPem, x509.SubjectKeyIdentifierExtension)!.keyId;
        expect(extension(leaf.cert.certPem, x509.AuthorityKeyIdentifierExtension)!.keyId).to.equal(caKeyId);
    });

    it("keeps the program's inputs in the state, secret markers included, with the provider's defaults", async () => {
        const key = secretValue(ca.key.privateKeyPem);
        const state = await mint(SELF_SIGNED, { privateKeyPem: key, validityPeriodHours: 1, allowedUses: [] });
        expect(state.privateKeyPem).to.equal(key);
        expect(state).to.include({ earlyRenewalHours: 0, isCaCertificate: false, setSubjectKeyId: false, setAuthorityKeyId: false, readyForRenewal: false });
    });
});

describe("tls provider (offline): early renewal", () => {
    const end = "2030-01-10T00:00:00Z";

    it("is not ready for renewal before validityEndTime − earlyRenewalHours", () => {
        expect(isReadyForRenewal(end, 48, new Date(Date.parse("2030-01-08T00:00:00Z") - 1))).to.equal(false);
    });

    it("is ready for renewal from validityEndTime − earlyRenewalHours on", () => {
        expect(isReadyForRenewal(end, 48, new Date("2030-01-08T00:00:00Z"))).to.equal(true);
        expect(isReadyForRenewal(end, 0, new Date("2030-01-11T00:00:00Z"))).to.equal(true);
    });

    it("reports readyForRenewal on a certificate whose early renewal window is already open", async () => {
        const { key } = await meshCa();
        const inputs = { privateKeyPem: key.privateKeyPem, validityPeriodHours: 24, allowedUses: [] };
        expect((await mint(SELF_SIGNED, { ...inputs, earlyRenewalHours: 23 })).readyForRenewal).to.equal(false);
        expect((await mint(SELF_SIGNED, { ...inputs, earlyRenewalHours: 24 })).readyForRenewal).to.equal(true);
    });
});

describe("tls provider (offline): private keys in the provider's formats", () => {
    it("writes RSA 2048 keys as PKCS#1 and PKCS#8, and signs certificates with them", async () => {
        const key = await mint(PRIVATE_KEY, { algorithm: "RSA" });
        expect(key.rsaBits).to.equal(2048);
        expect(key.privateKeyPem).to.match(/^-----BEGIN RSA PRIVATE KEY-----\n/);
        expect(key.privateKeyPemPkcs8).to.match(/^-----BEGIN PRIVATE KEY-----\n/);
        expect(createPrivateKey(key.privateKeyPem).asymmetricKeyDetails?.modulusLength).to.equal(2048);
        const cert = await mint(SELF_SIGNED, { privateKeyPem: key.privateKeyPem, subject: { commonName: "rsa" }, validityPeriodHours: 1, allowedUses: ["server_auth"] });
        const parsed = new X509Certificate(cert.certPem);
        expect(parsed.verify(parsed.publicKey)).to.equal(true);
        expect(cert.keyAlgorithm).to.equal("RSA");
    });

    it("writes ECDSA keys as SEC1, on the curve asked for", async () => {
        const key = await ecdsaKey();
        expect(key.privateKeyPem).to.match(/^-----BEGIN EC PRIVATE KEY-----\n[\s\S]+-----END EC PRIVATE KEY-----\n$/);
        expect(createPrivateKey(key.privateKeyPem).asymmetricKeyDetails?.namedCurve).to.equal("prime256v1");
        expect(createPrivateKey((await mint(PRIVATE_KEY, { algorithm: "ECDSA", ecdsaCurve: "P384" })).privateKeyPem).asymmetricKeyDetails?.namedCurve).to.equal("secp384r1");
    });

    it("publishes the public key of the private key, and its hash as id", async () => {
        const key = await ecdsaKey();
        expect(createPublicKey(key.publicKeyPem).equals(createPublicKey(key.privateKeyPem))).to.equal(true);
        const spki = createPublicKey(key.privateKeyPem).export({ type: "spki", format: "der" });
        // The provider hashes after Go's strings.TrimSpace, even DER: a key whose DER ends in a whitespace byte
        // (about 1 in 40 P-256 keys) has the hash of the trimmed bytes.
        const trimmed = spki.toString("latin1").replace(/^[\t\n\v\f\r ]+|[\t\n\v\f\r ]+$/g, "");
        expect(key.id).to.equal(createHash("sha1").update(Buffer.from(trimmed, "latin1")).digest("hex"));
        expect(key).to.not.have.any.keys("privateKeyOpenssh", "publicKeyOpenssh");
    });

    it("defaults ECDSA to P224, and refuses to sign with it offline", async () => {
        const key = await mint(PRIVATE_KEY, { algorithm: "ECDSA" });
        expect(key.ecdsaCurve).to.equal("P224");
        const message = await rejection(mint(SELF_SIGNED, { privateKeyPem: key.privateKeyPem, validityPeriodHours: 1, allowedUses: [] }));
        expect(message).to.contain('input "privateKeyPem"').and.contain("P224");
    });

    it("says ED25519 keys are not emulated offline", async () => {
        expect(await rejection(mint(PRIVATE_KEY, { algorithm: "ED25519" }))).to.contain('"ED25519" is not emulated offline');
    });

    it("has no answer for other providers' types, nor for the tls types meshfed does not register", async () => {
        expect(await mintTls("random:index/randomId:RandomId", {}, new Date())).to.equal(undefined);
        expect(await mintTls("tls:index/getPublicKey:getPublicKey", {}, new Date())).to.equal(undefined);
    });
});

describe("tls provider (offline): a mutual-TLS handshake with minted material", () => {
    it("succeeds between a server for c2.example.com and a client, both issued by one CA", async () => {
        const ca = await meshCa();
        const server = await issue(ca, "c2.example.com", ["c2.example.com"], ["digital_signature", "server_auth"]);
        const client = await issue(ca, "c1-gateway", [], ["digital_signature", "client_auth"]);
        expect(() => tls.createSecureContext({ key: server.key.privateKeyPem, cert: server.cert.certPem, ca: ca.cert.certPem })).to.not.throw();

        const srv = tls.createServer(
            { key: server.key.privateKeyPem, cert: server.cert.certPem, ca: ca.cert.certPem, requestCert: true, rejectUnauthorized: true },
            (socket) => socket.end(`hello ${(socket.getPeerCertificate() as tls.PeerCertificate).subject.CN}`),
        );
        await new Promise<void>((resolve) => srv.listen(0, "127.0.0.1", resolve));
        try {
            const { port } = srv.address() as AddressInfo;
            const reply = await new Promise<string>((resolve, reject) => {
                let data = "";
                const socket = tls.connect({ host: "127.0.0.1", port, servername: "c2.example.com", ca: ca.cert.certPem, key: client.key.privateKeyPem, cert: client.cert.certPem });
                socket.on("data", (d) => (data += d));
                socket.on("end", () => resolve(data));
                socket.on("error", reject);
            });
            expect(reply).to.equal("hello c1-gateway");
        } finally {
            srv.close();
        }
    });
});

describe("tls provider (offline): bad inputs fail naming the input", () => {
    let ca: { key: State; cert: State };
    before(async () => (ca = await meshCa()));

    it("requires privateKeyPem for a self-signed certificate", async () => {
        expect(await rejection(mint(SELF_SIGNED, { validityPeriodHours: 1, allowedUses: [] }))).to.equal(
            'tls:index/selfSignedCert:SelfSignedCert: input "privateKeyPem" is required',
        );
    });

    it("rejects an unknown key algorithm", async () => {
        expect(await rejection(mint(PRIVATE_KEY, { algorithm: "DSA" }))).to.contain('input "algorithm" must be one of RSA, ECDSA, ED25519, got "DSA"');
    });

    it("rejects the camelCase key usages of the SDK docs, naming the spelling the provider takes", async () => {
        const message = await rejection(mint(SELF_SIGNED, { privateKeyPem: ca.key.privateKeyPem, validityPeriodHours: 1, allowedUses: ["server_auth", "keyEncipherment"] }));
        expect(message).to.contain('input "allowedUses[1]"').and.contain('did you mean "key_encipherment"');
    });

    it("rejects a certificate request whose signature does not verify", async () => {
        const { csr } = await issue(ca, "c2.example.com", [], []);
        const der = Buffer.from(csr.certRequestPem.replace(/-----[A-Z ]+-----/g, ""), "base64");
        der.write("c3", der.indexOf("c2.example.com"), "latin1");
        const tampered = `-----BEGIN CERTIFICATE REQUEST-----\n${der.toString("base64")}\n-----END CERTIFICATE REQUEST-----\n`;
        const message = await rejection(
            mint(LOCALLY_SIGNED, { certRequestPem: tampered, caPrivateKeyPem: ca.key.privateKeyPem, caCertPem: ca.cert.certPem, validityPeriodHours: 1, allowedUses: [] }),
        );
        expect(message).to.contain('input "certRequestPem" has a signature that does not verify');
    });

    it("refuses to sign with a CA certificate that is not a CA", async () => {
        const { key, csr, cert } = await issue(ca, "not-a-ca", [], []);
        const message = await rejection(
            mint(LOCALLY_SIGNED, { certRequestPem: csr.certRequestPem, caPrivateKeyPem: key.privateKeyPem, caCertPem: cert.certPem, validityPeriodHours: 1, allowedUses: [] }),
        );
        expect(message).to.contain('input "caCertPem" is not a CA certificate');
    });

    it("refuses a CA private key that does not belong to the CA certificate", async () => {
        const { csr } = await issue(ca, "x", [], []);
        const other = await ecdsaKey();
        const message = await rejection(
            mint(LOCALLY_SIGNED, { certRequestPem: csr.certRequestPem, caPrivateKeyPem: other.privateKeyPem, caCertPem: ca.cert.certPem, validityPeriodHours: 1, allowedUses: [] }),
        );
        expect(message).to.contain('input "caPrivateKeyPem" is not the private key of the certificate in caCertPem');
    });

    it("requires a subject on a CA certificate", async () => {
        const message = await rejection(mint(SELF_SIGNED, { privateKeyPem: ca.key.privateKeyPem, isCaCertificate: true, validityPeriodHours: 1, allowedUses: [] }));
        expect(message).to.contain('input "subject" must hold at least one attribute');
    });
});
