/**
 * Virtual IPs for imported remote services: the address a caller's DNS proxy answers for
 * `reviews.bookinfo.global`, which its sidecar captures and routes (the seeds' `240.0.0.x` addresses).
 *
 * Why the address is a function of the service's own host and nothing else: the allocator is stateless
 * (plans must be reproducible from config alone, with no deployment history), and "adding or removing a
 * service never renumbers another" then leaves no other choice. If every set S and every host h ∉ S must
 * satisfy alloc(S ∪ {h}) = alloc(S) on S, then building any set one host at a time from the empty set
 * shows alloc(S)(h) = alloc({h})(h): each host's address depends on that host alone. Hash-and-probe in key
 * order, or "next free address", both violate this (a new host that sorts first takes an old one's slot).
 * So meshfed hashes the host into the block and, when two hosts land on the same address, refuses the plan
 * naming both, rather than moving either; `address` pins one by hand. The chance of such a collision among
 * n hosts in a block of N usable addresses is about n²/2N: one in ~500 for 1,000 services in 240.0.0.0/4,
 * far more in a /24 — prefer the large block.
 */
import { createHash } from "node:crypto";
import { isIPv4, isIPv6 } from "node:net";
import { InputError } from "../core/input-error";

/** Istio's own auto-allocation range (PILOT_IP_AUTOALLOCATE_IPV4_PREFIX, pilot/pkg/features/pilot.go), inside 240.0.0.0/4. */
export const ISTIO_AUTOALLOCATE_PREFIX = "240.240.0.0/16";
/** Class E: never routed, so a sidecar-captured VIP there can never shadow a real destination. */
export const DEFAULT_VIP_BLOCK = "240.0.0.0/4";

/** An IPv4 CIDR as integers: `base` is the network address, `size` the number of addresses. */
export interface Ipv4Range {
    cidr: string;
    base: number;
    size: number;
}

export interface VipBlock {
    /** Where addresses come from, e.g. `240.0.0.0/4`. */
    cidr: string;
    /** Ranges inside the block never handed out (Istio's auto-allocation range by default). */
    reserved: string[];
}

export interface VipRequest {
    /** The imported service's local host, e.g. `reviews.bookinfo.global`: the only input to its address. */
    host: string;
    /** An address chosen by hand; honoured as is (it may lie outside the block) and checked for collisions. */
    pinned?: string;
    /** Where the pin is set, for error messages. */
    pinPath?: string;
}

/** An address (or CIDR) some other object of the cluster already declares, e.g. a ServiceEntry's `spec.addresses` (IPv6 ones are ignored). */
export interface DeclaredAddress {
    address: string;
    /** Who declares it, e.g. `ServiceEntry legacy/httpbin-bar`. */
    owner: string;
}

export function parseIpv4(address: string): number {
    return address.split(".").reduce((n, octet) => n * 256 + Number(octet), 0);
}

export function formatIpv4(n: number): string {
    return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join(".");
}

/** Parses `a.b.c.d/n` (or a bare address, as /32); throws InputError at `path` otherwise. */
export function parseIpv4Cidr(path: string, cidr: unknown): Ipv4Range {
    const m = typeof cidr === "string" ? /^(\d{1,3}(?:\.\d{1,3}){3})(?:\/(\d{1,2}))?$/.exec(cidr) : null;
    const prefix = m ? Number(m[2] ?? 32) : NaN;
    if (!m || !isIPv4(m[1]) || prefix > 32) throw new InputError(path, cidr, "expected an IPv4 CIDR such as 240.0.0.0/4");
    const size = 2 ** (32 - prefix);
    const addr = parseIpv4(m[1]);
    if (addr % size !== 0) throw new InputError(path, cidr, `the address has host bits set for /${prefix}: the block starts at ${formatIpv4(addr - (addr % size))}/${prefix}`);
    return { cidr: `${m[1]}/${prefix}`, base: addr, size };
}

const contains = (r: { base: number; size: number }, n: number) => n >= r.base && n < r.base + r.size;

/**
 * The addresses of the block a hash may land on, in order: all but the network and broadcast addresses
 * (a /31 or /32 keeps both) and the reserved ranges. Kept as gaps, never as a list (a /4 has 2^28).
 */
export class UsableAddresses {
    readonly count: number;
    private readonly gaps: { base: number; size: number }[];

