/**
 * The OpenSSH encodings the tls provider emits through `golang.org/x/crypto/ssh`: the authorized-keys
 * line, the MD5 and SHA256 fingerprints, and the unencrypted `OPENSSH PRIVATE KEY`. Node can write
 * none of them, so keys are taken apart through JWK and put together in SSH wire format (RFC 4251).
 *
 * x/crypto/ssh knows only the NIST curves P-256/384/521: for P-224 the provider leaves every OpenSSH
 * output empty, and so does this.
 */
import { createHash, createPublicKey, JsonWebKey, KeyObject, randomBytes } from "node:crypto";
import { encodePem, expectPem } from "./tls-pem";

const SSH_CURVES: Record<string, string> = { prime256v1: "nistp256", secp384r1: "nistp384", secp521r1: "nistp521" };
const JWK_CURVES: Record<string, string> = { nistp256: "P-256", nistp384: "P-384", nistp521: "P-521" };
const MAGIC = Buffer.from("openssh-key-v1\0", "latin1");

interface SshKey {
    type: string;
    /** The public key blob: what authorized_keys carries and fingerprints hash. */
    blob: Buffer;
    /** The key-specific fields of the private section, present for private keys. */
    secret?: Buffer;
}

export interface SshPublicKey {
    publicKeyOpenssh: string;
    publicKeyFingerprintMd5: string;
    publicKeyFingerprintSha256: string;
}

export function sshPublicKey(key: KeyObject): SshPublicKey {
    const ssh = sshKey(key);
    if (!ssh) return { publicKeyOpenssh: "", publicKeyFingerprintMd5: "", publicKeyFingerprintSha256: "" };
    return {
        publicKeyOpenssh: `${ssh.type} ${ssh.blob.toString("base64")}\n`,
        publicKeyFingerprintMd5: createHash("md5").update(ssh.blob).digest("hex").replace(/(..)(?!$)/g, "$1:"),
        publicKeyFingerprintSha256: `SHA256:${createHash("sha256").update(ssh.blob).digest("base64").replace(/=+$/, "")}`,
    };
}

/** `ssh.MarshalPrivateKey(key, "")`: no cipher, empty comment, random check word, padding to 8 bytes. */
export function opensshPrivateKeyPem(privateKey: KeyObject): string {
    const ssh = sshKey(privateKey);
    if (!ssh?.secret) return "";
    const check = randomBytes(4);
    const section = Buffer.concat([check, check, str(ssh.type), ssh.secret, str("")]);
    const padding = Buffer.from(Array.from({ length: (8 - (section.length % 8)) % 8 }, (_, i) => i + 1));
    const body = Buffer.concat([
        MAGIC,
        str("none"),
        str("none"),
        str(""),
        uint32(1),
        str(ssh.blob),
        str(Buffer.concat([section, padding])),
    ]);
    return encodePem("OPENSSH PRIVATE KEY", body);
}

/**
 * The public key of an `OPENSSH PRIVATE KEY`, read from the file's public section. Like
 * x/crypto/ssh without a passphrase, refuses encrypted files.
 */
export function publicKeyOfOpensshPrivateKey(pem: string, fail: (problem: string) => never): KeyObject {
    const r = new WireReader(expectPem(pem, "OPENSSH PRIVATE KEY", fail), fail);
    if (!r.take(MAGIC.length).equals(MAGIC)) fail("is not an openssh-key-v1 private key");
    const cipher = r.string().toString();
    r.string(); // kdf name
    r.string(); // kdf options
    if (r.uint32() !== 1) fail("holds several keys; only single-key files are supported");
    if (cipher !== "none") fail(`is passphrase protected (cipher ${cipher})`);
    return publicKeyOfBlob(new WireReader(r.string(), fail));
}

