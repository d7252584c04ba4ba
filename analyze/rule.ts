import type { Context } from "./context";
import type { KindName } from "./kinds";

/** One cross-object check, as istio's `analysis.Analyzer`: metadata plus a function that reports. */
export interface Rule {
    /** `<area>.<Rule>`, e.g. `virtualservice.GatewayExists`. */
    readonly name: string;
    /** One line saying what holds when the rule is quiet. */
    readonly description: string;
    /** Every kind the rule reads; the context refuses any other, and a meta-test checks none is unused. */
    readonly inputs: readonly KindName[];
    analyze(ctx: Context): void;
}
