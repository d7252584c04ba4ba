/** What the offline engine remembers of each resource, as the real engine's state would. */
export interface ResourceRecord {
    /** Type token, e.g. `kubernetes:networking.istio.io/v1:VirtualService`. */
    type: string;
    /** Logical (Pulumi) name. */
    name: string;
    urn: string;
    id: string;
    /** URN of the parent resource; absent only for the root Stack. */
    parent?: string;
    /** `urn::id` of the explicit provider, as the engine passes provider references. */
    provider?: string;
    custom: boolean;
    protect: boolean;
    /** True for a `.get()` read or a StackReference: observed, not managed. */
    read: boolean;
    dependencies: string[];
    /** URNs this resource had before (its `aliases`): the engine moves their state to it instead of replacing. */
    aliases?: string[];
    /** The `replacementTrigger` option: when it changes between deployments, the resource is replaced. */
    replacementTrigger?: unknown;
    /** Inputs as the program sent them; secrets keep their wire marker. */
    inputs: Record<string, unknown>;
    /** Outputs as the provider answered them; secrets keep their wire marker. */
    outputs: Record<string, unknown>;
}

export const STACK_TYPE = "pulumi:pulumi:Stack";
export const STACK_REFERENCE_TYPE = "pulumi:pulumi:StackReference";
