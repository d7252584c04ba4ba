/**
 * The offline engine's stand-in for the `tls` provider: answers `@pulumi/tls` resources and invokes
 * with real keys, certificates and requests, so tests can run TLS handshakes with what a program
 * minted. Output names and formats are the provider's; its behaviour (hashicorp/terraform-provider-tls)
 * is the reference, and the few places this engine is stricter say so where they are.
 *
 * Keys and serial numbers are random, as the provider's are: two plans mint different material.
 */
import { createPublicKey, KeyObject } from "node:crypto";
import { InputReader, Inputs } from "./provider-inputs";
import { mintLocallySignedCert, mintSelfSignedCert } from "./tls-certs";
import { mintCertRequest } from "./tls-csr";
import { describeKey, mintPrivateKey, parsePrivateKeyPem, publicKeyAttributes } from "./tls-keys";
import { publicKeyOfOpensshPrivateKey } from "./tls-openssh";
import { decodePem } from "./tls-pem";

export { isReadyForRenewal } from "./tls-certs";

type Mint = (read: InputReader, now: Date) => Inputs | Promise<Inputs>;

const RESOURCES: Record<string, Mint> = {
    "tls:index/privateKey:PrivateKey": (read) => mintPrivateKey(read),
    "tls:index/certRequest:CertRequest": (read) => mintCertRequest(read),
    "tls:index/selfSignedCert:SelfSignedCert": mintSelfSignedCert,
    "tls:index/locallySignedCert:LocallySignedCert": mintLocallySignedCert,
};

/**
 * The state the provider would return for a new `type` resource: the inputs (secret markers kept)
 * with defaults and computed outputs, `id` included. `undefined` for types not of the tls provider.
 */
export async function mintTls(type: string, inputs: Inputs, now: Date): Promise<Inputs | undefined> {
    const mint = RESOURCES[type];
    return mint && { ...inputs, ...(await mint(new InputReader(type, inputs), now)) };
}

/** `tls.getPublicKey`; `undefined` for other tokens. (`tls.getCertificate` is not simulated.) */
export function invokeTls(token: string, inputs: Inputs): Inputs | undefined {
    if (token !== "tls:index/getPublicKey:getPublicKey") return undefined;
    const read = new InputReader(token, inputs);
    const pem = read.optionalString("privateKeyPem");
    const openssh = read.optionalString("privateKeyOpenssh");
    if ((pem === undefined) === (openssh === undefined)) {
        read.fail("privateKeyPem", 'and "privateKeyOpenssh": exactly one must be set');
    }
    const publicKey = pem !== undefined ? publicKeyOfPem(read, "privateKeyPem", pem) : publicKeyOfOpenssh(read, openssh!);
    const fail = (problem: string) => read.fail(pem !== undefined ? "privateKeyPem" : "privateKeyOpenssh", problem);
    return { ...inputs, algorithm: describeKey(publicKey, fail).algorithm, ...publicKeyAttributes(publicKey) };
}

function publicKeyOfPem(read: InputReader, name: string, pem: string): KeyObject {
    return createPublicKey(parsePrivateKeyPem(pem, (p) => read.fail(name, p)).key);
}

/** x/crypto/ssh's ParseRawPrivateKey also takes the plain PEM types, so this does too. */
function publicKeyOfOpenssh(read: InputReader, text: string): KeyObject {
    return decodePem(text)?.label === "OPENSSH PRIVATE KEY"
        ? publicKeyOfOpensshPrivateKey(text, (p) => read.fail("privateKeyOpenssh", p))
        : publicKeyOfPem(read, "privateKeyOpenssh", text);
}
