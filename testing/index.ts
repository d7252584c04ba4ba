/**
 * `meshfed/testing`: run your own Pulumi program on meshfed's offline engine from a unit test (mocha, jest)
 * and get what `npm run plan` gives for meshfed's own stacks: every resource with its inputs and outputs
 * (secrets marked), the Kubernetes objects it would apply, their findings against Istio's CRD schemas, CEL
 * rules and chart values schemas, and meshfed's cross-object analysis. No Pulumi backend and no cluster:
 * `@pulumi/tls` and `@pulumi/random` answer with real keys, certificates and deterministic values.
 *
 * Only what meshfed's components register is emulated (see README, "The offline engine"): a program that
 * registers other resource types fails with `not emulated offline: <type>`.
 */
import "./peer-dependencies";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { AnalysisMessage } from "../analyze";
import { KubeObject } from "../engine/kubernetes";
import { helmReleasesOf, manifestsOf } from "../engine/manifests";
import { ResourceRecord } from "../engine/records";
import { OfflineSettings, planStack, Program } from "../engine/run-stack";
import { reveal } from "../engine/secrets";
import { inlineStackConfig } from "../engine/stack-config";
import { checkPlan, problemsOf } from "../validate/check-plan";
import { Finding, loadValidator } from "../validate";

export type { AnalysisMessage, MessageLevel } from "../analyze";
export { formatMessage } from "../analyze";
export type { KubeObject } from "../engine/kubernetes";
export type { ResourceRecord } from "../engine/records";
export type { OfflineSettings, Program } from "../engine/run-stack";
export { PlanError } from "../engine/run-stack";
export type { LoadBalancerAddressKind } from "../engine/addresses";
export { isSecretValue, reveal } from "../engine/secrets";
export type { Finding } from "../validate";
export { formatFinding, ISTIO_VERSION } from "../validate";

/** How to plan a program: the stack it runs as and the world it runs in. */
export interface PlanProgramOptions {
    /** The stack name `pulumi.getStack()` returns. @default "test" */
    stack?: string;
    /**
     * The stack's config, `<project>:<key>` → value, as in `Pulumi.<stack>.yaml`; objects and lists are handed
     * over as structured config (`config.requireObject`). @default {}
     */
    config?: Record<string, unknown>;
    /** Keys of `config` set with `--secret`: `config.requireSecret` and `config.get` see them as secrets. @default [] */
    secretKeys?: string[];
    /** The project name `pulumi.getProject()` returns. @default the `name` of the nearest Pulumi.yaml above the working directory */
    project?: string;
    /** The clock certificates are issued by. @default the current time */
    now?: Date;
    /** The simulated cloud and cluster. @default IP load-balancer addresses, an empty cluster */
    offline?: OfflineSettings;
    /**
     * The `records` of an earlier plan, standing for the state of the last deployment: unchanged keys,
     * certificates and random values are kept, as `pulumi up` keeps them (test an upgrade, a rotation).
     * @default none: a first `pulumi up`
     */
    previous?: ResourceRecord[];
}

/** A Helm release as `helm install` would get it. */
export interface HelmRelease {
    name: string;
    /** @default "default", as Helm's */
    namespace: string;
    /** The chart's name, e.g. `gateway`. */
    chart: string;
    /** @default the chart repository's latest, as Helm's */
    version?: string;
    values: Record<string, unknown>;
}

/** What planning a program found. */
export interface ProgramPlan {
    /** Every resource the program registered (and read), with inputs and outputs; secret values keep their marker (`isSecretValue`). */
    records: ResourceRecord[];
    /** The stack outputs (what the program returned), secrets marked. */
    outputs: Record<string, unknown>;
    /** Every Kubernetes object the program would create, as the API server would store it: secrets revealed. */
    manifests: KubeObject[];
    /** Every Helm release the program would install (meshfed's gateways and control planes), values revealed. */
    releases: HelmRelease[];
    /** Objects or Helm chart values that break their schema (CRD schema and CEL rules, chart values schema, names). */
    findings: Finding[];
    /** References between the objects that lead nowhere (meshfed's analyzers, `MF` codes). */
    analysis: AnalysisMessage[];
    /** `findings` then `analysis`, one line each as `npm run plan` prints them: empty when the plan would apply. */
    problems: string[];
}

/**
 * Runs `program` as a stack on the offline engine and checks everything it would apply. Resolves even when
 * there are findings (assert on `problems`); rejects with a `PlanError` (its `problems` name each failure)
 * when the program itself fails, e.g. a component refusing its Args.
 *
 * Plans run one after another or concurrently in one process; each gets its own Pulumi runtime state.
 * A StackReference fails naming the stack it reads: other stacks' outputs are not simulated here.
 */
export async function planProgram(program: Program, options: PlanProgramOptions = {}): Promise<ProgramPlan> {
    // StackReferences read earlier plans from a directory; a fresh empty one holds none.
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "meshfed-testing-"));
    try {
        const plan = await planStack({
            program,
            config: inlineStackConfig(options.stack ?? "test", options.config, options.secretKeys),
            outDir,
            now: options.now,
            previous: options.previous,
            project: options.project,
            offline: options.offline,
        });
        const check = await checkPlan(plan.records, plan.cluster.objects());
        return {
            records: plan.records,
            outputs: plan.outputs,
            manifests: manifestsOf(plan.records).map(({ object }) => reveal(object) as KubeObject),
            releases: helmReleasesOf(plan.records).map(({ name, namespace, chart, version, values }) => ({ name, namespace, chart, version, values: reveal(values) as Record<string, unknown> })),
            findings: check.findings,
            analysis: check.analysis,
            problems: problemsOf(check),
        };
    } finally {
        fs.rmSync(outDir, { recursive: true, force: true });
    }
}

/**
 * Checks Kubernetes objects on their own, as `planProgram` checks each planned one: names and labels of
 * every object, Istio objects against the CRD schema of their apiVersion (strict: unknown fields are
 * findings) and its CEL rules. For objects you build yourself, e.g. in a `transforms` callback.
 */
export async function validateManifests(objects: KubeObject[]): Promise<Finding[]> {
    const validator = await loadValidator();
    return objects.flatMap((o) => validator.validateObject(o));
}
