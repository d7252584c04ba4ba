import { expect } from "chai";
import { planInOrder } from "../../cli/plan-order";
import { PlanError, StackPlan } from "../../engine/run-stack";
import { rejectionOf } from "../support/plan";

/** A fake planner: a stack fails naming its unplanned references until they have been planned. */
function planner(references: Record<string, string[]>) {
    const planned: string[] = [];
    const planOne = async (stack: string): Promise<StackPlan> => {
        const missing = (references[stack] ?? []).filter((s) => !planned.includes(s));
        if (missing.length > 0) throw new PlanError(stack, [`needs ${missing.join(", ")}`], missing);
        planned.push(stack);
        return { stack } as StackPlan;
    };
    return { planOne, planned };
}

describe("planning stacks in dependency order", () => {
    it("plans the stacks a stack references before it, each once", async () => {
        const { planOne, planned } = planner({
            "cluster1-federation": ["cluster1-identity", "cluster2-identity"],
            "cluster2-federation": ["cluster1-identity", "cluster2-identity"],
        });
        const all = ["cluster1-federation", "cluster1-identity", "cluster2-federation", "cluster2-identity"];
        const order = await planInOrder(all, new Set(all), planOne);
        expect(order.map((p) => p.stack)).to.deep.equal(planned);
        expect(planned).to.deep.equal(["cluster1-identity", "cluster2-identity", "cluster1-federation", "cluster2-federation"]);
    });

    it("names the members of a StackReference cycle", async () => {
        const { planOne } = planner({ cluster1: ["cluster2"], cluster2: ["cluster3"], cluster3: ["cluster1"] });
        const all = ["cluster1", "cluster2", "cluster3"];
        const message = await rejectionOf(planInOrder(all, new Set(all), planOne));
        expect(message).to.contain("StackReference cycle: cluster1 → cluster2 → cluster3 → cluster1");
    });

    it("does not plan a referenced stack it was not allowed to, and passes the error on", async () => {
        const { planOne, planned } = planner({ cluster1: ["cluster2"] });
        const message = await rejectionOf(planInOrder(["cluster1"], new Set(), planOne));
        expect(message).to.contain("needs cluster2");
        expect(planned).to.deep.equal([]);
    });
});