    constructor(readonly block: Ipv4Range, reserved: Ipv4Range[]) {
        const edges = block.size > 2 ? [{ base: block.base, size: 1 }, { base: block.base + block.size - 1, size: 1 }] : [];
        // Clip to the block, then merge overlaps so that counting and indexing skip each address once.
        const clipped = [...edges, ...reserved]
            .map((r) => ({ base: Math.max(r.base, block.base), end: Math.min(r.base + r.size, block.base + block.size) }))
            .filter((r) => r.end > r.base)
            .sort((a, b) => a.base - b.base);
        const merged: { base: number; end: number }[] = [];
        for (const r of clipped) {
            const last = merged[merged.length - 1];
            if (last && r.base <= last.end) last.end = Math.max(last.end, r.end);
            else merged.push({ base: r.base, end: r.end });
        }
        this.gaps = merged.map((g) => ({ base: g.base, size: g.end - g.base }));
        this.count = block.size - this.gaps.reduce((n, g) => n + g.size, 0);
    }

    /** The index-th usable address (0 ≤ index < count). */
    at(index: number): number {
        let n = this.block.base + index;
        for (const g of this.gaps) {
            if (g.base <= n) n += g.size;
            else break;
        }
        return n;
    }

    includes(n: number): boolean {
        return contains(this.block, n) && !this.gaps.some((g) => contains(g, n));
    }
}

/** Where a host hashes to: SHA-256 of the host, its first 48 bits modulo the usable count. */
export function hashSlot(host: string, count: number): number {
    const digest = createHash("sha256").update(host).digest();
    return digest.readUIntBE(0, 6) % count;
}

/**
 * One address per requested host, or an InputError at `path` naming the services involved: the block
 * exhausted, two hosts on one address, or an address another object of the cluster declares.
 */
export function allocateVirtualIps(path: string, requests: VipRequest[], block: VipBlock, declared: DeclaredAddress[] = []): Map<string, string> {
    const range = parseIpv4Cidr(`${path}.block`, block.cidr);
    const usable = new UsableAddresses(range, block.reserved.map((r, i) => parseIpv4Cidr(`${path}.reserved[${i}]`, r)));
    const hosts = requests.map((r) => r.host);
    const sortedHosts = [...hosts].sort();
    const duplicate = sortedHosts.find((h, i) => i > 0 && sortedHosts[i - 1] === h);
    if (duplicate) throw new InputError(path, duplicate, "each imported service needs a host of its own: this one is imported twice");

    const hashed = requests.filter((r) => r.pinned === undefined);
    if (hashed.length > usable.count) {
        throw new InputError(
            `${path}.block`,
            block.cidr,
            `${usable.count} usable addresses for ${hashed.length} imported services (${hashed.map((r) => r.host).sort().join(", ")}): give a larger block (the default ${DEFAULT_VIP_BLOCK} has 2^28), or pin addresses`,
        );
    }
    const taken = new Map<number, VipRequest>();
    // A dual-stack ServiceEntry may declare IPv6 addresses too: they can never meet an IPv4 virtual IP.
    const claimed = declared.filter((d) => !isIPv6(d.address.split("/")[0])).map((d) => ({ owner: d.owner, range: parseIpv4Cidr(`${d.owner} address`, d.address) }));
    const result = new Map<string, string>();
    const pinWhere = (r: VipRequest) => r.pinPath ?? `${path} (${r.host})`;
    for (const r of requests) {
        if (r.pinned !== undefined && !isIPv4(r.pinned)) throw new InputError(pinWhere(r), r.pinned, "expected an IPv4 address");
    }
    // Pins first, then hashes, each in host order: which hosts meet decides the refusal, and which refusal is
    // reported first never depends on the order they are listed in.
    const byHost = (a: VipRequest, b: VipRequest) => (a.host < b.host ? -1 : a.host > b.host ? 1 : 0);
    for (const r of [...requests.filter((q) => q.pinned !== undefined).sort(byHost), ...[...hashed].sort(byHost)]) {
        const n = r.pinned !== undefined ? parseIpv4(r.pinned) : usable.at(hashSlot(r.host, usable.count));
        const addr = formatIpv4(n);
        const other = taken.get(n);
        if (other) {
            // Point at the pin when there is one: it is what the user chose, and what to change.
            const pinned = [other, r].find((q) => q.pinned !== undefined);
            const [a, b] = [other.host, r.host].sort();
            throw new InputError(
                pinned ? pinWhere(pinned) : path,
                addr,
                `${a} and ${b} both get ${addr} in ${block.cidr} (${pinned ? `${pinned.host} is pinned there` : "same hash slot"}): pin one of them to another address (its address setting); meshfed never moves either, so that no other service is renumbered`,
            );
        }
        const owner = claimed.find((c) => contains(c.range, n));
        if (owner) {
            throw new InputError(
                r.pinned !== undefined ? pinWhere(r) : path,
                addr,
                `${r.host} ${r.pinned !== undefined ? "is pinned to" : "hashes to"} ${addr}, which ${owner.owner} already declares in this cluster: pin ${r.host} to a free address (its address setting)`,
            );
        }
        taken.set(n, r);
        result.set(r.host, addr);
    }
    return new Map(hosts.map((h) => [h, result.get(h)!]));
}
