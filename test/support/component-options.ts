/**
 * What every meshfed component must do with its resource options, as one table of cases shared by the
 * components' tests: its Kubernetes provider taken the Pulumi way (`{ provider }`, the deprecated arg still
 * read), refused when missing or ambiguous before anything registers, and, for a component with a resolver,
 * its args resolved once (a Resolved handed to the constructor yields the same plan as the plain args).
 */
import { expect } from "chai";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { PlanError, StackPlan } from "../../engine/run-stack";
import { reveal } from "../../engine/secrets";
import { planProgram } from "./plan";

export interface ComponentCase {
    /** The component's type, as its refusals name it. */
    type: string;
    Component: new (name: string, args: any, opts?: pulumi.ComponentResourceOptions) => pulumi.ComponentResource;
    /**
     * Args that plan, without a provider; made in the program when they hold resources (a GatewayCredential's
     * certificate), in which case the component can have no `resolve`.
     */
    args: object | (() => object);
    /** The component's own resolver. @default none: the component checks its args itself, and the resolution cases are left out */
    resolve?: (args: any) => unknown;
    /** The resolved args of another component type (with `resolve`). */
    other?: () => unknown;
    /** What the component needs on its cluster first (e.g. the account a token is for): options it then waits for. @default nothing */
    prerequisites?: (provider: k8s.Provider) => pulumi.ComponentResourceOptions;
}

/** Plans `body`, handed two providers of clusters `north` and `south` (the stack is north). */
async function plan(body: (provider: k8s.Provider, other: k8s.Provider) => void): Promise<StackPlan> {
    return planProgram(() => {
        body(new k8s.Provider("north", { kubeconfig: "stand-in" }), new k8s.Provider("south", { kubeconfig: "stand-in" }));
    }, { stack: "north" });
}

async function refusal(body: Parameters<typeof plan>[0]): Promise<{ message: string; registered: string[] }> {
    try {
        await plan(body);
    } catch (error) {
        expect(error).to.be.instanceOf(PlanError);
        // The component is named "x", its children "x-…"; the providers and prerequisites are the test's own.
        const registered = (error as PlanError).records.filter((r) => r.name === "x" || r.name.startsWith("x-")).map((r) => `${r.type} ${r.name}`);
        return { message: (error as Error).message, registered };
    }
    throw new Error("planned without complaint");
}

/** Every Kubernetes object of the plan, with the provider it goes to. */
const kubernetesObjects = (p: StackPlan) => p.records.filter((r) => r.custom && r.type.startsWith("kubernetes:"));
const providerUrn = (p: StackPlan, name: string) => {
    const r = p.records.find((x) => x.type === "pulumi:providers:kubernetes" && x.name === name)!;
    return `${r.urn}::${r.id}`;
};
/**
 * What a key or certificate provider generates differs from one plan to the next: each PEM block stands for
 * its kind, and the tls and random resources' outputs (keys, their ids, validity times) are left out.
 */
const GENERATED = /^(tls|random):/;
const unkeyed = (value: unknown): unknown => JSON.parse(JSON.stringify(value ?? null).replace(/-----BEGIN ([A-Z ]+)-----[^-]*-----END \1-----(\\n)?/g, "<$1>"));
/** The plan as a reader compares two: each record's identity, place, provider, inputs and dependencies. */
const shape = (p: StackPlan) =>
    p.records.map((r) => ({
        urn: r.urn,
        parent: r.parent,
        provider: r.provider,
        dependencies: r.dependencies,
        inputs: unkeyed(reveal(r.inputs)),
        outputs: GENERATED.test(r.type) ? "(generated)" : unkeyed(reveal(r.outputs)),
    }));

