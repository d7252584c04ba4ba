/** PEM certificate bundles: what Istio reads from `ca.crt`, one or more concatenated certificates. */
import { InputError } from "../core/input-error";

const CERTIFICATE_BLOCK = /-----BEGIN CERTIFICATE-----\r?\n[A-Za-z0-9+/=\r\n]+?-----END CERTIFICATE-----/g;

/** The certificate blocks of a PEM text, normalised; fails if there is none or anything else is in it. */
export function certificateBlocks(path: string, pem: string): string[] {
    const blocks = pem.match(CERTIFICATE_BLOCK) ?? [];
    const rest = pem.replace(CERTIFICATE_BLOCK, "").trim();
    if (blocks.length === 0 || rest !== "") {
        // The text is not echoed: it may be a private key pasted in the wrong place.
        const found = /-----BEGIN ([A-Z ]+)-----/.exec(pem)?.[1];
        throw new InputError(path, found ? `(PEM ${found}, not shown)` : "(text, not shown)", "expected one or more PEM certificates (-----BEGIN CERTIFICATE-----), and nothing else: never a private key");
    }
    return blocks.map((b) => b.replace(/\r\n/g, "\n"));
}

/**
 * `joinBundle` of certificates that this program's own tls resources compute. Pulumi's standard unit-test
 * mocks (`state: args.inputs`) compute none: a certificate left undefined leaves the bundle undefined too,
 * as undefined as the certificates it joins, instead of a TypeError inside the SDK. A real engine always
 * computes them, so a deployment is unaffected.
 */
export function joinComputedBundle(path: string, pems: (string | undefined)[]): string {
    const known = pems.filter((p): p is string => p !== undefined);
    // The declared type stays `string`, as the SDK declares a certificate's `certPem` though mocks leave it out.
    return known.length === pems.length ? joinBundle(path, known) : (undefined as unknown as string);
}

/**
 * Joins CA certificates into one bundle, each once, in the order given: a CA listed by two peers, or
 * old and new CA during a rollover, must neither be lost nor doubled.
 */
export function joinBundle(path: string, pems: string[]): string {
    const unique: string[] = [];
    pems.forEach((pem, i) => {
        for (const block of certificateBlocks(`${path}[${i}]`, pem)) {
            if (!unique.includes(block)) unique.push(block);
        }
    });
    return unique.join("\n") + "\n";
}
