/**
 * How a component finds the cluster it applies to (`clusterProvider`) and what its children wait for
 * (`dependenciesOf`): the Pulumi ways of passing a provider and a dependsOn, each as a user writes it.
 */
import { expect } from "chai";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import * as tls from "@pulumi/tls";
import { clusterProvider, dependenciesOf } from "../../components/core/cluster-provider";
import { InputError } from "../../components/core/input-error";
import { StackPlan } from "../../engine/run-stack";
import { planProgram } from "../support/plan";

/** Runs `body` in a program handed two Kubernetes providers, `north` and `south`, and returns what it returned. */
async function inProgram<T>(body: (north: k8s.Provider, south: k8s.Provider) => T): Promise<T> {
    let result: { value: T } | undefined;
    await planProgram(() => {
        result = { value: body(new k8s.Provider("north", { kubeconfig: "stand-in" }), new k8s.Provider("south", { kubeconfig: "stand-in" })) };
    });
    return result!.value;
}

/** The error `f` throws, or a failure if it throws none. */
function thrownBy(f: () => unknown): Error {
    try {
        f();
    } catch (error) {
        return error as Error;
    }
    throw new Error("expected a refusal, but none was thrown");
}

class Parent extends pulumi.ComponentResource {
    constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
        super("test:index:Parent", name, {}, opts);
    }
}

describe("clusterProvider: the provider a component's objects go to", () => {
    it("takes the provider of { provider }", async () => {
        const [found, north] = await inProgram((north) => [clusterProvider("Thing", undefined, { provider: north }), north]);
        expect(found).to.equal(north);
    });

    it("takes the Kubernetes provider among { providers } as a list, next to another package's", async () => {
        const [found, north] = await inProgram((north) => [clusterProvider("Thing", undefined, { providers: [new random.Provider("random"), north] }), north]);
        expect(found).to.equal(north);
    });

    it("takes the Kubernetes provider of { providers } as a map by package", async () => {
        const [found, north] = await inProgram((north) => [clusterProvider("Thing", undefined, { providers: { tls: new tls.Provider("tls"), kubernetes: north } }), north]);
        expect(found).to.equal(north);
    });

    it("inherits the provider of a parent component given { provider }", async () => {
        const [found, north] = await inProgram((north) => [clusterProvider("Thing", undefined, { parent: new Parent("parent", { provider: north }) }), north]);
        expect(found).to.equal(north);
    });

    it("inherits the provider of a parent component given { providers } as a list", async () => {
        const [found, north] = await inProgram((north) => [clusterProvider("Thing", undefined, { parent: new Parent("parent", { providers: [north] }) }), north]);
        expect(found).to.equal(north);
    });

    it("still reads the deprecated provider arg, and accepts the same provider given both ways", async () => {
        const [byArg, both, north] = await inProgram((north) => [clusterProvider("Thing", north, undefined), clusterProvider("Thing", north, { provider: north }), north]);
        expect(byArg).to.equal(north);
        expect(both).to.equal(north);
    });

    it("takes the option's provider over a parent's, as Pulumi does", async () => {
        const [found, south] = await inProgram((north, south) => [clusterProvider("Thing", undefined, { parent: new Parent("parent", { provider: north }), provider: south }), south]);
        expect(found).to.equal(south);
    });

    it("ignores another package's provider as { provider }, and finds the Kubernetes one among { providers } or the parent's", async () => {
        const [listed, inherited, north] = await inProgram((north) => [
            clusterProvider("Thing", undefined, { provider: new random.Provider("random"), providers: [north] }),
            clusterProvider("Thing", undefined, { provider: new tls.Provider("tls"), parent: new Parent("parent", { provider: north }) }),
            north,
        ]);
        expect(listed).to.equal(north);
        expect(inherited).to.equal(north);
    });

    for (const [what, opts] of [
        ["a random Provider as { provider }", () => ({ provider: new random.Provider("random") })],
        ["a tls Provider as { provider }", () => ({ provider: new tls.Provider("tls") })],
        ["another package's providers only, as a list", () => ({ providers: [new random.Provider("random"), new tls.Provider("tls")] })],
        ["a parent with another package's provider only", () => ({ parent: new Parent("parent", { provider: new random.Provider("random") }) })],
    ] as const) {
        it(`is not fooled by ${what}: it finds no Kubernetes provider, and refuses`, async () => {
            const error = await inProgram(() => thrownBy(() => clusterProvider("Thing", undefined, opts())));
            expect(error).to.be.instanceOf(InputError);
            expect(error.message).to.include("Thing resource options");
        });
    }

    it("refuses no provider at all, naming the type and saying how to pass one", async () => {
        const error = await inProgram(() => thrownBy(() => clusterProvider("ServiceExports", undefined, undefined)));
        expect(error).to.be.instanceOf(InputError);
        expect(error.message).to.include("ServiceExports resource options");
        expect(error.message).to.include("new ServiceExports(name, args, { provider: cluster.provider })");
        expect(error.message).to.include("never falls back to the ambient kubeconfig");
    });

    it("refuses two different providers, the arg's and the option's, naming the arg", async () => {
        const error = await inProgram((north, south) => thrownBy(() => clusterProvider("ServiceExports", north, { provider: south })));
        expect(error).to.be.instanceOf(InputError);
        expect(error.message).to.include("ServiceExportsArgs.provider");
        expect(error.message).to.include('ServiceExportsArgs.provider: "(a provider)" is not valid; the resource options name another Kubernetes provider');
    });

    it("takes the deprecated arg's provider over a parent's, as meshfed 0.2 did (and Pulumi does for a component's own provider)", async () => {
        const [found, north] = await inProgram((north, south) => [clusterProvider("Thing", north, { parent: new Parent("parent", { provider: south }) }), north]);
        expect(found).to.equal(north);
    });

    for (const [what, arg] of [
        ["a kubeconfig string", () => "apiVersion: v1"],
        ["another package's provider", () => new random.Provider("random")],
        ["a plain object", () => ({ kubeconfig: "stand-in" })],
    ] as const) {
        it(`refuses ${what} as the provider arg, naming the arg`, async () => {
            const error = await inProgram((north) => thrownBy(() => clusterProvider("Thing", arg(), { provider: north })));
            expect(error).to.be.instanceOf(InputError);
            // The value is never echoed: a kubeconfig string would print its credentials.
            expect(error.message).to.include('ThingArgs.provider: "(not a provider)" is not valid; expected a Kubernetes provider');
        });
    }
});

