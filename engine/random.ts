/**
 * The offline engine's stand-in for the `random` provider (hashicorp/terraform-provider-random): only
 * `RandomId`, with its output names, defaults and validation; the provider's other types are not emulated
 * offline. The provider draws from crypto/rand; plans must be reproducible, so here the bytes are drawn
 * from SHA-256 of the resource's URN and its inputs. Planning the same config twice gives the same values,
 * another resource gets other values, and changing any input, `keepers` above all, re-rolls the value as
 * the replacement it triggers would.
 */
import { createHash } from "node:crypto";
import { InputReader, Inputs } from "./provider-inputs";

export const RANDOM_ID_TYPE = "random:index/randomId:RandomId";

/**
 * The provider's state for a new `type` resource: the inputs with defaults and generated values, `id`
 * included. `undefined` for a type the engine does not emulate.
 */
export function mintRandom(type: string, urn: string, inputs: Inputs): Inputs | undefined {
    if (type !== RANDOM_ID_TYPE) return undefined;
    const read = new InputReader(type, inputs);
    return { ...inputs, ...mintId(read, drawBytes([type, urn, canonicalJson(read.revealed())].join("\0"))) };
}

/** A deterministic byte stream: SHA-256 of the material and a block counter. */
function drawBytes(material: string): (n: number) => Buffer {
    return (n) => {
        const blocks: Buffer[] = [];
        for (let i = 0; blocks.length * 32 < n; i++) blocks.push(createHash("sha256").update(material).update(`\0${i}`).digest());
        return Buffer.concat(blocks).subarray(0, n);
    };
}

function mintId(read: InputReader, bytesOf: (n: number) => Buffer): Inputs {
    const byteLength = read.integer("byteLength");
    if (byteLength < 1) read.fail("byteLength", `must be at least 1, got ${byteLength}`);
    const prefix = read.optionalString("prefix") ?? "";
    const bytes = bytesOf(byteLength);
    const id = bytes.toString("base64url");
    return {
        byteLength,
        id,
        b64Url: prefix + id,
        b64Std: prefix + bytes.toString("base64"),
        hex: prefix + bytes.toString("hex"),
        dec: prefix + BigInt(`0x${bytes.toString("hex")}`).toString(),
    };
}

/** JSON with object keys sorted at every level, so equal inputs hash equally whatever their order. */
function canonicalJson(v: unknown): string {
    if (Array.isArray(v)) return `[${v.map(canonicalJson).join(",")}]`;
    if (v && typeof v === "object") {
        const entries = Object.entries(v).filter(([, x]) => x !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonicalJson(x)}`).join(",")}}`;
    }
    return JSON.stringify(v) ?? "null";
}
