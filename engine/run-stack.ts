/**
 * Runs a Pulumi program for one stack on the offline engine: Pulumi's own runtime with the
 * OfflineMonitor in place of the engine, in an isolated runtime store so several stacks can be planned
 * one after another in one process. What the simulated world looks like (load balancers, objects the
 * cluster already has) is handed in as data; reading it from a stack's config is the caller's business.
 */
import * as pulumi from "@pulumi/pulumi";
import { setAllConfig } from "@pulumi/pulumi/runtime/config";
import { setMockOptions, disconnect, disconnectSync } from "@pulumi/pulumi/runtime/settings";
import { runInPulumiStack } from "@pulumi/pulumi/runtime/stack";
import { LoadBalancerAddressKind } from "./addresses";
import { KubeObject, SimulatedCluster } from "./kubernetes";
import { OfflineMonitor } from "./monitor";
import { ProgramEnd, untilProgramEnds } from "./program-end";
import { PriorState } from "./prior-state";
import { projectName } from "./project";
import { ProviderAnswers } from "./providers";
import { ResourceRecord } from "./records";
import { StackConfig } from "./stack-config";

// The runtime's store is internal API (stripped from its .d.ts) but it is how the SDK itself isolates
// inline programs: one store per planned stack keeps their settings, config and root resource apart.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const state: {
    getStore(): Record<string, unknown>;
    withLocalStorage<T>(fn: () => T): T;
} = require("@pulumi/pulumi/runtime/state");

/** A Pulumi program as `index.ts` exports it: its result becomes the stack outputs. */
export type Program = () => unknown;

/** The simulated world a stack is planned in. */
export interface OfflineSettings {
    /** What kind of address the simulated cloud gives LoadBalancer Services. @default "ip" */
    loadBalancer?: LoadBalancerAddressKind;
    /** Objects the cluster already has before the stack runs (e.g. the application's own Services). */
    clusterObjects?: KubeObject[];
}

export interface StackPlan {
    stack: string;
    records: ResourceRecord[];
    /** Stack outputs, secrets marked. */
    outputs: Record<string, unknown>;
    /** The simulated cluster as the plan left it (load-balancer addresses, objects read back). */
    cluster: SimulatedCluster;
    /** What the cluster already had (`OfflineSettings.clusterObjects`). */
    clusterObjects?: KubeObject[];
}

export interface PlanStackOptions {
    program: Program;
    config: StackConfig;
    /** Where planned stacks' outputs are read from for StackReferences. */
    outDir: string;
    /** @default the current time */
    now?: Date;
    /**
     * The records of an earlier plan of this stack, standing for the state of its last deployment:
     * unchanged keys, certificates and random values are kept, as `pulumi up` keeps them.
     */
    previous?: ResourceRecord[];
    /** The cluster the stack deploys to, when other stacks of the same cluster were planned before it. */
    cluster?: SimulatedCluster;
    /** @default the `name` of the nearest Pulumi.yaml, as the pulumi CLI finds it */
    project?: string;
    /** The simulated world. @default IP load balancers, an empty cluster */
    offline?: OfflineSettings;
    /** Called with the number of resources registered so far, after each registration. */
    onRegistered?: (registered: number) => void;
}

