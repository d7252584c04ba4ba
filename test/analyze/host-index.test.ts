import { expect } from "chai";
import fc from "fast-check";
import { covers, HostIndex, sameHost, SuffixIndex } from "../../analyze/hosts";

/** Hosts in every shape rules meet: short, dotted, Service FQDNs, external names, wildcards, odd case and root dots. */
const label = fc.constantFrom("reviews", "ratings", "a", "bookinfo", "team0", "svc", "cluster", "local", "example", "com", "Reviews");
const host = fc.oneof(
    fc.array(label, { minLength: 1, maxLength: 5 }).map((ls) => ls.join(".")),
    fc.array(label, { minLength: 1, maxLength: 4 }).map((ls) => `*.${ls.join(".")}`),
    fc.constantFrom("*", "*foo", "reviews.bookinfo.svc.cluster.local.", "REVIEWS.bookinfo"),
);
const namespace = fc.constantFrom("bookinfo", "team0", "default");
const entry = fc.record({ hosts: fc.array(fc.record({ host, namespace }), { maxLength: 3 }) });

describe("the analysis indexes answer exactly as a scan", () => {
    it("HostIndex: the candidates kept by sameHost are the objects a scan finds, in order", () => {
        fc.assert(
            fc.property(fc.array(entry, { maxLength: 12 }), host, namespace, (items, h, ns) => {
                const matches = (it: (typeof items)[number]) => it.hosts.some((x) => sameHost(x.host, x.namespace, h, ns));
                const index = new HostIndex(items, (it) => it.hosts);
                expect(index.candidates(h, ns).filter(matches)).to.deep.equal(items.filter(matches));
            }),
            { numRuns: 2000 },
        );
    });

    it("SuffixIndex: a pattern covers some name exactly when covers() says so for one", () => {
        fc.assert(
            fc.property(fc.array(host, { maxLength: 8 }), host, (names, pattern) => {
                const p = pattern.toLowerCase();
                expect(new SuffixIndex(names).coversSome(p)).to.equal(names.some((n) => covers(p, n)));
            }),
            { numRuns: 2000 },
        );
    });
});
