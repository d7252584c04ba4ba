/**
 * IdentityStack and FederationStack take their provider as a resource option and their args resolved once
 * (see test/support/component-options.ts), as intent: specs as a user writes them.
 */
import { FederationStack, resolveFederationStackArgs } from "../../components/stacks/federation-stack";
import { IdentityStack, resolveIdentityStackArgs } from "../../components/stacks/identity-stack";
import { describeComponentOptions } from "../support/component-options";
import { FEDERATION, IDENTITY } from "./fixtures";

describeComponentOptions({ type: "IdentityStack", Component: IdentityStack, args: IDENTITY, resolve: resolveIdentityStackArgs, other: () => resolveFederationStackArgs(FEDERATION) });
describeComponentOptions({ type: "FederationStack", Component: FederationStack, args: FEDERATION, resolve: resolveFederationStackArgs, other: () => resolveIdentityStackArgs(IDENTITY) });
