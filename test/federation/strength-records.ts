/** Reading a plan's resource records for what keeps state (aliases) and what waits for what. */
import { expect } from "chai";
import { ResourceRecord } from "../../engine/records";
import { StackPlan } from "../../engine/run-stack";

/** The one resource of that Pulumi name; fails if there is none or several. */
export function recordNamed(plan: StackPlan, name: string): ResourceRecord {
    const found = plan.records.filter((r) => r.name === name);
    expect(found.map((r) => r.name), name).to.have.lengthOf(1);
    return found[0];
}

/** The aliases that carry state over from another name (typed resources also alias their older API versions). */
export const formerNames = (r: ResourceRecord): string[] => (r.aliases ?? []).filter((a) => !a.endsWith(`::${r.name}`));

/** The URN `r` would have under another name, same parent and type: what an alias by name resolves to. */
export const renamed = (r: ResourceRecord, name: string): string => r.urn.replace(/::[^:]+$/, `::${name}`);
