/** How a plan was refused, and what it had registered by then: bad input must register nothing. */
import { expect } from "chai";
import { PlanError } from "../../engine/run-stack";

export interface PlanRefusal {
    message: string;
    /** `type name` of each resource created in a cluster or state (providers and reads aside). */
    registered: string[];
}

export async function planRefusal(plan: Promise<unknown>): Promise<PlanRefusal> {
    try {
        await plan;
    } catch (error) {
        expect(error).to.be.instanceOf(PlanError);
        const records = (error as PlanError).records.filter((r) => r.custom && !r.read && !r.type.startsWith("pulumi:providers:"));
        return { message: (error as PlanError).message, registered: records.map((r) => `${r.type} ${r.name}`) };
    }
    throw new Error("expected the plan to be refused");
}
