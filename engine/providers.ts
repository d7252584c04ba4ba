/**
 * The answers of the providers the offline engine emulates: real keys and certificates for `tls`,
 * deterministic `random` ids, a simulated cluster for `kubernetes`, planned outputs for StackReferences.
 * Anything else (another package, another type of these, any invoke) fails with "not emulated offline",
 * naming it, rather than echoing its inputs as Pulumi's mocks do: a plan that pretends is worse than none.
 */
import { HELM_RELEASE_TYPE, SimulatedCluster } from "./kubernetes";
import { PriorState } from "./prior-state";
import { mintRandom } from "./random";
import { STACK_REFERENCE_TYPE } from "./records";
import { stackReferenceState, UnplannedStackError } from "./stack-refs";
import { mintTls } from "./tls";

export interface ResourceRequest {
    type: string;
    name: string;
    urn: string;
    /** Inputs with secret markers removed, as a provider receives them. */
    inputs: Record<string, any>;
    read: boolean;
    /** For a read: the id asked for. */
    id?: string;
    /** The resource's `replacementTrigger` option, if any. */
    replacementTrigger?: unknown;
}

export interface ResourceAnswer {
    id: string;
    state: Record<string, unknown>;
}

export interface ProviderAnswersOptions {
    stack: string;
    /** The planning clock: certificate validity and renewal are judged against it. */
    now: Date;
    /** Where earlier plans wrote their outputs, for StackReferences. */
    outDir: string;
    cluster: SimulatedCluster;
    /** The state of an earlier deployment of the same stack, if any. */
    prior: PriorState;
}

export class ProviderAnswers {
    /** Stacks this one references that have no plan yet. */
    readonly unplannedStacks = new Set<string>();

    constructor(private readonly options: ProviderAnswersOptions) {}

    async resource(req: ResourceRequest): Promise<ResourceAnswer> {
        const { type, name, urn, inputs } = req;
        if (type === STACK_REFERENCE_TYPE) {
            try {
                return { id: req.id ?? name, state: stackReferenceState(this.options.outDir, inputs.name ?? req.id, this.options.stack) };
            } catch (err) {
                if (err instanceof UnplannedStackError) this.unplannedStacks.add(err.stack);
                throw err;
            }
        }
        if (type.startsWith("pulumi:providers:")) {
            return { id: `${name}-id`, state: inputs };
        }
        const kept = this.options.prior.keep(req, this.options.now);
        if (kept) return kept;
        if (type.startsWith("tls:")) {
            const state = await mintTls(type, inputs, this.options.now);
            if (state) return { id: idFromUrn(urn), state };
        }
        if (type.startsWith("random:")) {
            const state = mintRandom(type, urn, inputs);
            if (state) return { id: String(state.id ?? idFromUrn(urn)), state };
        }
        if (type === HELM_RELEASE_TYPE) {
            const state = this.options.cluster.installRelease(inputs);
            return { id: `${inputs.namespace ?? "default"}/${inputs.name ?? name}`, state };
        }
        if (type.startsWith("kubernetes:")) {
            if (req.read) {
                return { id: req.id ?? name, state: this.options.cluster.read(type, req.id ?? name) };
            }
            const obj = this.options.cluster.create(name, urn, inputs, type);
            const id = obj.metadata.namespace ? `${obj.metadata.namespace}/${obj.metadata.name}` : String(obj.metadata.name);
            return { id, state: obj };
        }
        throw new NotEmulatedError(type);
    }

    async invoke(token: string): Promise<Record<string, unknown>> {
        throw new NotEmulatedError(`invoke ${token}`);
    }
}

/** What a program registers that this engine has no answer for. */
export class NotEmulatedError extends Error {
    constructor(readonly what: string) {
        super(`not emulated offline: ${what} (the offline engine answers ${EMULATED.join(", ")})`);
    }
}

const EMULATED = [
    "kubernetes:* objects and helm.sh/v3 Releases",
    "tls PrivateKey (RSA, ECDSA), CertRequest, SelfSignedCert, LocallySignedCert",
    "random RandomId",
    "StackReferences",
];

function idFromUrn(urn: string): string {
    return urn.split("::").pop() + "-id";
}
