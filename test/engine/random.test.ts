import { expect } from "chai";
import { createHash } from "node:crypto";
import { mintRandom, RANDOM_ID_TYPE } from "../../engine/random";

const URN = "urn:pulumi:cluster1::meshfed::meshfed:trust:MeshCa$random:index/randomId:RandomId::cluster1-ca-generation";
const OTHER_URN = "urn:pulumi:cluster2::meshfed::meshfed:trust:MeshCa$random:index/randomId:RandomId::cluster2-ca-generation";

type State = Record<string, any>;

function randomId(inputs: State, urn = URN): State {
    const state = mintRandom(RANDOM_ID_TYPE, urn, inputs);
    if (!state) throw new Error("no state for RandomId");
    return state;
}

describe("random provider (offline): RandomId, reproducible per resource and inputs", () => {
    it("draws the bytes from SHA-256 of type, URN and inputs, so two plans of one config agree", () => {
        // The value itself, not only its repetition: a constant generator would repeat too.
        const expected = createHash("sha256").update([RANDOM_ID_TYPE, URN, '{"byteLength":8}'].join("\0")).update("\u00000").digest().subarray(0, 8);
        expect(randomId({ byteLength: 8 }).hex).to.equal(expected.toString("hex"));
    });

    it("gives another resource (another URN) another value", () => {
        expect(randomId({ byteLength: 8 }, OTHER_URN).hex).to.not.equal(randomId({ byteLength: 8 }).hex);
    });

    it("re-rolls the value when a keeper changes, as the replacement it triggers would", () => {
        const before = randomId({ byteLength: 8, keepers: { rotation: "r2025" } });
        const after = randomId({ byteLength: 8, keepers: { rotation: "r2026" } });
        expect(after.hex).to.not.equal(before.hex);
        expect(after.keepers).to.deep.equal({ rotation: "r2026" });
    });

    it("does not care in which order keepers are written", () => {
        expect(randomId({ byteLength: 8, keepers: { a: "1", b: "2" } }).hex).to.equal(randomId({ byteLength: 8, keepers: { b: "2", a: "1" } }).hex);
    });

    it("draws more than one SHA-256 block for a long id, without repeating the first", () => {
        const hex = randomId({ byteLength: 40 }).hex as string;
        expect(hex).to.have.length(80);
        expect(hex.slice(64)).to.not.equal(hex.slice(0, 16));
    });

    it("writes the bytes in every encoding, prefixed, with the bare base64url as id", () => {
        const s = randomId({ byteLength: 8, prefix: "gw-" });
        const hex = s.hex.slice(3);
        expect(hex).to.match(/^[0-9a-f]{16}$/);
        expect(s.b64Std).to.equal(`gw-${Buffer.from(hex, "hex").toString("base64")}`);
        expect(s.b64Url).to.equal(`gw-${s.id}`);
        expect(s.id).to.equal(Buffer.from(hex, "hex").toString("base64url"));
        expect(s.dec).to.equal(`gw-${BigInt(`0x${hex}`)}`);
    });

    it("requires byteLength, at least 1, naming the input", () => {
        expect(() => randomId({})).to.throw(/byteLength.*required/);
        expect(() => randomId({ byteLength: 0 })).to.throw(/byteLength.*must be at least 1, got 0/);
    });
});

describe("random provider (offline): only what meshfed's components register", () => {
    for (const type of ["randomPassword:RandomPassword", "randomString:RandomString", "randomInteger:RandomInteger", "randomUuid:RandomUuid", "randomPet:RandomPet", "randomShuffle:RandomShuffle", "randomBytes:RandomBytes"]) {
        it(`has no answer for random:index/${type}`, () => {
            expect(mintRandom(`random:index/${type}`, URN, { length: 8 })).to.equal(undefined);
        });
    }
});
