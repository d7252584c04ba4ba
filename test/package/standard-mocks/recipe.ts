/**
 * Pulumi's documented unit-test mocks, verbatim (pulumi.com/docs/using-pulumi/testing/unit): every resource's
 * state is its inputs, every invoke returns its arguments. Nothing is computed: no random `hex`, no
 * certificate PEM, no Service status. Imported first, so the mocks are set before any component loads.
 */
import * as pulumi from "@pulumi/pulumi";

pulumi.runtime.setMocks(
    {
        newResource: (args: pulumi.runtime.MockResourceArgs) => ({ id: args.name + "_id", state: args.inputs }),
        call: (args: pulumi.runtime.MockCallArgs) => args.inputs,
    },
    "project",
    "stack",
    false,
);
