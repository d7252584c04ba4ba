/**
 * Test helpers for a shared-root mesh: what istiod does with its plugged CA (sign a workload certificate
 * with the intermediate's key) and what a peer does with `root-cert.pem` (build the chain to a trusted root).
 */
import { createPublicKey, generateKeyPairSync, X509Certificate } from "node:crypto";
import { parsePrivateKeyPem, signerOf } from "../../engine/tls-keys";
import { encodePem } from "../../engine/tls-pem";
import { x509 } from "../../engine/tls-x509";
import { certificateBlocks } from "../../components/trust/pem-bundle";

const HOUR = 3_600_000;

export interface Workload {
    key: string;
    /** The leaf alone. */
    cert: string;
}

/** A workload certificate as istiod signs it: SPIFFE URI SAN, server and client auth, 24 hours, not a CA. */
/**
 * @param dnsName a DNS SAN besides the SPIFFE URI: node's TLS client checks a host name, where Envoy checks
 *   the URI; chain trust, which these tests are about, is the same either way.
 */
export async function signWorkload(issuerCertPem: string, issuerKeyPem: string, spiffeId: string, isCa = false, dnsName?: string): Promise<Workload> {
    const fail = (p: string): never => {
        throw new Error(p);
    };
    const signer = await signerOf(parsePrivateKeyPem(issuerKeyPem, fail), fail);
    const issuer = new x509.X509Certificate(issuerCertPem);
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const now = Date.now();
    const cert = await x509.X509CertificateGenerator.create({
        serialNumber: "01" + Math.floor(Math.random() * 1e12).toString(16),
        subject: isCa ? "CN=rogue sub-CA" : "O=cluster.local",
        issuer: issuer.subject,
        notBefore: new Date(now - HOUR),
        notAfter: new Date(now + 24 * HOUR),
        publicKey: publicKey.export({ type: "spki", format: "der" }),
        signingKey: signer.privateKey,
        signingAlgorithm: signer.algorithm,
        extensions: [
            new x509.BasicConstraintsExtension(isCa, undefined, true),
            new x509.KeyUsagesExtension(isCa ? x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.digitalSignature : x509.KeyUsageFlags.digitalSignature, true),
            ...(isCa ? [] : [new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth])]),
            new x509.SubjectAlternativeNameExtension([...(dnsName ? [{ type: "dns" as const, value: dnsName }] : []), { type: "url" as const, value: spiffeId }]),
        ],
    });
    return { key: privateKey.export({ type: "pkcs8", format: "pem" }).toString(), cert: encodePem("CERTIFICATE", Buffer.from(cert.rawData)) };
}

/** A root of nobody's mesh, with a leaf: what an outsider could present. */
export async function unrelatedLeaf(): Promise<Workload> {
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const keyPem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const fail = (p: string): never => {
        throw new Error(p);
    };
    const signer = await signerOf(parsePrivateKeyPem(keyPem, fail), fail);
    const root = await x509.X509CertificateGenerator.createSelfSigned({
        serialNumber: "02",
        name: "CN=mesh1 root CA r2026, O=Example Inc.",
        notBefore: new Date(Date.now() - HOUR),
        notAfter: new Date(Date.now() + 1000 * HOUR),
        keys: { privateKey: signer.privateKey, publicKey: signer.publicKey },
        signingAlgorithm: signer.algorithm,
        extensions: [new x509.BasicConstraintsExtension(true, undefined, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign, true)],
    });
    void publicKey;
    return signWorkload(encodePem("CERTIFICATE", Buffer.from(root.rawData)), keyPem, "spiffe://cluster.local/ns/evil/sa/evil");
}

/**
 * Whether `chain` (leaf first, then the intermediates the workload presents) leads to one of the roots in
 * `rootBundle`, each link checked by issuer name and signature and each certificate inside its validity.
 */
export function chainsTo(chain: string[], rootBundle: string): boolean {
    const roots = certificateBlocks("roots", rootBundle).map((p) => new X509Certificate(p));
    const pool = chain.slice(1).map((p) => new X509Certificate(p));
    const valid = (c: X509Certificate) => Date.parse(c.validFrom) <= Date.now() && Date.now() <= Date.parse(c.validTo);
    let current = new X509Certificate(chain[0]);
    for (let depth = 0; depth < 5 && valid(current); depth++) {
        const root = roots.find((r) => current.checkIssued(r) && current.verify(r.publicKey));
        if (root) return valid(root);
        const next = pool.find((c) => c.ca && current.checkIssued(c) && current.verify(c.publicKey));
        if (!next) return false;
        current = next;
    }
    return false;
}

/** Whether a certificate certifies the given public key (PEM). */
export function certifiesKey(certPem: string, publicKeyPem: string): boolean {
    return new X509Certificate(certPem).publicKey.equals(createPublicKey(publicKeyPem));
}
