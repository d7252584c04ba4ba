/**
 * The X.509 building blocks certificates and requests share, encoded the way Go's crypto/x509 encodes
 * them for the tls provider: subject attributes in pkix.Name order, SANs with IPv4 as four bytes, key
 * identifiers hashed as the provider hashes them.
 *
 * Every module that needs @peculiar/x509 takes it from here: it must load after `reflect-metadata`
 * (its dependency injection reads decorator metadata at import time) and be given a WebCrypto.
 */
import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { createHash, KeyObject, webcrypto } from "node:crypto";
import { isIP } from "node:net";
import type { InputReader } from "./provider-inputs";

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

export { x509 };

/** Subject inputs with their attribute OIDs, in the order pkix.Name.ToRDNSequence emits them. */
const SUBJECT_ATTRIBUTES: [field: string, oid: string][] = [
    ["country", "2.5.4.6"],
    ["province", "2.5.4.8"],
    ["locality", "2.5.4.7"],
    ["streetAddresses", "2.5.4.9"],
    ["postalCode", "2.5.4.17"],
    ["organization", "2.5.4.10"],
    ["organizationalUnit", "2.5.4.11"],
    ["commonName", "2.5.4.3"],
    ["serialNumber", "2.5.4.5"],
    ["emailAddress", "1.2.840.113549.1.9.1"],
];

type AttributeValue = { printableString: string } | { utf8String: string } | { ia5String: string };

/**
 * The `subject` input as a distinguished name. Go writes several street addresses as one multi-valued
 * RDN, skips an empty common name or serial number but keeps other empty strings, and chooses
 * PrintableString when the characters allow it, UTF8String otherwise.
 */
export function readSubject(read: InputReader): x509.Name {
    const subject = read.nested("subject");
    const rdns: Record<string, AttributeValue[]>[] = [];
    for (const [field, oid] of SUBJECT_ATTRIBUTES) {
        const given = field === "streetAddresses" ? subject.strings(field) : [subject.optionalString(field)];
        const values = given.filter((v): v is string => v !== undefined && (v !== "" || !["commonName", "serialNumber"].includes(field)));
        if (values.length === 0) continue;
        const encoded = values.map((v) => (field === "emailAddress" ? { ia5String: v } : directoryString(v)));
        rdns.push({ [oid]: encoded.sort(derSetOrder) });
    }
    return new x509.Name(rdns);
}

function directoryString(v: string): AttributeValue {
    return /^[A-Za-z0-9 '()+,\-./:=?]*$/.test(v) ? { printableString: v } : { utf8String: v };
}

/**
 * Go sorts the members of a multi-valued RDN (a SET OF) by their DER encoding, as X.690 requires. With
 * one attribute type, that is by length, then string tag (UTF8String 0x0c before PrintableString 0x13),
 * then bytes.
 */
function derSetOrder(a: AttributeValue, b: AttributeValue): number {
    const [ta, va] = Object.entries(a)[0] as [string, string];
    const [tb, vb] = Object.entries(b)[0] as [string, string];
    const [ba, bb] = [Buffer.from(va), Buffer.from(vb)];
    const tag = (t: string) => ({ utf8String: 0x0c, printableString: 0x13, ia5String: 0x16 })[t] ?? 0;
    return ba.length - bb.length || tag(ta) - tag(tb) || Buffer.compare(ba, bb);
}

export function isEmptyName(name: x509.Name): boolean {
    return name.toJSON().length === 0;
}

export interface SubjectAltNames {
    dnsNames: string[];
    /** Normalised so that IPv4 (also IPv4-mapped IPv6) is written as four bytes, as Go's `To4` does. */
    ipAddresses: string[];
    uris: string[];
}

export function readSubjectAltNames(read: InputReader): SubjectAltNames {
    const ipAddresses = read.strings("ipAddresses").map((ip, i) => normaliseIp(ip) ?? read.fail(`ipAddresses[${i}]`, `is not an IP address: "${ip}"`));
    const uris = read.strings("uris");
    uris.forEach((uri, i) => uri !== "" || read.fail(`uris[${i}]`, "must not be empty"));
    return { dnsNames: read.strings("dnsNames"), ipAddresses, uris };
}

function normaliseIp(ip: string): string | undefined {
    if (isIP(ip) === 4) return ip;
    if (isIP(ip) !== 6 || ip.includes("%")) return undefined;
    // The URL parser rewrites any IPv6 spelling, dotted tails included, as hex groups.
    const hex = new URL(`http://[${ip}]`).hostname.slice(1, -1);
    const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(hex);
    if (!mapped) return hex;
    const [hi, lo] = [parseInt(mapped[1], 16), parseInt(mapped[2], 16)];
    return [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff].join(".");
}

/** SANs in Go's order (DNS, IP, URI); critical only when the subject is empty (RFC 5280 4.2.1.6). */
export function sanExtension(sans: SubjectAltNames, subjectIsEmpty: boolean): x509.Extension | undefined {
    const names = [
        ...sans.dnsNames.map((value) => ({ type: "dns" as const, value })),
        ...sans.ipAddresses.map((value) => ({ type: "ip" as const, value })),
        ...sans.uris.map((value) => ({ type: "url" as const, value })),
    ];
    return names.length > 0 ? new x509.SubjectAlternativeNameExtension(names, subjectIsEmpty) : undefined;
}

export function sansOf(ext: x509.SubjectAlternativeNameExtension | null): SubjectAltNames {
    const json = ext?.names.toJSON() ?? [];
    const of = (type: string) => json.filter((n) => n.type === type).map((n) => n.value);
    return { dnsNames: of("dns"), ipAddresses: of("ip").map((ip) => normaliseIp(ip) ?? ip), uris: of("url") };
}

/**
 * The provider's subject key identifier: SHA-1 over the key as Go's asn1.Marshal writes it, which is
 * the SPKI bit string for RSA and ECDSA (the key types the offline engine emulates).
 */
export function keyIdentifier(publicKey: KeyObject): Buffer {
    let bytes: Buffer;
    switch (publicKey.asymmetricKeyType) {
        case "rsa":
            bytes = publicKey.export({ type: "pkcs1", format: "der" });
            break;
        default: {
            // ECDSA: the uncompressed point (0x04, X, Y) ends the SPKI.
            const spki = publicKey.export({ type: "spki", format: "der" });
            const size = EC_COORDINATE_BYTES[publicKey.asymmetricKeyDetails?.namedCurve ?? ""];
            bytes = spki.subarray(spki.length - (1 + 2 * size));
        }
    }
    return createHash("sha1").update(bytes).digest();
}

const EC_COORDINATE_BYTES: Record<string, number> = { secp224r1: 28, prime256v1: 32, secp384r1: 48, secp521r1: 66 };
