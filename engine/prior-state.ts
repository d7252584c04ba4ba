/**
 * What the real engine keeps between deployments: a resource whose inputs did not change keeps its
 * outputs (the same key, the same random value) instead of being created again. Given the records of an
 * earlier plan, the offline engine does the same for the providers whose outputs are not derived from
 * their inputs alone: `tls` and `random`. Certificates inside their renewal window are replaced, as the
 * tls provider does on `pulumi up`.
 */
import { isDeepStrictEqual } from "node:util";
import { ResourceRecord } from "./records";
import { reveal } from "./secrets";
import { isReadyForRenewal } from "./tls";

const STATEFUL_PACKAGES = ["tls:", "random:"];

export class PriorState {
    private readonly byUrn: Map<string, ResourceRecord>;

    constructor(records: ResourceRecord[] = []) {
        this.byUrn = new Map(records.map((r) => [r.urn, r]));
    }

    /** The outputs to keep for this resource, or undefined when it is created (or replaced) now. */
    keep(req: { type: string; urn: string; inputs: Record<string, unknown>; replacementTrigger?: unknown }, now: Date) {
        if (!STATEFUL_PACKAGES.some((p) => req.type.startsWith(p))) return undefined;
        const prior = this.byUrn.get(req.urn);
        if (!prior || prior.type !== req.type) return undefined;
        if (!isDeepStrictEqual(reveal(prior.inputs), req.inputs)) return undefined;
        if (!isDeepStrictEqual(reveal(prior.replacementTrigger), reveal(req.replacementTrigger))) return undefined;
        const outputs = reveal(prior.outputs) as Record<string, unknown>;
        if (typeof outputs.validityEndTime === "string" && isReadyForRenewal(outputs.validityEndTime, Number(outputs.earlyRenewalHours ?? 0), now)) {
            return undefined;
        }
        return { id: prior.id, state: outputs };
    }
}
