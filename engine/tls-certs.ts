/**
 * `tls.SelfSignedCert` and `tls.LocallySignedCert`, issued as the provider's `createCertificate` does
 * through Go's crypto/x509: a random positive 128-bit serial, validity from `now` for
 * `validityPeriodHours`, and extensions in Go's order and criticality (key usage critical, extended key
 * usage, basic constraints critical, subject and authority key identifiers, SANs).
 */
import { createPublicKey, KeyObject, randomBytes } from "node:crypto";
import { InputReader, Inputs } from "./provider-inputs";
import { parseCertRequest } from "./tls-csr";
import { parsePrivateKeyPem, signerOf, Signer } from "./tls-keys";
import { encodePem, expectPem } from "./tls-pem";
import { readUsages } from "./tls-usages";
import { isEmptyName, keyIdentifier, readSubject, readSubjectAltNames, sanExtension, SubjectAltNames, x509 } from "./tls-x509";

const HOUR_MS = 3_600_000;

/** Who the certificate is for and who signs it; everything else comes from the resource's inputs. */
interface Issuance {
    subject: x509.Name;
    publicKey: KeyObject;
    sans: SubjectAltNames;
    issuer: x509.Name;
    signer: Signer;
    /** The issuer's subject key identifier, for the authority key identifier Go adds on its own. */
    issuerKeyId?: Buffer;
    /** A self-signed certificate may copy its own key id as authority key id (`setAuthorityKeyId`). */
    selfSigned: boolean;
}

export async function mintSelfSignedCert(read: InputReader, now: Date): Promise<Inputs> {
    const key = parsePrivateKeyPem(read.string("privateKeyPem"), (p) => read.fail("privateKeyPem", p));
    const subject = readSubject(read);
    const issued = await issue(read, now, {
        subject,
        publicKey: createPublicKey(key.key),
        sans: readSubjectAltNames(read),
        issuer: subject,
        signer: await signerOf(key, (p) => read.fail("privateKeyPem", p)),
        selfSigned: true,
    });
    return { ...issued, keyAlgorithm: key.algorithm };
}

export async function mintLocallySignedCert(read: InputReader, now: Date): Promise<Inputs> {
    const csr = await parseCertRequest(read.string("certRequestPem"), (p) => read.fail("certRequestPem", p));
    const caKey = parsePrivateKeyPem(read.string("caPrivateKeyPem"), (p) => read.fail("caPrivateKeyPem", p));
    const ca = parseCaCert(read.string("caCertPem"), (p) => read.fail("caCertPem", p));
    // Go's CreateCertificate refuses a signing key that is not the parent certificate's.
    if (!createPublicKey(caKey.key).equals(createPublicKey({ key: Buffer.from(ca.publicKey.rawData), format: "der", type: "spki" }))) {
        read.fail("caPrivateKeyPem", "is not the private key of the certificate in caCertPem");
    }
    const caKeyId = ca.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId;
    const issued = await issue(read, now, {
        ...csr,
        issuer: ca.subjectName,
        signer: await signerOf(caKey, (p) => read.fail("caPrivateKeyPem", p)),
        issuerKeyId: caKeyId ? Buffer.from(caKeyId, "hex") : undefined,
        selfSigned: false,
    });
    return { ...issued, caKeyAlgorithm: caKey.algorithm };
}

/**
 * The provider only warns when the issuing certificate is no CA; this engine fails, because the
 * certificates it signed could never verify and a test should say so where the mistake is.
 */
function parseCaCert(pem: string, fail: (problem: string) => never): x509.X509Certificate {
    let cert: x509.X509Certificate;
    try {
        cert = new x509.X509Certificate(expectPem(pem, "CERTIFICATE", fail));
    } catch (e) {
        return fail(`could not be parsed: ${(e as Error).message}`);
    }
    if (!cert.getExtension(x509.BasicConstraintsExtension)?.ca) {
        fail(`is not a CA certificate (no basicConstraints CA:TRUE): "${cert.subject}"`);
    }
    return cert;
}

