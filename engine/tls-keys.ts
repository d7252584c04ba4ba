/**
 * Private keys as the tls provider makes and reads them: generated with node:crypto, written in the
 * provider's PEM flavours (PKCS#1 for RSA, SEC1 for ECDSA, PKCS#8 for `privateKeyPemPkcs8`), and read
 * back only from those PEM types, as Go's x509 parsers do. Only RSA and ECDSA keys are emulated; ED25519
 * and the OpenSSH encodings are not (a program that asks for them is told so).
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject, webcrypto } from "node:crypto";
import { InputReader, Inputs } from "./provider-inputs";
import { decodePem, encodePem } from "./tls-pem";

export type KeyAlgorithm = "RSA" | "ECDSA";

/** The provider's curve names and OpenSSL's. P224 is the provider's default. */
const CURVES = { P224: "secp224r1", P256: "prime256v1", P384: "secp384r1", P521: "secp521r1" } as const;
export type EcdsaCurve = keyof typeof CURVES;

export interface PrivateKey {
    key: KeyObject;
    algorithm: KeyAlgorithm;
    curve?: EcdsaCurve;
}

/** A key ready for WebCrypto, with the signature algorithm Go's x509 picks for it. */
export interface Signer {
    privateKey: webcrypto.CryptoKey;
    publicKey: webcrypto.CryptoKey;
    algorithm: { name: string; hash?: string };
}

const PEM_TYPES: Record<string, "pkcs1" | "sec1" | "pkcs8"> = {
    "RSA PRIVATE KEY": "pkcs1",
    "EC PRIVATE KEY": "sec1",
    "PRIVATE KEY": "pkcs8",
};

/** `tls.PrivateKey`: a new key in every format the provider outputs. */
export function mintPrivateKey(read: InputReader): Inputs {
    const algorithm = read.string("algorithm");
    const rsaBits = read.integer("rsaBits", 2048);
    const ecdsaCurve = read.optionalString("ecdsaCurve") ?? "P224";
    if (!(ecdsaCurve in CURVES)) read.fail("ecdsaCurve", `must be one of ${Object.keys(CURVES).join(", ")}, got "${ecdsaCurve}"`);
    const key = generate(read, algorithm, rsaBits, ecdsaCurve as EcdsaCurve);
    return {
        algorithm,
        rsaBits,
        ecdsaCurve,
        privateKeyPem: privateKeyPem(key),
        privateKeyPemPkcs8: encodePem("PRIVATE KEY", key.export({ type: "pkcs8", format: "der" })),
        ...publicKeyAttributes(createPublicKey(key)),
    };
}

function generate(read: InputReader, algorithm: string, rsaBits: number, curve: EcdsaCurve): KeyObject {
    switch (algorithm) {
        case "RSA":
            // Go's crypto/rsa refuses keys under 1024 bits, so the provider does too.
            if (rsaBits < 1024) read.fail("rsaBits", `must be at least 1024, got ${rsaBits}`);
            return generateKeyPairSync("rsa", { modulusLength: rsaBits }).privateKey;
        case "ECDSA":
            return generateKeyPairSync("ec", { namedCurve: CURVES[curve] }).privateKey;
        case "ED25519":
            return read.fail("algorithm", `"ED25519" is not emulated offline (only RSA and ECDSA are)`);
        default:
            return read.fail("algorithm", `must be one of RSA, ECDSA, ED25519, got "${algorithm}"`);
    }
}

function privateKeyPem(key: KeyObject): string {
    switch (key.asymmetricKeyType) {
        case "rsa":
            return encodePem("RSA PRIVATE KEY", key.export({ type: "pkcs1", format: "der" }));
        case "ec":
            return encodePem("EC PRIVATE KEY", key.export({ type: "sec1", format: "der" }));
        default:
            return encodePem("EC PRIVATE KEY", key.export({ type: "sec1", format: "der" }));
    }
}

