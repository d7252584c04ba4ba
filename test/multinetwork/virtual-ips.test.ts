import { expect } from "chai";
import fc from "fast-check";
import { InputError } from "../../components/core/input-error";
import {
    allocateVirtualIps,
    DeclaredAddress,
    formatIpv4,
    ISTIO_AUTOALLOCATE_PREFIX,
    parseIpv4,
    parseIpv4Cidr,
    UsableAddresses,
    VipBlock,
    VipRequest,
} from "../../components/multinetwork/virtual-ips";

const PATH = "meshfed:networkImports.addresses";
const DEFAULT_BLOCK: VipBlock = { cidr: "240.0.0.0/4", reserved: [ISTIO_AUTOALLOCATE_PREFIX] };

/** Hosts as meshfed's imports name them: `<name>.<namespace>.global`. */
const host = fc
    .tuple(fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/), fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/))
    .map(([n, ns]) => `${n}.${ns}.global`);
const hosts = (max: number) => fc.uniqueArray(host, { minLength: 0, maxLength: max });
const requests = (hs: string[]): VipRequest[] => hs.map((h) => ({ host: h }));
/** Blocks a cluster might be given: a /4 down to a /26 anywhere in 240/4, or a slice of 127.255/16. */
const block = fc.oneof(
    fc.integer({ min: 4, max: 26 }).map((p): VipBlock => ({ cidr: `240.0.0.0/${p}`, reserved: [ISTIO_AUTOALLOCATE_PREFIX] })),
    fc.integer({ min: 0, max: 255 }).map((third): VipBlock => ({ cidr: `127.255.${third}.0/24`, reserved: [] })),
);

/** The allocation, or the InputError that refused it (any other error fails the property). */
function attempt(reqs: VipRequest[], b: VipBlock, declared: DeclaredAddress[] = []): Map<string, string> | InputError {
    try {
        return allocateVirtualIps(PATH, reqs, b, declared);
    } catch (e) {
        if (e instanceof InputError) return e;
        throw e;
    }
}

function inBlock(address: string, b: VipBlock): boolean {
    const r = parseIpv4Cidr("block", b.cidr);
    return new UsableAddresses(r, b.reserved.map((x) => parseIpv4Cidr("reserved", x))).includes(parseIpv4(address));
}