async function issue(read: InputReader, now: Date, p: Issuance): Promise<Inputs> {
    const validityPeriodHours = read.integer("validityPeriodHours");
    const earlyRenewalHours = read.integer("earlyRenewalHours", 0);
    for (const [name, v] of [["validityPeriodHours", validityPeriodHours], ["earlyRenewalHours", earlyRenewalHours]] as const) {
        if (v < 0) read.fail(name, `must be at least 0, got ${v}`);
    }
    const usages = readUsages(read);
    const isCaCertificate = read.boolean("isCaCertificate", false);
    const maxPathLength = read.optionalInteger("maxPathLength") ?? -1;
    if (maxPathLength < -1) read.fail("maxPathLength", `must be at least -1, got ${maxPathLength}`);
    const setSubjectKeyId = read.boolean("setSubjectKeyId", false);
    const subjectIsEmpty = isEmptyName(p.subject);
    if (isCaCertificate && subjectIsEmpty) {
        // RFC 5280 4.1.2.6: a CA needs a subject. A locally signed one takes it from the request.
        if (p.selfSigned) read.fail("subject", "must hold at least one attribute when isCaCertificate is true");
        read.fail("certRequestPem", "has an empty subject, which a CA certificate (isCaCertificate) cannot have");
    }

    const subjectKeyId = isCaCertificate || setSubjectKeyId ? keyIdentifier(p.publicKey) : undefined;
    const setAuthorityKeyId = p.selfSigned ? read.boolean("setAuthorityKeyId", false) : undefined;
    let authorityKeyId: Buffer | undefined;
    if (setAuthorityKeyId) {
        authorityKeyId = subjectKeyId ?? read.fail("setAuthorityKeyId", "needs a subject key identifier to copy: set setSubjectKeyId or isCaCertificate");
    } else if (!p.selfSigned && !sameName(p.subject, p.issuer)) {
        authorityKeyId = p.issuerKeyId;
    }

    const extensions: (x509.Extension | undefined)[] = [
        usages.keyUsage ? new x509.KeyUsagesExtension(usages.keyUsage, true) : undefined,
        usages.extendedKeyUsages.length ? new x509.ExtendedKeyUsageExtension(usages.extendedKeyUsages) : undefined,
        // Go writes no pathLen for 0 unless told MaxPathLenZero, which the provider never sets.
        new x509.BasicConstraintsExtension(isCaCertificate, isCaCertificate && maxPathLength > 0 ? maxPathLength : undefined, true),
        subjectKeyId && new x509.SubjectKeyIdentifierExtension(subjectKeyId.toString("hex")),
        authorityKeyId && new x509.AuthorityKeyIdentifierExtension(authorityKeyId.toString("hex")),
        sanExtension(p.sans, subjectIsEmpty),
    ];

    const serial = randomBytes(16).toString("hex");
    const notAfter = new Date(now.getTime() + validityPeriodHours * HOUR_MS);
    const cert = await x509.X509CertificateGenerator.create({
        serialNumber: serial,
        subject: p.subject,
        issuer: p.issuer,
        notBefore: now,
        notAfter,
        publicKey: p.publicKey.export({ type: "spki", format: "der" }),
        signingKey: p.signer.privateKey,
        signingAlgorithm: p.signer.algorithm,
        extensions: extensions.filter((e): e is x509.Extension => e !== undefined),
    });
    const validityEndTime = rfc3339(notAfter);
    return {
        id: BigInt(`0x${serial}`).toString(),
        certPem: encodePem("CERTIFICATE", Buffer.from(cert.rawData)),
        validityStartTime: rfc3339(now),
        validityEndTime,
        readyForRenewal: isReadyForRenewal(validityEndTime, earlyRenewalHours, now),
        earlyRenewalHours,
        isCaCertificate,
        setSubjectKeyId,
        ...(p.selfSigned ? { setAuthorityKeyId } : {}),
    };
}

function sameName(a: x509.Name, b: x509.Name): boolean {
    return Buffer.from(a.toArrayBuffer()).equals(Buffer.from(b.toArrayBuffer()));
}

/**
 * Whether the provider would plan a replacement at `now`: once `earlyRenewalHours` before
 * `validityEndTime` has been reached.
 */
export function isReadyForRenewal(validityEndTime: string, earlyRenewalHours: number, now: Date): boolean {
    return Date.parse(validityEndTime) - earlyRenewalHours * HOUR_MS <= now.getTime();
}

/** Go's `Time.MarshalText` for a UTC time: RFC 3339 with fractional seconds, trailing zeros dropped. */
function rfc3339(t: Date): string {
    return t.toISOString().replace(/\.(\d*?)0*Z$/, (_, digits: string) => (digits ? `.${digits}Z` : "Z"));
}
