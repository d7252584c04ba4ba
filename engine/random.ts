/**
 * The offline engine's stand-in for the `random` provider (hashicorp/terraform-provider-random), with
 * its output names, defaults and validation. The provider draws from crypto/rand; plans must be
 * reproducible, so here every value is drawn from SHA-256 of the resource's URN and its inputs. Planning
 * the same config twice gives the same values, another resource gets other values, and changing any
 * input, `keepers` above all, re-rolls the value as the replacement it triggers would.
 *
 * `seed` (RandomInteger, RandomShuffle) keeps its meaning: the value depends on the seed and the inputs
 * that shape it, not on the URN or keepers. It is not the provider's value for that seed, which comes
 * from Go's math/rand.
 */
import { createHash } from "node:crypto";
import { InputReader, Inputs } from "./provider-inputs";

type Mint = (read: InputReader, draw: Draw) => Inputs;

const RESOURCES: Record<string, Mint> = {
    "random:index/randomId:RandomId": mintId,
    "random:index/randomString:RandomString": (read, draw) => {
        const result = randomString(read, draw);
        return { ...result, id: result.result };
    },
    // `bcryptHash` is left out: no bcrypt implementation is available to the engine.
    "random:index/randomPassword:RandomPassword": (read, draw) => ({ ...randomString(read, draw), id: "none" }),
    "random:index/randomInteger:RandomInteger": mintInteger,
    "random:index/randomUuid:RandomUuid": (_, draw) => uuid(draw.bytes(16)),
    "random:index/randomUuid4:RandomUuid4": (_, draw) => {
        const b = draw.bytes(16);
        b[6] = (b[6] & 0x0f) | 0x40;
        b[8] = (b[8] & 0x3f) | 0x80;
        return uuid(b);
    },
    "random:index/randomPet:RandomPet": mintPet,
    "random:index/randomBytes:RandomBytes": (read, draw) => {
        const bytes = draw.bytes(atLeast(read, "length", 1));
        return { base64: bytes.toString("base64"), hex: bytes.toString("hex") };
    },
    "random:index/randomShuffle:RandomShuffle": mintShuffle,
};

/**
 * The provider's state for a new `type` resource: the inputs with defaults and generated values, `id`
 * included. `undefined` for types not of the random provider.
 */
export function mintRandom(type: string, urn: string, inputs: Inputs): Inputs | undefined {
    const mint = RESOURCES[type];
    if (!mint) return undefined;
    const read = new InputReader(type, inputs);
    const shaping = { ...read.revealed() };
    delete shaping.keepers;
    const material = read.optionalString("seed") ? [type, canonicalJson(shaping)] : [type, urn, canonicalJson(read.revealed())];
    return { ...inputs, ...mint(read, new Draw(material.join("\0"))) };
}

/** A deterministic byte stream: SHA-256 of the material and a block counter. */
class Draw {
    private block = 0;
    private pool = Buffer.alloc(0);

    constructor(private readonly material: string) {}

    bytes(n: number): Buffer {
        while (this.pool.length < n) {
            const next = createHash("sha256").update(this.material).update(`\0${this.block++}`).digest();
            this.pool = Buffer.concat([this.pool, next]);
        }
        const out = this.pool.subarray(0, n);
        this.pool = this.pool.subarray(n);
        return Buffer.from(out);
    }

    /** Uniform in [0, n), by rejection so no value is favoured. */
    below(n: bigint): bigint {
        const space = 1n << 64n;
        const limit = space - (space % n);
        for (;;) {
            const v = this.bytes(8).readBigUInt64BE(0);
            if (v < limit) return v % n;
        }
    }

    index(n: number): number {
        return Number(this.below(BigInt(n)));
    }

    shuffle<T>(items: T[]): T[] {
        const out = [...items];
        for (let i = out.length - 1; i > 0; i--) {
            const j = this.index(i + 1);
            [out[i], out[j]] = [out[j], out[i]];
        }
        return out;
    }
}

