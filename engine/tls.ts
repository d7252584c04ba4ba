/**
 * The offline engine's stand-in for the `tls` provider: answers the `@pulumi/tls` resources a CA and
 * its certificates are made of (PrivateKey, CertRequest, SelfSignedCert, LocallySignedCert) with real
 * keys, certificates and requests, so tests can run TLS handshakes with what a program minted. Other
 * types and the provider's invokes are not emulated offline. Output names and formats are the provider's; its behaviour (hashicorp/terraform-provider-tls)
 * is the reference, and the few places this engine is stricter say so where they are.
 *
 * Keys and serial numbers are random, as the provider's are: two plans mint different material.
 */
import { InputReader, Inputs } from "./provider-inputs";
import { mintLocallySignedCert, mintSelfSignedCert } from "./tls-certs";
import { mintCertRequest } from "./tls-csr";
import { mintPrivateKey } from "./tls-keys";

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
 * with defaults and computed outputs, `id` included. `undefined` for a type the engine does not emulate.
 */
export async function mintTls(type: string, inputs: Inputs, now: Date): Promise<Inputs | undefined> {
    const mint = RESOURCES[type];
    return mint && { ...inputs, ...(await mint(new InputReader(type, inputs), now)) };
}
