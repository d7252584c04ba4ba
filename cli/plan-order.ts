/**
 * Plans stacks in the order their StackReferences require, discovered the way a person would: plan a
 * stack, and if it reads a stack that has no plan yet, plan that one first and try again. A chain that
 * comes back to a stack already waiting is a cycle, reported with its members.
 */
import { PlanError, StackPlan } from "../engine/run-stack";

export class StackCycleError extends Error {
    constructor(readonly cycle: string[]) {
        super(
            `StackReference cycle: ${cycle.join(" → ")}. Split a stack so that references run one way ` +
                `(e.g. a cluster's identity stack apart from its federation stack)`,
        );
    }
}

export async function planInOrder(
    stacks: string[],
    known: ReadonlySet<string>,
    planOne: (stack: string) => Promise<StackPlan>,
): Promise<StackPlan[]> {
    const done = new Map<string, StackPlan>();
    const order: StackPlan[] = [];

    async function visit(stack: string, waiting: string[]): Promise<void> {
        if (done.has(stack)) return;
        if (waiting.includes(stack)) throw new StackCycleError([...waiting.slice(waiting.indexOf(stack)), stack]);
        for (;;) {
            try {
                const plan = await planOne(stack);
                done.set(stack, plan);
                order.push(plan);
                return;
            } catch (err) {
                const deps = err instanceof PlanError ? err.unplannedStacks : [];
                const plannable = deps.length > 0 && deps.every((d) => known.has(d) && !done.has(d));
                if (!plannable) throw err;
                for (const dep of deps) await visit(dep, [...waiting, stack]);
            }
        }
    }

    for (const stack of stacks) await visit(stack, []);
    return order;
}
