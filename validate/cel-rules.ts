import type { Environment, ParseResult } from "@marcbachmann/cel-js";
import { toCelValue } from "./cel-values";
import { Finding, showValue } from "./finding";
import { CelRule, Schema } from "./schema";
import { walkSchema } from "./schema-walk";

/**
 * Evaluates the CRD's `x-kubernetes-validations` rules against an object, as the API server
 * does: each rule with `self` bound to the value at the schema node that carries it (each item
 * for an `items` node, each value for an `additionalProperties` node); rules on unset fields do
 * not run. `oneOf`/`anyOf` branches are not visited: in a structural schema they may not carry
 * rules (and none of Istio's do).
 *
 * A rule that cannot be parsed or fails to evaluate (e.g. `url()` on a string that is no URL,
 * `substring` past the end) is a finding too: the API server rejects the object in that case,
 * and a silently skipped rule would let invalid objects through.
 */
export class CelRules {
    /** Parsed rules by expression; 36 distinct expressions serve all of Istio's 362 rules. */
    private readonly programs = new Map<string, ParseResult | Error>();

    constructor(private readonly env: Environment) {}

    validate(obj: unknown, schema: Schema, object: string): Finding[] {
        const findings: Finding[] = [];
        walkSchema(obj, schema, "", (node) => {
            const rules = node.schema["x-kubernetes-validations"] ?? [];
            if (rules.length === 0) return;
            const self = toCelValue(node.value, node.schema);
            for (const rule of rules) {
                const problem = this.check(rule, self, node.value);
                if (problem) findings.push({ object, path: node.path, rule: "CEL", message: problem });
            }
        });
        return findings;
    }

    /** Why `value` (`self` as CEL sees it) breaks `rule`, or undefined if it satisfies it. */
    private check(rule: CelRule, self: unknown, value: unknown): string | undefined {
        const expression = rule.rule.replace(/\s+/g, " ").trim();
        const said = rule.message ?? `failed rule: ${expression}`;
        const program = this.program(rule.rule);
        if (program instanceof Error) {
            return `${said} (rule could not be parsed: ${firstLine(program)}; rule: ${expression})`;
        }
        let result: unknown;
        try {
            result = program({ self });
        } catch (e) {
            return `${said} (rule evaluation error: ${firstLine(e)}; value: ${showValue(value)}; rule: ${expression})`;
        }
        if (result === true) return undefined;
        if (result !== false) return `${said} (rule returned ${showValue(result)} instead of a bool; rule: ${expression})`;
        const got = typeof value === "object" ? "" : `, got ${showValue(value)}`;
        return `${said}${got} (rule: ${expression})`;
    }

    private program(expression: string): ParseResult | Error {
        let program = this.programs.get(expression);
        if (!program) {
            try {
                program = this.env.parse(expression);
            } catch (e) {
                program = e instanceof Error ? e : new Error(String(e));
            }
            this.programs.set(expression, program);
        }
        return program;
    }
}

function firstLine(e: unknown): string {
    return (e instanceof Error ? e.message : String(e)).split("\n")[0];
}