/** A component that, like meshfed's, creates one object which waits for its dependsOn and its own deps. */
class Waiting extends pulumi.ComponentResource {
    constructor(name: string, own: pulumi.Resource[], opts: pulumi.ComponentResourceOptions) {
        super("test:index:Waiting", name, {}, opts);
        const provider = clusterProvider("Waiting", undefined, opts);
        new k8s.core.v1.ConfigMap(`${name}-object`, { metadata: { name, namespace: "default" } }, { parent: this, provider, dependsOn: dependenciesOf(opts, own) });
    }
}

describe("dependenciesOf: a component's children wait for its dependsOn option and its own dependencies", () => {
    const namespace = (name: string, provider: k8s.Provider) => new k8s.core.v1.Namespace(name, { metadata: { name } }, { provider });
    const dependenciesOfChild = (plan: StackPlan) => plan.records.find((r) => r.name === "x-object")!.dependencies;
    const urnOf = (plan: StackPlan, name: string) => plan.records.find((r) => r.name === name)!.urn;

    const cases: [string, (a: pulumi.Resource, b: pulumi.Resource) => pulumi.ComponentResourceOptions["dependsOn"], string[]][] = [
        ["a plain list", (a, b) => [a, b], ["a", "b"]],
        ["a single resource", (a) => a, ["a"]],
        ["an Output of a list", (a, b) => pulumi.output([a, b]), ["a", "b"]],
        ["a list of Outputs", (a, b) => [pulumi.output(a), b], ["a", "b"]],
        ["an empty list", () => [], []],
    ];
    for (const [what, dependsOn, expected] of cases) {
        it(`waits for a dependsOn given as ${what}, and for its own`, async () => {
            const plan = await planProgram(() => {
                const north = new k8s.Provider("north", { kubeconfig: "stand-in" });
                const own = namespace("own", north);
                new Waiting("x", [own], { provider: north, dependsOn: dependsOn(namespace("a", north), namespace("b", north)) });
            });
            expect(dependenciesOfChild(plan)).to.have.members([...expected, "own"].map((n) => urnOf(plan, n)));
        });
    }

    it("waits for its own dependencies alone without a dependsOn option", async () => {
        const plan = await planProgram(() => {
            const north = new k8s.Provider("north", { kubeconfig: "stand-in" });
            new Waiting("x", [namespace("own", north)], { provider: north });
        });
        expect(dependenciesOfChild(plan)).to.deep.equal([urnOf(plan, "own")]);
    });

    it("joins several lists of its own, skipping those absent", () => {
        // No Output without a dependsOn option: the children's dependsOn is a plain list.
        const a = {} as pulumi.Resource;
        const b = {} as pulumi.Resource;
        expect(dependenciesOf(undefined, [a], undefined, [b])).to.deep.equal([a, b]);
        expect(dependenciesOf({}, undefined)).to.deep.equal([]);
    });
});