function mintId(read: InputReader, draw: Draw): Inputs {
    const byteLength = atLeast(read, "byteLength", 1);
    const prefix = read.optionalString("prefix") ?? "";
    const bytes = draw.bytes(byteLength);
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

const CHARSETS = {
    numeric: "0123456789",
    lower: "abcdefghijklmnopqrstuvwxyz",
    upper: "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    special: "!@#$%&*()-_=+[]{}<>:?",
};

/**
 * The provider's CreateString: each `min*` count drawn from its class (even a class switched off, as
 * the provider does), the rest from all enabled classes, then shuffled.
 */
function randomString(read: InputReader, draw: Draw): Inputs {
    const length = atLeast(read, "length", 1);
    const mins = { minNumeric: 0, minLower: 0, minUpper: 0, minSpecial: 0 };
    for (const name of Object.keys(mins) as (keyof typeof mins)[]) mins[name] = atLeast(read, name, 0, 0);
    const total = mins.minNumeric + mins.minLower + mins.minUpper + mins.minSpecial;
    if (length < total) read.fail("length", `must be at least minUpper + minLower + minNumeric + minSpecial = ${total}, got ${length}`);

    const numeric = read.has("numeric") ? read.boolean("numeric", true) : read.boolean("number", true);
    if (read.has("numeric") && read.has("number") && read.boolean("number", true) !== numeric) {
        read.fail("number", 'must equal "numeric" (it is its deprecated name)');
    }
    const flags = { upper: read.boolean("upper", true), lower: read.boolean("lower", true), numeric, special: read.boolean("special", true) };
    const special = [...(read.optionalString("overrideSpecial") || CHARSETS.special)];
    const classes = { numeric: [...CHARSETS.numeric], lower: [...CHARSETS.lower], upper: [...CHARSETS.upper], special };
    const enabled = (["upper", "lower", "numeric", "special"] as const).filter((c) => flags[c]).flatMap((c) => classes[c]);
    if (enabled.length === 0) read.fail("upper", 'or "lower", "numeric", "special" must be true: the character set is empty');

    const pick = (set: string[], n: number) => Array.from({ length: n }, () => set[draw.index(set.length)]);
    const chars = [
        ...pick(classes.numeric, mins.minNumeric),
        ...pick(classes.lower, mins.minLower),
        ...pick(classes.upper, mins.minUpper),
        ...pick(classes.special, mins.minSpecial),
    ];
    chars.push(...pick(enabled, length - chars.length));
    return { length, ...mins, ...flags, number: numeric, result: draw.shuffle(chars).join("") };
}

function mintInteger(read: InputReader, draw: Draw): Inputs {
    const min = read.integer("min");
    const max = read.integer("max");
    if (max < min) read.fail("min", `must be at most "max" (${max}), got ${min}`);
    const result = min + Number(draw.below(BigInt(max) - BigInt(min) + 1n));
    return { min, max, result, id: String(result) };
}

function uuid(b: Buffer): Inputs {
    const h = b.toString("hex");
    const result = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    return { result, id: result };
}

/** A few words of each kind golang-petname draws from; enough for names that read like the real ones. */
const PET_WORDS = {
    adverbs: "quickly gently boldly calmly deeply eagerly fairly freely gladly happily warmly kindly lively mostly neatly nicely openly poorly quietly rarely".split(" "),
    adjectives: "able brave bright calm clever cosmic crisp eager fancy gentle golden happy honest humble jolly keen lucky merry noble proud quiet rapid sharp tidy vital witty".split(" "),
    names: "badger beagle bison camel cobra condor coyote dingo eagle ferret gecko heron ibex jackal koala lemur lynx marmot newt ocelot otter panda quail raven salmon tapir walrus yak zebra".split(" "),
};

/** golang-petname's Generate: one name; or adjective-name; or adverbs, then adjective, then name. */
function mintPet(read: InputReader, draw: Draw): Inputs {
    const length = atLeast(read, "length", 1, 2);
    const separator = read.optionalString("separator") ?? "-";
    const prefix = read.optionalString("prefix") ?? "";
    const pick = (words: string[]) => words[draw.index(words.length)];
    const words = length === 1 ? [] : [...Array.from({ length: length - 2 }, () => pick(PET_WORDS.adverbs)), pick(PET_WORDS.adjectives)];
    const pet = [...words, pick(PET_WORDS.names)].join(separator);
    return { length, separator, id: prefix ? `${prefix}${separator}${pet}` : pet };
}

/** Whole permutations back to back until `resultCount` items are taken, as the provider does. */
function mintShuffle(read: InputReader, draw: Draw): Inputs {
    if (!read.has("inputs")) read.fail("inputs", "is required");
    const items = read.strings("inputs");
    const resultCount = read.has("resultCount") ? atLeast(read, "resultCount", 0) : items.length;
    const results: string[] = [];
    while (items.length > 0 && results.length < resultCount) {
        results.push(...draw.shuffle(items).slice(0, resultCount - results.length));
    }
    return { id: "-", results };
}

function atLeast(read: InputReader, name: string, min: number, fallback?: number): number {
    const v = read.integer(name, fallback);
    return v >= min ? v : read.fail(name, `must be at least ${min}, got ${v}`);
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
