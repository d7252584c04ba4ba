/**
 * Imported services' virtual IPs, case by case: the block and reserved ranges as `meshfed:networkImports.addresses`
 * takes them, how many addresses a block really offers, and each refusal naming the services that meet, the
 * pin to change or the object already declaring the address — the same whatever order the imports are listed in.
 */
import { expect } from "chai";
import { InputError } from "../../components/core/input-error";
import { resolveVirtualIpSettings, VirtualIpSettings } from "../../components/multinetwork/remote-services";
import { allocateVirtualIps, DeclaredAddress, parseIpv4Cidr, UsableAddresses, VipRequest } from "../../components/multinetwork/virtual-ips";

const PATH = "meshfed:networkImports.addresses";
const CIDR = "expected an IPv4 CIDR such as 240.0.0.0/4";
const settings = (raw: unknown) => resolveVirtualIpSettings(PATH, raw as VirtualIpSettings);
const usable = (cidr: string, reserved: string[] = []) => new UsableAddresses(parseIpv4Cidr("b", cidr), reserved.map((r) => parseIpv4Cidr("r", r)));
const allocate = (requests: VipRequest[], cidr: string, declared: DeclaredAddress[] = []) => allocateVirtualIps(PATH, requests, { cidr, reserved: [] }, declared);
const hashed = (...hosts: string[]): VipRequest[] => hosts.map((host) => ({ host }));
/** Every order of a list. */
const orders = <T>(xs: T[]): T[][] => (xs.length <= 1 ? [xs] : xs.flatMap((x, i) => orders([...xs.slice(0, i), ...xs.slice(i + 1)]).map((rest) => [x, ...rest])));
const refusalOf = (f: () => unknown): InputError => {
    try {
        f();
    } catch (e) {
        if (e instanceof InputError) return e;
        throw e;
    }
    throw new Error("expected an InputError");
};

// In 240.0.0.0/29 (six usable addresses) these pairs share a hash slot: httpbin and productpage on 240.0.0.5,
// payments and search on 240.0.0.2; sleep alone on 240.0.0.6.
const SMALL = "240.0.0.0/29";
const [HTTPBIN, PRODUCTPAGE, PAYMENTS, SEARCH, SLEEP] = ["httpbin", "productpage", "payments", "search", "sleep"].map((n) => `${n}.shop.global`);

describe("virtual IP settings of an imports stack", () => {
    it("allocates from class E minus Istio's own auto-allocation range by default", () => {
        expect(settings(undefined)).to.deep.equal({ mode: "allocate", block: "240.0.0.0/4", reserved: ["240.240.0.0/16"] });
        expect(settings({ mode: "auto" }).mode).to.equal("auto");
    });

    it("takes a block and reserved ranges of the user's own", () => {
        expect(settings({ block: "10.200.0.0/16", reserved: ["10.200.0.0/24", "10.200.255.0/24"] })).to.deep.equal({ mode: "allocate", block: "10.200.0.0/16", reserved: ["10.200.0.0/24", "10.200.255.0/24"] });
    });

    it("refuses a mode it does not know", () => {
        expect(() => settings({ mode: "static" })).to.throw(InputError, `${PATH}.mode: "static" is not valid; allowed: allocate, auto`);
    });

    it("refuses a block that is not exactly one IPv4 CIDR, naming the block key", () => {
        for (const block of ["240.0.0.0/4, 241.0.0.0/8", "block 240.0.0.0/4", "300.0.0.0/8", "240.0.0.0/33", "fd00::/8"]) {
            expect(() => settings({ block }), block).to.throw(InputError, `${PATH}.block: ${JSON.stringify(block)} is not valid; ${CIDR}`);
        }
        expect(() => settings({ block: ["240.0.0.0/4"] })).to.throw(InputError, `${PATH}.block: ["240.0.0.0/4"] is not valid; ${CIDR}`);
    });

    it("refuses reserved ranges that are not a list of IPv4 CIDRs, naming the entry", () => {
        expect(() => settings({ reserved: "240.240.0.0/16" })).to.throw(InputError, `${PATH}.reserved: "240.240.0.0/16" is not valid; expected a list of IPv4 CIDRs`);
        expect(() => settings({ reserved: ["240.240.0.0/16", "240.241.0.0/33"] })).to.throw(InputError, `${PATH}.reserved[1]: "240.241.0.0/33" is not valid; ${CIDR}`);
    });

    it("refuses every block inside 127.0.0.0/8 unless loopback capture is declared, and no block outside it", () => {
        for (const block of ["127.0.0.0/8", "127.255.0.0/16", "127.255.255.252/30"]) {
            expect(() => settings({ block }), block).to.throw(InputError, `${PATH}.block: ${JSON.stringify(block)} is not valid; Istio's sidecars no longer capture`);
            expect(settings({ block, loopbackCaptured: true }).block).to.equal(block);
        }
        for (const block of ["126.255.255.0/24", "128.0.0.0/8", "10.0.0.0/8", "0.0.0.0/1"]) expect(settings({ block }).block, block).to.equal(block);
        expect(() => settings({ block: "127.255.0.0/16", loopbackCaptured: "yes" })).to.throw(InputError, `${PATH}.loopbackCaptured: "yes" is not valid; expected true or false`);
    });
});

