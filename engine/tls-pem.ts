/**
 * PEM as the tls provider writes and reads it (Go's `encoding/pem`): 64-column base64 with a trailing
 * newline, and only the first block of a text is looked at.
 */

export interface PemBlock {
    label: string;
    der: Buffer;
}

export function encodePem(label: string, der: Uint8Array): string {
    const body = Buffer.from(der).toString("base64").replace(/.{64}/g, "$&\n");
    return `-----BEGIN ${label}-----\n${body}${body.endsWith("\n") || body === "" ? "" : "\n"}-----END ${label}-----\n`;
}

export function decodePem(text: string): PemBlock | undefined {
    const m = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)-----END \1-----/.exec(text);
    return m ? { label: m[1], der: Buffer.from(m[2].replace(/\s+/g, ""), "base64") } : undefined;
}

/**
 * The first block, which must carry `label`; fails naming the input, as the provider does with
 * "invalid PEM type - expected …".
 */
export function expectPem(text: string, label: string, fail: (problem: string) => never): Buffer {
    const block = decodePem(text);
    if (!block) fail(`is not PEM: expected a "${label}" block`);
    if (block.label !== label) fail(`has PEM type "${block.label}", expected "${label}"`);
    return block.der;
}
