/**
 * Reads the inputs the mock monitor hands a simulated provider, checking each property the way the
 * provider's schema would. Every failure names the resource type and the input, so a bad program fails
 * at the resource that is wrong rather than deep inside a crypto library.
 *
 * Inputs arrive with Pulumi's secret markers still on (see secrets.ts); the reader sees through them,
 * because a provider computes with the plain value whether or not the program marked it secret.
 */
import { reveal } from "./secrets";

export type Inputs = Record<string, unknown>;

export class InputReader {
    private readonly values: Inputs;

    constructor(
        private readonly resource: string,
        inputs: Inputs,
        private readonly path = "",
    ) {
        this.values = reveal(inputs) as Inputs;
    }

    /** Throws the error every check uses: `<type>: input "<name>" <problem>`. */
    fail(name: string, problem: string): never {
        throw new Error(`${this.resource}: input "${this.path}${name}" ${problem}`);
    }

    has(name: string): boolean {
        return this.values[name] !== undefined && this.values[name] !== null;
    }

    string(name: string): string {
        const v = this.optionalString(name);
        return v ?? this.fail(name, "is required");
    }

    optionalString(name: string): string | undefined {
        if (!this.has(name)) return undefined;
        const v = this.values[name];
        return typeof v === "string" ? v : this.fail(name, `must be a string, got ${show(v)}`);
    }

    integer(name: string, fallback?: number): number {
        if (!this.has(name)) return fallback ?? this.fail(name, "is required");
        const v = this.values[name];
        return Number.isSafeInteger(v) ? (v as number) : this.fail(name, `must be an integer, got ${show(v)}`);
    }

    optionalInteger(name: string): number | undefined {
        return this.has(name) ? this.integer(name) : undefined;
    }

    boolean(name: string, fallback: boolean): boolean {
        if (!this.has(name)) return fallback;
        const v = this.values[name];
        return typeof v === "boolean" ? v : this.fail(name, `must be a boolean, got ${show(v)}`);
    }

    strings(name: string): string[] {
        if (!this.has(name)) return [];
        const v = this.values[name];
        if (!Array.isArray(v)) this.fail(name, `must be a list of strings, got ${show(v)}`);
        v.forEach((x, i) => typeof x === "string" || this.fail(`${name}[${i}]`, `must be a string, got ${show(x)}`));
        return v as string[];
    }

    /** A nested object (such as `subject`), read with the same checks under `name.`. */
    nested(name: string): InputReader {
        const v = this.has(name) ? this.values[name] : {};
        if (typeof v !== "object" || Array.isArray(v)) this.fail(name, `must be an object, got ${show(v)}`);
        return new InputReader(this.resource, v as Inputs, `${this.path}${name}.`);
    }

    /** The revealed inputs, for hashing: secret-ness must not change a derived value. */
    revealed(): Inputs {
        return this.values;
    }
}

function show(v: unknown): string {
    return Array.isArray(v) ? "a list" : JSON.stringify(v) ?? String(v);
}