describe("virtual IPs: the addresses a block offers", () => {
    it("counts reserved ranges that overlap the network address or each other once", () => {
        // .0 is the network address and lies in the /25 too; the /26 lies inside the /25: .128–.254 remain.
        const u = usable("240.0.0.0/24", ["240.0.0.0/25", "240.0.0.64/26"]);
        expect(u.count).to.equal(127);
        expect([u.includes(parseIpv4Cidr("a", "240.0.0.127").base), u.includes(parseIpv4Cidr("a", "240.0.0.128").base)]).to.deep.equal([false, true]);
        const only = allocateVirtualIps(PATH, hashed(SLEEP, HTTPBIN), { cidr: "240.0.0.0/29", reserved: ["240.0.0.0/30", "240.0.0.0/31"] });
        // 240.0.0.0/29 without the /30 and the broadcast address: 240.0.0.4–6.
        for (const a of only.values()) expect(["240.0.0.4", "240.0.0.5", "240.0.0.6"]).to.include(a);
    });

    it("fills a block to the last address: a /32 holds one import", () => {
        expect(Object.fromEntries(allocate(hashed(SLEEP), "240.1.2.3/32"))).to.deep.equal({ [SLEEP]: "240.1.2.3" });
    });

    it("refuses more imports than the block holds at the block key, listing the services in host order", () => {
        expect(() => allocate(hashed(SLEEP, HTTPBIN, PAYMENTS), "240.1.2.0/31")).to.throw(
            InputError,
            `${PATH}.block: "240.1.2.0/31" is not valid; 2 usable addresses for 3 imported services (${HTTPBIN}, ${PAYMENTS}, ${SLEEP}): give a larger block`,
        );
    });

    it("names the reserved entry that is not a CIDR", () => {
        expect(() => allocateVirtualIps(PATH, hashed(SLEEP), { cidr: "240.0.0.0/4", reserved: ["240.240.0.0/16", "240.241.0.0"] })).not.to.throw();
        expect(() => allocateVirtualIps(PATH, hashed(SLEEP), { cidr: "240.0.0.0/4", reserved: ["240.240.0.0/16", "240.241.0.0/8"] })).to.throw(InputError, `${PATH}.reserved[1]: "240.241.0.0/8" is not valid; the address has host bits set`);
    });
});