export function describeComponentOptions(c: ComponentCase): void {
    const before = (provider: k8s.Provider) => c.prerequisites?.(provider) ?? {};
    const args = (): object => (typeof c.args === "function" ? c.args() : c.args);
    describe(`${c.type}: its provider and args, the Pulumi way`, () => {
        it("puts every Kubernetes object on the provider given as a resource option, no provider arg needed", async () => {
            const p = await plan((provider) => new c.Component("x", args(), { ...before(provider), provider }));
            const objects = kubernetesObjects(p);
            expect(objects, "Kubernetes objects").not.to.be.empty;
            for (const o of objects) expect(o.provider, `${o.type} ${o.name}`).to.equal(providerUrn(p, "north"));
        });

        it("still reads the deprecated provider arg, and accepts the same provider given both ways", async () => {
            const byArg = await plan((provider) => new c.Component("x", { ...args(), provider }, before(provider)));
            const both = await plan((provider) => new c.Component("x", { ...args(), provider }, { ...before(provider), provider }));
            for (const p of [byArg, both]) {
                for (const o of kubernetesObjects(p)) expect(o.provider, `${o.type} ${o.name}`).to.equal(providerUrn(p, "north"));
            }
        });

        it("refuses to fall back to the ambient kubeconfig: no provider at all is refused, naming the type, before it registers", async () => {
            const { message, registered } = await refusal(() => new c.Component("x", args()));
            expect(message).to.include(`${c.type} resource options`);
            expect(message).to.include(`new ${c.type}(name, args, { provider: cluster.provider })`);
            expect(registered).to.deep.equal([]);
        });

        it("refuses two different providers, the arg's and the option's, before it registers", async () => {
            const { message, registered } = await refusal((provider, other) => new c.Component("x", { ...args(), provider }, { provider: other }));
            expect(message).to.include(`${c.type}Args.provider`);
            expect(message).to.include("the resource options name another Kubernetes provider");
            expect(registered).to.deep.equal([]);
        });

        it("makes every Kubernetes object it creates wait for its dependsOn option, directly or through one of its own that does", async () => {
            const p = await plan((provider) => {
                const gate = new k8s.core.v1.ConfigMap("gate", { metadata: { name: "gate" } }, { provider });
                const pre = before(provider);
                const prerequisites = pre.dependsOn === undefined ? [] : Array.isArray(pre.dependsOn) ? pre.dependsOn : [pre.dependsOn];
                new c.Component("x", args(), { ...pre, provider, dependsOn: [gate, ...(prerequisites as pulumi.Input<pulumi.Resource>[])] });
            });
            const gate = p.records.find((r) => r.name === "gate")!.urn;
            const byUrn = new Map(p.records.map((r) => [r.urn, r]));
            const waits = (urn: string, seen = new Set<string>()): boolean => {
                if (urn === gate) return true;
                if (seen.has(urn)) return false;
                seen.add(urn);
                return (byUrn.get(urn)?.dependencies ?? []).some((d) => waits(d, seen));
            };
            // Its own objects are named after it ("x-…"); reads (a Service's address) change nothing.
            const own = kubernetesObjects(p).filter((r) => !r.read && r.name.startsWith("x-"));
            expect(own, "its Kubernetes objects").not.to.be.empty;
            for (const o of own) expect(waits(o.urn), `${o.type} ${o.name}`).to.equal(true);
        });

        if (!c.resolve) return;
        const resolve = c.resolve;
        const other = c.other;

        it("plans the same from its resolved args as from the plain args, and resolves a resolution to itself", async () => {
            const plain = await plan((provider) => new c.Component("x", args(), { ...before(provider), provider }));
            const resolved = await plan((provider) => new c.Component("x", resolve(args()), { ...before(provider), provider }));
            expect(shape(resolved)).to.deep.equal(shape(plain));
            const once = resolve(args());
            expect(resolve(once)).to.equal(once);
        });

        if (!other) return;
        it("refuses the resolved args of another component type", () => {
            expect(() => new c.Component("x", other())).to.throw(TypeError, `${c.type}: given the resolved args of `);
        });
    });
}
