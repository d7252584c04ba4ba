/**
 * Args a component's resolver has checked, which its constructor takes as they are. A program resolves a
 * component's args before it creates the cluster's provider, so that bad input stops the stack before
 * anything registers, and hands the result to the constructor: the args are resolved once. Only
 * `Resolved.once` makes one (the constructor is private), so an object a caller writes out with `args` and
 * `value` is taken as args and resolved, never as a resolution that may disagree with its own args.
 */
export class Resolved<Args, Value> {
    readonly #type: string;

    private constructor(
        type: string,
        /** The args as the caller gave them. */
        readonly args: Args,
        /** What the resolver made of them. */
        readonly value: Value,
    ) {
        this.#type = type;
    }

    /**
     * The resolution of `args` for a component of `type`: the one given, or made now by `resolve`. Called by a
     * component's resolver; `type` is the component's, so another component's resolution is refused.
     */
    static once<Args, Value>(type: string, args: Args | Resolved<Args, Value>, resolve: (args: Args) => Value): Resolved<Args, Value> {
        if (!(args instanceof Resolved)) return new Resolved(type, args, resolve(args));
        if (!(#type in args)) throw new TypeError(`${type}: given an object made to look resolved; only a resolver makes one`);
        if (args.#type !== type) throw new TypeError(`${type}: given the resolved args of ${args.#type}`);
        return args;
    }
}

/**
 * Args as a program reads them from stack config, before their component's resolver checks them: any value
 * where the resolver checks the value, the declared type where nothing is checked (resources, providers:
 * nothing config can hold). Args typed by a caller are assignable to it.
 */
export type Unchecked<Args, Typed extends keyof Args = never> = { [K in Exclude<keyof Args, Typed>]?: unknown } & Pick<Args, Typed>;

/**
 * Where a component's args came from, named in its refusals. A program passes its config keys: `path` for
 * args read from one key, `paths` for the fields it took from elsewhere (another key, another stack's output).
 */
export interface ArgsPaths<Field extends string = string> {
    /** The args' own path. @default `<Type>Args` */
    path?: string;
    /** A field's path when it is not `<path>.<field>`. @default none: every field under `path` */
    paths?: Partial<Record<Field, string>>;
}

/** The path of the args (`root`) and of each field (`of`), as `where` names them. */
export function argsPaths<Field extends string>(type: string, where: ArgsPaths<Field> = {}): { root: string; of: (field: Field) => string } {
    const root = where.path ?? `${type}Args`;
    return { root, of: (field) => where.paths?.[field] ?? `${root}.${field}` };
}
