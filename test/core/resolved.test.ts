/**
 * `Resolved`: args a component's resolver checked, which its constructor takes as they are. Resolved once,
 * whoever resolves first; another component's resolution, or one built by hand, does not get in.
 */
import { expect } from "chai";
import { Resolved } from "../../components/core/resolved";
import { resolveEgressGatewayArgs } from "../../components/gateway/egress-gateway";
import { IngressGateway, resolveIngressGatewayArgs } from "../../components/gateway/ingress-gateway";

interface Args {
    n: unknown;
}

/** A resolver as a component writes one, counting its calls. */
function counting() {
    let calls = 0;
    const resolve = (args: Args | Resolved<Args, number>) =>
        Resolved.once("Thing", args, (a) => {
            calls++;
            if (typeof a.n !== "number") throw new TypeError("ThingArgs.n: expected a number");
            return a.n * 2;
        });
    return { resolve, calls: () => calls };
}

describe("Resolved: args resolved once, by their component's resolver", () => {
    it("runs the resolver once for plain args, keeping the args as given next to what it made of them", () => {
        const { resolve, calls } = counting();
        const args = { n: 21 };
        const r = resolve(args);
        expect(calls()).to.equal(1);
        expect(r).to.be.instanceOf(Resolved);
        expect(r.args).to.equal(args);
        expect(r.value).to.equal(42);
    });

    it("passes a resolution through as it is, without running the resolver again", () => {
        const { resolve, calls } = counting();
        const r = resolve({ n: 21 });
        expect(resolve(r)).to.equal(r);
        expect(resolve(resolve(r))).to.equal(r);
        expect(calls()).to.equal(1);
    });

    it("does not re-check a resolution whose args were changed since: what was resolved stands", () => {
        const { resolve, calls } = counting();
        const r = resolve({ n: 21 });
        (r.args as Args).n = "not a number";
        expect(resolve(r).value).to.equal(42);
        expect(calls()).to.equal(1);
    });

    it("runs the resolver again for the same plain args given twice: only a resolution is taken as resolved", () => {
        const { resolve, calls } = counting();
        const args = { n: 1 };
        resolve(args);
        resolve(args);
        expect(calls()).to.equal(2);
    });

    it("lets the resolver's refusal through, and makes no resolution", () => {
        const { resolve } = counting();
        expect(() => resolve({ n: "one" })).to.throw(TypeError, "ThingArgs.n: expected a number");
    });

    it("refuses another type's resolution, naming both types, without running the resolver", () => {
        const { resolve, calls } = counting();
        const other = Resolved.once("Other", { n: 1 }, () => 2) as unknown as Resolved<Args, number>;
        expect(() => resolve(other)).to.throw(TypeError, "Thing: given the resolved args of Other");
        expect(calls()).to.equal(0);
    });

    it("takes a hand-built object of the same shape as plain args, and resolves it (which refuses it here)", () => {
        const { resolve, calls } = counting();
        const forged = { args: { n: 1 }, value: 1000 } as unknown as Args;
        expect(() => resolve(forged)).to.throw(TypeError, "ThingArgs.n: expected a number");
        expect(calls()).to.equal(1);
    });

    it("refuses an object made from a resolution's prototype: it lacks the type only a resolver gives", () => {
        const { resolve, calls } = counting();
        const real = resolve({ n: 21 });
        const copy = Object.assign(Object.create(Object.getPrototypeOf(real)), { args: { n: 1 }, value: 1000 });
        expect(() => resolve(copy)).to.throw(TypeError, "made to look resolved; only a resolver makes one");
        expect(calls()).to.equal(1);
    });

    describe("a component's own resolver", () => {
        const INGRESS = { namespace: "fed-in", cloud: "gcp" };

        it("resolves its args once and passes its resolution through", () => {
            const r = resolveIngressGatewayArgs(INGRESS);
            expect(resolveIngressGatewayArgs(r)).to.equal(r);
            expect(r.value.namespace).to.equal("fed-in");
        });

        it("refuses another component's resolution, in the resolver and the constructor alike, before registering", () => {
            const egress = resolveEgressGatewayArgs({ namespace: "fed-out" });
            expect(() => resolveIngressGatewayArgs(egress as never)).to.throw(TypeError, "IngressGateway: given the resolved args of EgressGateway");
            // No provider and no program: the refusal comes before either is looked for.
            expect(() => new IngressGateway("x", egress as never)).to.throw(TypeError, "IngressGateway: given the resolved args of EgressGateway");
        });

        it("does not take a hand-built resolution: its made-up value is ignored and the args it claims are resolved as plain args", () => {
            const forged = { args: INGRESS, value: { namespace: "kube-system", spec: {}, path: "IngressGatewayArgs" } };
            expect(() => resolveIngressGatewayArgs(forged as never)).to.throw(/IngressGatewayArgs/);
        });
    });
});
