import { expect } from "chai";
import { mintRandom } from "../../engine/random";

const URN = "urn:pulumi:cluster1::meshfed::random:index/randomPassword:RandomPassword::federation-token";
const OTHER_URN = "urn:pulumi:cluster2::meshfed::random:index/randomPassword:RandomPassword::federation-token";

type State = Record<string, any>;

function mint(type: string, inputs: State, urn = URN): State {
    const state = mintRandom(`random:index/${type}`, urn, inputs);
    if (!state) throw new Error(`no state for ${type}`);
    return state;
}

const password = (inputs: State, urn = URN) => mint("randomPassword:RandomPassword", inputs, urn);
const count = (s: string, re: RegExp) => (s.match(re) ?? []).length;

describe("random provider (offline): reproducible values", () => {
    it("gives the same value to the same resource with the same inputs, plan after plan", () => {
        expect(password({ length: 24 })).to.deep.equal(password({ length: 24 }));
    });

    it("gives another resource (another URN) another value", () => {
        expect(password({ length: 24 }, OTHER_URN).result).to.not.equal(password({ length: 24 }).result);
    });

    it("re-rolls the value when a keeper changes, as the replacement it triggers would", () => {
        const before = password({ length: 24, keepers: { rotation: "2025-q1" } });
        const after = password({ length: 24, keepers: { rotation: "2025-q2" } });
        expect(after.result).to.not.equal(before.result);
        expect(after.keepers).to.deep.equal({ rotation: "2025-q2" });
    });

    it("does not care in which order keepers are written", () => {
        const a = password({ length: 24, keepers: { a: "1", b: "2" } });
        const b = password({ length: 24, keepers: { b: "2", a: "1" } });
        expect(a.result).to.equal(b.result);
    });

    it("with a seed, depends on the seed and not on the URN or keepers", () => {
        const seeded = (urn: string, keepers: State) => mint("randomInteger:RandomInteger", { min: 1, max: 1_000_000, seed: "fixed", keepers }, urn).result;
        expect(seeded(URN, { k: "1" })).to.equal(seeded(OTHER_URN, { k: "2" }));
    });

    it("answers only the random provider's types", () => {
        expect(mintRandom("tls:index/privateKey:PrivateKey", URN, {})).to.equal(undefined);
    });
});

describe("random provider (offline): strings and passwords", () => {
    it("is exactly `length` characters long, by default from all four classes", () => {
        const { result } = password({ length: 40 });
        expect([...result]).to.have.length(40);
        expect(result).to.match(/^[A-Za-z0-9!@#$%&*()\-_=+[\]{}<>:?]+$/);
    });

    it("leaves out the classes switched off", () => {
        const { result } = password({ length: 64, upper: false, special: false });
        expect(result).to.match(/^[a-z0-9]{64}$/);
    });

    it("honours the minimum counts of each class", () => {
        const { result } = password({ length: 12, minUpper: 3, minLower: 3, minNumeric: 3, minSpecial: 3 });
        expect(count(result, /[A-Z]/g)).to.be.at.least(3);
        expect(count(result, /[a-z]/g)).to.be.at.least(3);
        expect(count(result, /[0-9]/g)).to.be.at.least(3);
        expect(count(result, /[^A-Za-z0-9]/g)).to.be.at.least(3);
    });

    it("draws specials only from overrideSpecial when given", () => {
        const { result } = password({ length: 64, upper: false, lower: false, numeric: false, overrideSpecial: "-_" });
        expect(result).to.match(/^[-_]{64}$/);
    });

    it("reports the provider's defaults and keeps number and numeric in step", () => {
        expect(password({ length: 8, number: false })).to.include({ upper: true, lower: true, special: true, numeric: false, number: false, minUpper: 0, id: "none" });
    });

    it("uses the string itself as a RandomString's id", () => {
        const s = mint("randomString:RandomString", { length: 10 });
        expect(s.id).to.equal(s.result);
    });

    it("rejects a length shorter than the minimum counts add up to, naming length", () => {
        expect(() => password({ length: 4, minUpper: 3, minLower: 3 })).to.throw(
            'random:index/randomPassword:RandomPassword: input "length" must be at least minUpper + minLower + minNumeric + minSpecial = 6, got 4',
        );
    });

    it("rejects an empty character set", () => {
        expect(() => password({ length: 4, upper: false, lower: false, numeric: false, special: false })).to.throw("the character set is empty");
    });
});

describe("random provider (offline): ids, integers, uuids, pets, bytes and shuffles", () => {
    it("writes a RandomId's bytes in every encoding, prefixed, with the bare base64url as id", () => {
        const s = mint("randomId:RandomId", { byteLength: 8, prefix: "gw-" });
        const hex = s.hex.slice(3);
        expect(hex).to.match(/^[0-9a-f]{16}$/);
        expect(s.b64Std).to.equal(`gw-${Buffer.from(hex, "hex").toString("base64")}`);
        expect(s.b64Url).to.equal(`gw-${s.id}`);
        expect(s.dec).to.equal(`gw-${BigInt(`0x${hex}`)}`);
    });

    it("keeps a RandomInteger within [min, max], inclusive", () => {
        const results = Array.from({ length: 200 }, (_, i) => mint("randomInteger:RandomInteger", { min: -2, max: 2 }, `${URN}-${i}`).result);
        expect(new Set(results)).to.deep.equal(new Set([-2, -1, 0, 1, 2]));
    });

    it("rejects a RandomInteger whose max is below its min", () => {
        expect(() => mint("randomInteger:RandomInteger", { min: 5, max: 4 })).to.throw('input "min" must be at most "max" (4), got 5');
    });

    it("formats a RandomUuid as 8-4-4-4-12 lowercase hex, and a RandomUuid4 as version 4", () => {
        expect(mint("randomUuid:RandomUuid", {}).result).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
        expect(mint("randomUuid4:RandomUuid4", {}).result).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    });

    it("names a RandomPet with `length` words and the separator, after the prefix", () => {
        expect(mint("randomPet:RandomPet", {}).id).to.match(/^[a-z]+-[a-z]+$/);
        expect(mint("randomPet:RandomPet", { length: 3, separator: "_", prefix: "mesh" }).id).to.match(/^mesh_[a-z]+_[a-z]+_[a-z]+$/);
    });

    it("gives RandomBytes as base64 and as hex of `length` bytes", () => {
        const s = mint("randomBytes:RandomBytes", { length: 32 });
        expect(Buffer.from(s.base64, "base64").toString("hex")).to.equal(s.hex).and.have.length(64);
    });

    it("shuffles the inputs into a permutation, repeating whole permutations for a larger resultCount", () => {
        const inputs = ["a", "b", "c", "d"];
        expect([...mint("randomShuffle:RandomShuffle", { inputs }).results].sort()).to.deep.equal(inputs);
        const long = mint("randomShuffle:RandomShuffle", { inputs, resultCount: 6 }).results;
        expect(long).to.have.length(6);
        expect([...long.slice(0, 4)].sort()).to.deep.equal(inputs);
    });
});
