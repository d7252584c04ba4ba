/**
 * Reading peers' contracts before anything is created: a federation stack awaits its StackReferences,
 * checks every contract and every import against them, and only then registers resources, so a peer that
 * does not export what is asked fails the deployment with nothing half-applied.
 */
import * as pulumi from "@pulumi/pulumi";
import { CONTRACT_OUTPUT, FederationContract, readContract } from "./contract";
import { ResolvedExport } from "./export-specs";

/** The identity stack's cluster-internal output: how its exports map to local services. */
export const EXPORTS_OUTPUT = "exports";
/** The identity stack's output listing the CAs it accepts itself, when it manages its trust bundles. */
export const TRUSTED_CAS_OUTPUT = "trustedCaCertificates";
/** The identity stack's output listing the namespaces it put a copy of the egress credential in. */
export const SIDECAR_CREDENTIALS_OUTPUT = "sidecarCredentialNamespaces";

export interface PeerStack {
    /** The StackReference name, e.g. `acme/meshfed/cluster2`. */
    stack: string;
    contract: FederationContract;
    /** The stack's outputs, as read. */
    outputs: Record<string, unknown>;
}

/** Reads a meshfed identity stack's public contract (and its other outputs), checking the contract. */
export async function readPeerStack(stack: string, opts?: pulumi.CustomResourceOptions): Promise<PeerStack> {
    const ref = new pulumi.StackReference(stack, { name: stack }, opts);
    const outputs: Record<string, unknown> = {};
    for (const name of [CONTRACT_OUTPUT, EXPORTS_OUTPUT, TRUSTED_CAS_OUTPUT, SIDECAR_CREDENTIALS_OUTPUT]) {
        const details = await ref.getOutputDetails(name);
        if (details.secretValue !== undefined) {
            throw new Error(`stack "${stack}": output ${name} is a secret; meshfed's contract is public and never secret (pulumi/pulumi#2744)`);
        }
        outputs[name] = details.value;
    }
    return { stack, contract: readContract(stack, outputs), outputs };
}

/** The exports an identity stack publishes for its own federation stack. */
export function readOwnExports(peer: PeerStack): ResolvedExport[] {
    const raw = peer.outputs[EXPORTS_OUTPUT];
    if (!Array.isArray(raw)) throw new Error(`stack "${peer.stack}": output ${EXPORTS_OUTPUT} is missing; plan or deploy that identity stack with this meshfed first`);
    return raw as ResolvedExport[];
}