export class PlanError extends Error {
    constructor(
        readonly stack: string,
        readonly problems: string[],
        /** Stacks referenced by this one that must be planned before it. */
        readonly unplannedStacks: string[] = [],
        /** What had been registered when the plan failed: tests assert bad input registers nothing. */
        readonly records: ResourceRecord[] = [],
    ) {
        super(`stack "${stack}" failed to plan:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    }
}

export async function planStack(options: PlanStackOptions): Promise<StackPlan> {
    const { config } = options;
    const stack = config.stack;
    const project = options.project ?? projectName();
    const settings = options.offline ?? {};
    const cluster = options.cluster ?? new SimulatedCluster(stack);
    if (settings.loadBalancer) cluster.loadBalancer = settings.loadBalancer;
    cluster.seed(settings.clusterObjects ?? []);
    const answers = new ProviderAnswers({
        stack,
        now: options.now ?? new Date(),
        outDir: options.outDir,
        cluster,
        prior: new PriorState(options.previous),
    });

    return state.withLocalStorage(async () => {
        const monitor = new OfflineMonitor(project, stack, answers, options.onRegistered);
        setMockOptions(monitor, project, stack, false);
        enableEngineFeatures();
        setAllConfig(config.values, config.secretKeys);

        const problems: string[] = [];
        // A failed registration rejects the resource's outputs; nothing may await them, so catch them here
        // rather than let Node print them and carry on.
        const onRejection = (reason: unknown) => problems.push(messageOf(reason));
        process.on("unhandledRejection", onRejection);
        const restoreStackTraces = cheapStackTraces();
        let end: ProgramEnd = "settled";
        try {
            // Disconnecting waits for every RPC, the registration of outputs that await a failed resource too.
            const run = runInPulumiStack(async () => options.program())
                .then(
                    () => undefined,
                    (err) => void problems.push(messageOf(err)),
                )
                .then(() => disconnect())
                .catch((err) => void problems.push(messageOf(err)));
            end = await untilProgramEnds(run, () => ({ failed: problems.length + monitor.errors.length > 0, activity: monitor.records.length + problems.length }));
        } finally {
            // A failed program that went quiet still awaits what never settles: close without waiting, as its process would exit.
            if (end !== "settled") disconnectSync();
            await new Promise((r) => setImmediate(r));
            process.off("unhandledRejection", onRejection);
            restoreStackTraces();
        }
        // The SDK reports a refused registration again, wrapped: keep the engine's own wording once.
        const all = unique([...monitor.errors, ...problems.filter((p) => !monitor.errorReasons.some((r) => p.includes(r)))]);
        if (all.length > 0) throw new PlanError(stack, all, [...answers.unplannedStacks], monitor.records);
        return { stack, records: monitor.records, outputs: monitor.stackOutputs, cluster, clusterObjects: settings.clusterObjects ?? [] };
    });
}

/** Stacks being planned right now (tests may plan several at once): the last one to finish restores the limit. */
let planning = 0;
let savedStackTraceLimit = Error.stackTraceLimit;

/**
 * While a stack plans, `Error.stackTraceLimit` is 0. Pulumi's `debuggablePromise` captures
 * `new Error().stack` for every promise the runtime makes (several per resource and output) and keeps the
 * string on the promise, for leak reports only. Formatting those traces was a fifth of a large plan's CPU
 * (more under ts-node, whose source-map-support maps every frame), and keeping them most of its memory.
 * Nothing here reads a trace: every failure of a plan is reported by its message (see `messageOf`).
 * With PULUMI_DEBUG_PROMISE_LEAKS set, the traces are what the user asked for, so they are kept.
 */
function cheapStackTraces(): () => void {
    if (process.env.PULUMI_DEBUG_PROMISE_LEAKS) return () => undefined;
    if (planning++ === 0) {
        savedStackTraceLimit = Error.stackTraceLimit;
        Error.stackTraceLimit = 0;
    }
    return () => {
        if (--planning === 0) Error.stackTraceLimit = savedStackTraceLimit;
    };
}

/** What `setMocks` switches on: the engine features the SDK asks the monitor about. */
function enableEngineFeatures(): void {
    const store = state.getStore();
    store.supportsSecrets = true;
    store.supportsResourceReferences = true;
    store.supportsOutputValues = false;
    store.supportsDeletedWith = true;
    store.supportsReplaceWith = true;
    store.supportsAliasSpecs = true;
    store.supportsTransforms = false;
    store.supportsParameterization = true;
    store.supportsResourceHooks = true;
    store.supportsErrorHooks = true;
}

/**
 * The SDK prefixes a failed input's error with the property at fault, on the error object itself: an Output
 * that fails for several resources gets the prefix once per resource. Once says it.
 */
const REPEATED_PREFIX = /(error serializing property "[^"]*": )\1+/g;

function messageOf(err: unknown): string {
    const message = err instanceof pulumi.RunError || err instanceof pulumi.ResourceError || err instanceof Error ? err.message : String(err);
    return message.replace(REPEATED_PREFIX, "$1");
}

function unique(xs: string[]): string[] {
    return [...new Set(xs)];
}