function publicKeyOfBlob(r: WireReader): KeyObject {
    const type = r.string().toString();
    let jwk: JsonWebKey;
    if (type === "ssh-rsa") {
        const e = r.string();
        jwk = { kty: "RSA", e: unsignedB64u(e), n: unsignedB64u(r.string()) };
    } else if (type === "ssh-ed25519") {
        jwk = { kty: "OKP", crv: "Ed25519", x: r.string().toString("base64url") };
    } else if (type.startsWith("ecdsa-sha2-")) {
        const crv = JWK_CURVES[r.string().toString()] ?? r.fail(`has unsupported key type ${type}`);
        const q = r.string();
        const half = (q.length - 1) / 2;
        jwk = { kty: "EC", crv, x: q.subarray(1, 1 + half).toString("base64url"), y: q.subarray(1 + half).toString("base64url") };
    } else {
        return r.fail(`has unsupported key type ${type}`);
    }
    try {
        return createPublicKey({ key: jwk, format: "jwk" });
    } catch (e) {
        return r.fail(`has a malformed ${type} public key: ${(e as Error).message}`);
    }
}

function sshKey(key: KeyObject): SshKey | undefined {
    const d = (jwk: JsonWebKey, field: keyof JsonWebKey) => Buffer.from(String(jwk[field]), "base64url");
    switch (key.asymmetricKeyType) {
        case "rsa": {
            const jwk = key.export({ format: "jwk" });
            const type = "ssh-rsa";
            return {
                type,
                // The blob puts e before n; the private section, n before e.
                blob: Buffer.concat([str(type), mpint(d(jwk, "e")), mpint(d(jwk, "n"))]),
                secret: jwk.d
                    ? Buffer.concat(["n", "e", "d", "qi", "p", "q"].map((f) => mpint(d(jwk, f as keyof JsonWebKey))))
                    : undefined,
            };
        }
        case "ec": {
            const curve = SSH_CURVES[key.asymmetricKeyDetails?.namedCurve ?? ""];
            if (!curve) return undefined;
            const jwk = key.export({ format: "jwk" });
            const type = `ecdsa-sha2-${curve}`;
            const q = Buffer.concat([Buffer.from([4]), d(jwk, "x"), d(jwk, "y")]);
            return {
                type,
                blob: Buffer.concat([str(type), str(curve), str(q)]),
                secret: jwk.d ? Buffer.concat([str(curve), str(q), mpint(d(jwk, "d"))]) : undefined,
            };
        }
        case "ed25519": {
            const jwk = key.export({ format: "jwk" });
            const type = "ssh-ed25519";
            const pub = d(jwk, "x");
            return {
                type,
                blob: Buffer.concat([str(type), str(pub)]),
                // x/crypto stores the 64-byte Go private key: seed followed by public key.
                secret: jwk.d ? Buffer.concat([str(pub), str(Buffer.concat([d(jwk, "d"), pub]))]) : undefined,
            };
        }
        default:
            return undefined;
    }
}

function uint32(n: number): Buffer {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n);
    return b;
}

function str(v: Buffer | string): Buffer {
    const b = typeof v === "string" ? Buffer.from(v) : v;
    return Buffer.concat([uint32(b.length), b]);
}

/** An unsigned big-endian integer as an SSH mpint: minimal two's complement. */
function mpint(unsigned: Buffer): Buffer {
    let i = 0;
    while (i < unsigned.length && unsigned[i] === 0) i++;
    const v = unsigned.subarray(i);
    return str(v.length > 0 && v[0] & 0x80 ? Buffer.concat([Buffer.from([0]), v]) : v);
}

/** An mpint's magnitude for JWK, which wants no leading zero bytes. */
function unsignedB64u(b: Buffer): string {
    let i = 0;
    while (i < b.length - 1 && b[i] === 0) i++;
    return b.subarray(i).toString("base64url");
}

class WireReader {
    private offset = 0;

    constructor(
        private readonly buf: Buffer,
        readonly fail: (problem: string) => never,
    ) {}

    take(n: number): Buffer {
        if (this.offset + n > this.buf.length) this.fail("is truncated");
        this.offset += n;
        return this.buf.subarray(this.offset - n, this.offset);
    }

    uint32(): number {
        return this.take(4).readUInt32BE(0);
    }

    string(): Buffer {
        return this.take(this.uint32());
    }
}
