import type { Rule } from "./rule";
import { destinationHostKnown } from "./rules/destination-host-known";
import { gatewayCredentialSecretExists } from "./rules/gateway-credential-secret-exists";
import { virtualServiceSubsetDefined } from "./rules/virtualservice-subset-defined";

/** Every rule, sorted by name. A new rule file is not run until it is listed here (a meta-test checks). */
export const ALL_RULES: readonly Rule[] = [
    destinationHostKnown,
    gatewayCredentialSecretExists,
    virtualServiceSubsetDefined,
];