describe("virtual IPs: refusals", () => {
    it("refuses a host imported twice, however far apart the two are listed", () => {
        expect(() => allocate(hashed(HTTPBIN, SLEEP, PAYMENTS, HTTPBIN), SMALL)).to.throw(InputError, `${PATH}: "${HTTPBIN}" is not valid; each imported service needs a host of its own: this one is imported twice`);
    });

    it("refuses two services on one hash slot at the addresses key, naming both in host order", () => {
        expect(() => allocate(hashed(PRODUCTPAGE, HTTPBIN), SMALL)).to.throw(
            InputError,
            `${PATH}: "240.0.0.5" is not valid; ${HTTPBIN} and ${PRODUCTPAGE} both get 240.0.0.5 in ${SMALL} (same hash slot): pin one of them to another address`,
        );
    });

    it("reports the same collision whatever order the imports are listed in", () => {
        const messages = new Set(orders(hashed(PRODUCTPAGE, SEARCH, HTTPBIN, PAYMENTS)).map((reqs) => refusalOf(() => allocate(reqs, SMALL)).message));
        expect([...messages]).to.deep.equal([`${PATH}: "240.0.0.5" is not valid; ${HTTPBIN} and ${PRODUCTPAGE} both get 240.0.0.5 in ${SMALL} (same hash slot): pin one of them to another address (its address setting); meshfed never moves either, so that no other service is renumbered`]);
    });

    it("points at the pin when a pinned service meets a hashed one, naming both in host order", () => {
        const zeta = { host: "zeta.shop.global", pinned: "240.0.0.5", pinPath: "meshfed:networkImports.imports[1].address" };
        for (const reqs of orders([zeta, ...hashed(HTTPBIN)])) {
            expect(() => allocate(reqs, SMALL)).to.throw(
                InputError,
                `meshfed:networkImports.imports[1].address: "240.0.0.5" is not valid; ${HTTPBIN} and zeta.shop.global both get 240.0.0.5 in ${SMALL} (zeta.shop.global is pinned there)`,
            );
        }
    });

    it("points at the same pin when two pins meet, whatever their order", () => {
        const pins = [
            { host: "alpha.shop.global", pinned: "240.0.0.3", pinPath: "imports[0].address" },
            { host: "omega.shop.global", pinned: "240.0.0.3", pinPath: "imports[1].address" },
        ];
        for (const reqs of orders(pins)) expect(() => allocate(reqs, SMALL)).to.throw(InputError, `imports[0].address: "240.0.0.3" is not valid; alpha.shop.global and omega.shop.global both get`);
    });

    it("refuses a pin that is not an IPv4 address, at its key or else naming the host", () => {
        expect(() => allocate([{ host: SLEEP, pinned: "240.0.0.256", pinPath: "imports[2].address" }], SMALL)).to.throw(InputError, `imports[2].address: "240.0.0.256" is not valid; expected an IPv4 address`);
        expect(() => allocate([{ host: SLEEP, pinned: "sleep" }], SMALL)).to.throw(InputError, `${PATH} (${SLEEP}): "sleep" is not valid; expected an IPv4 address`);
    });

    it("refuses an address another ServiceEntry declares: a hash at the addresses key, a pin at its own", () => {
        const legacy = [{ address: "240.0.0.4/30", owner: "ServiceEntry legacy/payments" }];
        expect(() => allocate(hashed(SLEEP), SMALL, legacy)).to.throw(
            InputError,
            `${PATH}: "240.0.0.6" is not valid; ${SLEEP} hashes to 240.0.0.6, which ServiceEntry legacy/payments already declares in this cluster: pin ${SLEEP} to a free address (its address setting)`,
        );
        expect(() => allocate([{ host: PAYMENTS, pinned: "240.0.0.5", pinPath: "imports[0].address" }], SMALL, legacy)).to.throw(
            InputError,
            `imports[0].address: "240.0.0.5" is not valid; ${PAYMENTS} is pinned to 240.0.0.5, which ServiceEntry legacy/payments already declares`,
        );
        expect(() => allocate(hashed(SLEEP), SMALL, [{ address: "legacy-vip", owner: "ServiceEntry legacy/payments" }])).to.throw(InputError, `ServiceEntry legacy/payments address: "legacy-vip" is not valid; ${CIDR}`);
    });

    it("lets services be allocated beside IPv6 addresses other ServiceEntries declare (they can never meet an IPv4 one)", () => {
        const dualStack = [{ address: "2001:db8::/64", owner: "ServiceEntry legacy/payments" }, { address: "240.0.0.1", owner: "ServiceEntry legacy/cart" }];
        expect(Object.fromEntries(allocate(hashed(SLEEP), SMALL, dualStack))).to.deep.equal({ [SLEEP]: "240.0.0.6" });
    });
});