describe("virtual IPs of imported services", () => {
    describe("properties", () => {
        it("gives every imported service its own address inside the block, outside Istio's auto-allocation range — or refuses naming the two services that meet", () => {
            fc.assert(
                fc.property(hosts(40), block, (hs, b) => {
                    const result = attempt(requests(hs), b);
                    if (result instanceof InputError) {
                        // Only two reasons to refuse: a collision names both hosts, exhaustion names the block.
                        const named = hs.filter((h) => result.message.includes(h));
                        expect(named.length >= 2 || result.message.includes("usable addresses")).to.equal(true, result.message);
                        return;
                    }
                    const addresses = [...result.values()];
                    expect(new Set(addresses).size).to.equal(hs.length);
                    for (const a of addresses) expect(inBlock(a, b), `${a} in ${b.cidr}`).to.equal(true);
                    const autoalloc = parseIpv4Cidr("r", ISTIO_AUTOALLOCATE_PREFIX);
                    if (b.cidr.startsWith("240.")) for (const a of addresses) expect(parseIpv4(a) - autoalloc.base >= autoalloc.size || parseIpv4(a) < autoalloc.base).to.equal(true);
                }),
                { numRuns: 300 },
            );
        });

        it("never renumbers a service when others are added or removed: an address depends on its own host only", () => {
            fc.assert(
                fc.property(hosts(30), hosts(30), block, (kept, added, b) => {
                    const before = attempt(requests(kept), b);
                    const after = attempt(requests([...new Set([...added, ...kept])]), b);
                    if (before instanceof InputError || after instanceof InputError) return; // refusals are covered above
                    for (const h of kept) expect(after.get(h)).to.equal(before.get(h), h);
                }),
                { numRuns: 300 },
            );
        });

        it("gives the same address whatever the order of the imports and whichever stack plans them", () => {
            fc.assert(
                fc.property(hosts(30).chain((hs) => fc.tuple(fc.constant(hs), fc.shuffledSubarray(hs, { minLength: hs.length }))), block, ([hs, shuffled], b) => {
                    const a = attempt(requests(hs), b);
                    const c = attempt(requests(shuffled), b);
                    if (a instanceof InputError) {
                        expect(c).to.be.instanceOf(InputError);
                        expect((c as InputError).message).to.equal(a.message);
                    } else {
                        expect(Object.fromEntries(c as Map<string, string>)).to.deep.equal(Object.fromEntries(a));
                    }
                }),
            );
        });

        it("refuses more services than the block holds, naming the block and every service", () => {
            fc.assert(
                fc.property(fc.integer({ min: 28, max: 32 }), hosts(12), (prefix, hs) => {
                    const b: VipBlock = { cidr: `240.1.2.0/${prefix}`, reserved: [] };
                    const usable = prefix >= 31 ? 2 ** (32 - prefix) : 2 ** (32 - prefix) - 2;
                    fc.pre(hs.length > usable);
                    const result = attempt(requests(hs), b);
                    expect(result).to.be.instanceOf(InputError);
                    const message = (result as InputError).message;
                    expect(message).to.include(`${usable} usable addresses for ${hs.length} imported services`);
                    for (const h of hs) expect(message).to.include(h);
                }),
            );
        });

        it("never hands out an address another ServiceEntry of the cluster declares; refuses naming the import and that ServiceEntry", () => {
            fc.assert(
                fc.property(hosts(20), fc.integer({ min: 0, max: 19 }), fc.boolean(), (hs, pick, asCidr) => {
                    fc.pre(hs.length > 0);
                    const b: VipBlock = { cidr: "240.7.0.0/16", reserved: [] };
                    const free = attempt(requests(hs), b);
                    fc.pre(!(free instanceof InputError));
                    const victim = hs[pick % hs.length];
                    const address = (free as Map<string, string>).get(victim)!;
                    const declared = [{ address: asCidr ? `${address.split(".").slice(0, 3).join(".")}.0/24` : address, owner: "ServiceEntry legacy/httpbin-bar" }];
                    const result = attempt(requests(hs), b, declared);
                    expect(result).to.be.instanceOf(InputError);
                    expect((result as InputError).message).to.include("ServiceEntry legacy/httpbin-bar");
                    // The import refused is the victim, or another whose address lies in the declared /24 too.
                    expect(hs.some((h) => (result as InputError).message.includes(`${h} hashes to`))).to.equal(true);
                }),
            );
        });

        it("honours pins and refuses a pin on an address another service has, naming both", () => {
            fc.assert(
                fc.property(hosts(20), (hs) => {
                    fc.pre(hs.length >= 2);
                    const free = attempt(requests(hs), DEFAULT_BLOCK) as Map<string, string>;
                    fc.pre(!(free instanceof InputError));
                    const [first, second] = hs;
                    const pinnedElsewhere = attempt([{ host: first, pinned: "240.0.0.3" }, ...requests(hs.slice(1))], DEFAULT_BLOCK);
                    if (!(pinnedElsewhere instanceof InputError)) {
                        expect(pinnedElsewhere.get(first)).to.equal("240.0.0.3");
                        for (const h of hs.slice(1)) expect(pinnedElsewhere.get(h)).to.equal(free.get(h));
                    }
                    const clash = attempt([{ host: first, pinned: free.get(second)!, pinPath: `${PATH}[0].address` }, ...requests(hs.slice(1))], DEFAULT_BLOCK);
                    expect(clash).to.be.instanceOf(InputError);
                    expect((clash as InputError).message).to.include(first).and.to.include(second).and.to.include(`${PATH}[0].address`);
                }),
            );
        });
    });

    describe("known cases", () => {
        it("places reviews.bookinfo.global at the same address in every plan (regression anchor)", () => {
            const a = allocateVirtualIps(PATH, [{ host: "reviews.bookinfo.global" }], DEFAULT_BLOCK).get("reviews.bookinfo.global")!;
            expect(a).to.equal(allocateVirtualIps(PATH, [{ host: "reviews.bookinfo.global" }, { host: "httpbin.bar.global" }], DEFAULT_BLOCK).get("reviews.bookinfo.global"));
            expect(inBlock(a, DEFAULT_BLOCK)).to.equal(true);
        });

        it("keeps seed 002's hand-written 240.0.0.3 when pinned", () => {
            expect(allocateVirtualIps(PATH, [{ host: "reviews.default.global", pinned: "240.0.0.3" }], DEFAULT_BLOCK).get("reviews.default.global")).to.equal("240.0.0.3");
        });

        it("uses a /31 whole and a /30 without its network and broadcast addresses", () => {
            const r31 = new UsableAddresses(parseIpv4Cidr("b", "240.0.0.0/31"), []);
            expect([r31.count, formatIpv4(r31.at(0)), formatIpv4(r31.at(1))]).to.deep.equal([2, "240.0.0.0", "240.0.0.1"]);
            const r30 = new UsableAddresses(parseIpv4Cidr("b", "240.0.0.0/30"), []);
            expect([r30.count, formatIpv4(r30.at(0)), formatIpv4(r30.at(1))]).to.deep.equal([2, "240.0.0.1", "240.0.0.2"]);
        });

        it("skips Istio's auto-allocation range inside 240.0.0.0/4", () => {
            const u = new UsableAddresses(parseIpv4Cidr("b", "240.0.0.0/4"), [parseIpv4Cidr("r", ISTIO_AUTOALLOCATE_PREFIX)]);
            expect(u.count).to.equal(2 ** 28 - 2 - 2 ** 16);
            const firstAfter = parseIpv4("240.240.0.0") - parseIpv4("240.0.0.0") - 1; // index of the first address past the network one
            expect(formatIpv4(u.at(firstAfter))).to.equal("240.241.0.0");
            expect(u.includes(parseIpv4("240.240.7.7"))).to.equal(false);
            expect(u.includes(parseIpv4("255.255.255.255"))).to.equal(false);
        });

        it("refuses a block with host bits set, saying where it starts", () => {
            expect(() => allocateVirtualIps(PATH, [], { cidr: "240.0.0.1/4", reserved: [] })).to.throw(InputError, "meshfed:networkImports.addresses.block: \"240.0.0.1/4\" is not valid; the address has host bits set for /4: the block starts at 240.0.0.0/4");
        });

        it("refuses the same host imported twice", () => {
            expect(() => allocateVirtualIps(PATH, requests(["a.b.global", "a.b.global"]), DEFAULT_BLOCK)).to.throw(InputError, "imported twice");
        });
    });
});
