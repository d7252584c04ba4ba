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
/** The identity stack's cluster-internal output: where its gateways run and which credentials they hold. */
export const GATEWAYS_OUTPUT = "gateways";

/** A private gateway as its cluster's federation stack addresses it. */
export interface PublishedGateway {
    namespace: string;
    /** The Helm release, also the gateway's Deployment and Service name. */
    releaseName: string;
    /** The gateway's Service host, e.g. `istio-private-egressgateway.istio-federation-egress.svc.cluster.local`. */
    serviceHost: string;
    /** The pod labels Gateways select it by. */
    selector: Record<string, string>;
}

/**
 * What an identity stack tells its own federation stack about the gateways, so the federation stack never
 * needs a second copy of the identity stack's settings (namespaces, credential names, which gateways exist).
 */
export interface IdentityGateways {
    /**
     * `additionalHosts`: the names the ingress gateway answers to besides the contract's `host`
     * (`meshfed:trust.additionalHosts`); absent when there are none.
     */
    ingress?: PublishedGateway & { port: number; credentialName: string; additionalHosts?: string[] };
    /** `credentials`: the client credential Secret towards each peer, by peer. */
    egress?: PublishedGateway & { credentials: Record<string, string> };
    /** Copies of the client credentials for sidecars: by namespace, then by peer. */
    sidecarCredentials: Record<string, Record<string, string>>;
}

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
    for (const name of [CONTRACT_OUTPUT, EXPORTS_OUTPUT, GATEWAYS_OUTPUT]) {
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

/** The gateways an identity stack publishes for its own federation stack. */
export function readOwnGateways(peer: PeerStack): IdentityGateways {
    const raw = peer.outputs[GATEWAYS_OUTPUT] as IdentityGateways | undefined;
    if (typeof raw !== "object" || raw === null || typeof raw.sidecarCredentials !== "object") {
        throw new Error(`stack "${peer.stack}": output ${GATEWAYS_OUTPUT} is missing; plan or deploy that identity stack with this meshfed first`);
    }
    return raw;
}
