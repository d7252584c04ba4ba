/**
 * The provider's `allowedUses` strings, mapped to the Key Usage bits and Extended Key Usage OIDs of RFC
 * 5280 as its Go code does. The provider accepts only these snake_case names: the camelCase list in the
 * Pulumi SDK docs (`digitalSignature`, …) is a doc-generation artefact (pulumi/pulumi-tls#151) that the
 * real provider rejects, so it is rejected here too, with the right spelling.
 */
import type { InputReader } from "./provider-inputs";

const KEY_USAGES: Record<string, number> = {
    digital_signature: 1 << 0,
    content_commitment: 1 << 1,
    key_encipherment: 1 << 2,
    data_encipherment: 1 << 3,
    key_agreement: 1 << 4,
    cert_signing: 1 << 5,
    crl_signing: 1 << 6,
    encipher_only: 1 << 7,
    decipher_only: 1 << 8,
};

const EXTENDED_KEY_USAGES: Record<string, string> = {
    any_extended: "2.5.29.37.0",
    server_auth: "1.3.6.1.5.5.7.3.1",
    client_auth: "1.3.6.1.5.5.7.3.2",
    code_signing: "1.3.6.1.5.5.7.3.3",
    email_protection: "1.3.6.1.5.5.7.3.4",
    ipsec_end_system: "1.3.6.1.5.5.7.3.5",
    ipsec_tunnel: "1.3.6.1.5.5.7.3.6",
    ipsec_user: "1.3.6.1.5.5.7.3.7",
    timestamping: "1.3.6.1.5.5.7.3.8",
    ocsp_signing: "1.3.6.1.5.5.7.3.9",
    microsoft_server_gated_crypto: "1.3.6.1.4.1.311.10.3.3",
    netscape_server_gated_crypto: "2.16.840.1.113730.4.1",
    microsoft_commercial_code_signing: "1.3.6.1.4.1.311.2.1.22",
    microsoft_kernel_code_signing: "1.3.6.1.4.1.311.61.1.1",
};

export interface Usages {
    /** Key Usage bits, in the numbering @peculiar/x509's `KeyUsageFlags` shares with Go. */
    keyUsage: number;
    /** Extended Key Usage OIDs in the order given, repeats kept, as Go appends them. */
    extendedKeyUsages: string[];
}

export function readUsages(read: InputReader): Usages {
    if (!read.has("allowedUses")) read.fail("allowedUses", "is required");
    const usages: Usages = { keyUsage: 0, extendedKeyUsages: [] };
    read.strings("allowedUses").forEach((use, i) => {
        if (use in KEY_USAGES) usages.keyUsage |= KEY_USAGES[use];
        else if (use in EXTENDED_KEY_USAGES) usages.extendedKeyUsages.push(EXTENDED_KEY_USAGES[use]);
        else read.fail(`allowedUses[${i}]`, unknownUse(use));
    });
    return usages;
}

function unknownUse(use: string): string {
    const snake = use.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    const hint = snake !== use && (snake in KEY_USAGES || snake in EXTENDED_KEY_USAGES) ? ` (did you mean "${snake}"?)` : "";
    const all = [...Object.keys(KEY_USAGES), ...Object.keys(EXTENDED_KEY_USAGES)].sort();
    return `is "${use}"${hint}, which the tls provider does not accept; allowed: ${all.join(", ")}`;
}
