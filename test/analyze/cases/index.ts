import type { GridCase } from "../grid";
import { hostKnownCases } from "./destination-host-known";
import { credentialSecretCases } from "./gateway-credential-secret-exists";
import { subsetDefinedCases } from "./virtualservice-subset-defined";

/** Every grid case, for the rule tests and for the meta-tests that observe rules at work. */
export const ALL_CASES: readonly GridCase[] = [...hostKnownCases, ...credentialSecretCases, ...subsetDefinedCases];
