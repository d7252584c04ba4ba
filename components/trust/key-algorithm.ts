import * as tls from "@pulumi/tls";

/**
 * Key algorithms meshfed issues federation keys with: those Envoy serves and verifies on every Istio
 * gateway. ECDSA P-256 is the default: small handshakes and fast signatures.
 */
export const KEY_ALGORITHMS = ["ECDSA-P256", "ECDSA-P384", "RSA-2048", "RSA-3072", "RSA-4096"] as const;
export type KeyAlgorithm = (typeof KEY_ALGORITHMS)[number];

/** The `tls.PrivateKey` inputs for an algorithm. */
export function privateKeyArgs(algorithm: KeyAlgorithm): tls.PrivateKeyArgs {
    const [family, size] = algorithm.split("-");
    return family === "RSA" ? { algorithm: "RSA", rsaBits: Number(size) } : { algorithm: "ECDSA", ecdsaCurve: size };
}

/** Key encipherment is an RSA key-exchange use; an ECDSA certificate that claimed it would be malformed. */
export function keyUsages(algorithm: KeyAlgorithm): string[] {
    return algorithm.startsWith("RSA") ? ["digital_signature", "key_encipherment"] : ["digital_signature"];
}
