/**
 * PKCS#10 certificate requests: `tls.CertRequest` makes them as the provider does (subject, and the
 * SANs in an extensionRequest attribute), and `tls.LocallySignedCert` reads them back.
 */
import { createPublicKey, KeyObject } from "node:crypto";
import { InputReader, Inputs } from "./provider-inputs";
import { parsePrivateKeyPem, signerOf, stateHash } from "./tls-keys";
import { encodePem, expectPem } from "./tls-pem";
import { isEmptyName, readSubject, readSubjectAltNames, sanExtension, sansOf, SubjectAltNames, x509 } from "./tls-x509";

/** What a CA takes from a request: the rest (other attributes and extensions) is ignored, as in Go. */
export interface CertificateRequest {
    subject: x509.Name;
    sans: SubjectAltNames;
    publicKey: KeyObject;
}

export async function mintCertRequest(read: InputReader): Promise<Inputs> {
    const fail = (problem: string) => read.fail("privateKeyPem", problem);
    const key = parsePrivateKeyPem(read.string("privateKeyPem"), fail);
    const subject = readSubject(read);
    const san = sanExtension(readSubjectAltNames(read), isEmptyName(subject));
    const signer = await signerOf(key, fail);
    const csr = await x509.Pkcs10CertificateRequestGenerator.create({
        name: subject,
        keys: { privateKey: signer.privateKey, publicKey: signer.publicKey },
        signingAlgorithm: signer.algorithm,
        extensions: san ? [san] : [],
    });
    const der = Buffer.from(csr.rawData);
    return { keyAlgorithm: key.algorithm, certRequestPem: encodePem("CERTIFICATE REQUEST", der), id: stateHash(der) };
}

/**
 * Reads a request and checks its self-signature, which proves the requester holds the key. (The Go
 * provider skips this check; a request that fails it is corrupt or forged, so this engine refuses it.)
 */
export async function parseCertRequest(pem: string, fail: (problem: string) => never): Promise<CertificateRequest> {
    const der = expectPem(pem, "CERTIFICATE REQUEST", fail);
    let csr: x509.Pkcs10CertificateRequest;
    try {
        csr = new x509.Pkcs10CertificateRequest(der);
    } catch (e) {
        return fail(`could not be parsed: ${(e as Error).message}`);
    }
    let verified: boolean;
    try {
        verified = await csr.verify();
    } catch (e) {
        return fail(`has a signature the offline engine cannot check (${(e as Error).message})`);
    }
    if (!verified) fail("has a signature that does not verify against its own public key");
    const san = csr.getExtension("2.5.29.17");
    return {
        subject: csr.subjectName,
        sans: sansOf(san && new x509.SubjectAlternativeNameExtension(san.rawData)),
        publicKey: createPublicKey({ key: Buffer.from(csr.publicKey.rawData), format: "der", type: "spki" }),
    };
}