/** The public outputs of `tls.PrivateKey`. */
export function publicKeyAttributes(publicKey: KeyObject): Inputs {
    const spki = publicKey.export({ type: "spki", format: "der" });
    return { id: stateHash(spki), publicKeyPem: encodePem("PUBLIC KEY", spki) };
}

/**
 * The provider's `hashForState`: SHA-1 hex of the value after Go's `strings.TrimSpace`, which it applies
 * even to DER bytes. Only ASCII whitespace is trimmed here; a multi-byte Unicode space at the edge of
 * random key material is too rare to matter.
 */
export function stateHash(der: Buffer): string {
    let start = 0;
    let end = der.length;
    const space = (b: number) => b === 0x20 || (b >= 0x09 && b <= 0x0d);
    while (start < end && space(der[start])) start++;
    while (end > start && space(der[end - 1])) end--;
    return createHash("sha1").update(der.subarray(start, end)).digest("hex");
}

/** Reads a private key PEM of the three types the provider accepts. */
export function parsePrivateKeyPem(pem: string, fail: (problem: string) => never): PrivateKey {
    const block = decodePem(pem) ?? fail("is not a PEM private key");
    const type = PEM_TYPES[block.label] ?? fail(`has PEM type "${block.label}", expected one of ${Object.keys(PEM_TYPES).join(", ")}`);
    let key: KeyObject;
    try {
        key = createPrivateKey({ key: block.der, format: "der", type });
    } catch (e) {
        return fail(`could not be parsed as ${block.label}: ${(e as Error).message}`);
    }
    return describeKey(key, fail);
}

export function describeKey(key: KeyObject, fail: (problem: string) => never): PrivateKey {
    switch (key.asymmetricKeyType) {
        case "rsa":
            return { key, algorithm: "RSA" };
        case "ec": {
            const named = key.asymmetricKeyDetails?.namedCurve;
            const curve = (Object.keys(CURVES) as EcdsaCurve[]).find((c) => CURVES[c] === named);
            return curve ? { key, algorithm: "ECDSA", curve } : fail(`is an ECDSA key on unsupported curve ${named}`);
        }
        default:
            return fail(`holds a ${key.asymmetricKeyType} key; the offline engine emulates RSA and ECDSA only`);
    }
}

/**
 * Imports a key into WebCrypto to sign with @peculiar/x509, choosing the hash as Go does: SHA-256 for
 * RSA, the curve's size for ECDSA (SHA-256 for P224 and P256, SHA-384, SHA-512). WebCrypto has no
 * P-224, so such keys cannot sign offline although the real provider would accept them.
 */
export async function signerOf(k: PrivateKey, fail: (problem: string) => never): Promise<Signer> {
    let importAs: { name: string; hash?: string; namedCurve?: string };
    let algorithm: Signer["algorithm"];
    switch (k.algorithm) {
        case "RSA":
            importAs = algorithm = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };
            break;
        case "ECDSA": {
            const hash = { P224: undefined, P256: "SHA-256", P384: "SHA-384", P521: "SHA-512" }[k.curve!];
            if (!hash) {
                fail(`is an ECDSA ${k.curve} key, which the offline engine cannot sign with (WebCrypto has no P-224); use ecdsaCurve "P256", "P384" or "P521"`);
            }
            importAs = { name: "ECDSA", namedCurve: `P-${k.curve!.slice(1)}` };
            algorithm = { name: "ECDSA", hash };
            break;
        }
    }
    const subtle = webcrypto.subtle;
    const pkcs8 = k.key.export({ type: "pkcs8", format: "der" });
    const spki = createPublicKey(k.key).export({ type: "spki", format: "der" });
    return {
        privateKey: await subtle.importKey("pkcs8", pkcs8, importAs, false, ["sign"]),
        publicKey: await subtle.importKey("spki", spki, importAs, true, ["verify"]),
        algorithm,
    };
}
