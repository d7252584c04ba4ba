import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";

/**
 * A CA key's `replacementTrigger`: the hex of its generation RandomId, which changes only with `rotation`.
 * Pulumi's documented unit-test mocks (`setMocks` answering `state: args.inputs`) do not compute `hex`, and
 * the SDK cannot serialize an undefined trigger (google-protobuf throws "Unexpected struct type"): an
 * unknown-to-the-mock hex stands in as "". Whenever `hex` is known the value is `hex` itself, unchanged, so
 * a real `pulumi up` of an upgraded stack sees the same trigger and does not replace the key.
 */
export function generationTrigger(generation: random.RandomId): pulumi.Output<string> {
    return generation.hex.apply((hex) => hex ?? "");
}
