/**
 * A cluster's federation stack: it reads its own identity stack and its peers' (never their federation
 * stacks, so N clusters deploy without cycles), admits the consumers of its exports, and imports
 * services from its peers. Every peer contract and import is checked before anything is created, and
 * everything it needs to know about its own cluster's gateways comes from its identity stack's outputs.
 */
import * as k8s from "@pulumi/kubernetes";
import { FederationStack, ResolvedFederationStackArgs, resolveFederationStackArgs } from "../components/stacks/federation-stack";
import { FederationContract, isReachable } from "../components/federation/contract";
import { IdentityGateways, PeerStack, readOwnExports, readOwnGateways, readPeerStack } from "../components/federation/peer-contracts";
import { InputError } from "../components/core/input-error";
import { ResolvedImport } from "../components/federation/import-specs";
import { key } from "./config-key";
import { FederationSettings } from "./federation-settings";
import { Settings } from "./settings";

/**
 * Reads the identity stacks first and resolves the `FederationStack` args once, naming `meshfed:federation`:
 * the caller creates nothing until this resolves.
 */
export async function readFederationStack(settings: Settings & { federation: FederationSettings }): Promise<ResolvedFederationStackArgs> {
    const f = settings.federation;
    const path = key("federation");
    // One StackReference per stack, however often the config names it.
    const read = new Map<string, Promise<PeerStack>>();
    const readOnce = (stack: string) => read.get(stack) ?? read.set(stack, readPeerStack(stack)).get(stack)!;
    const own = await readOnce(f.identityStack);
    if (own.contract.cluster !== settings.cluster.name) {
        throw new InputError(`${path}.identityStack`, f.identityStack, `that stack is the identity of ${own.contract.cluster}, not ${settings.cluster.name}`);
    }
    const peers: Record<string, FederationContract> = {};
    for (const [name, peer] of Object.entries(f.peers)) {
        const contract = peer.contract ?? (await readOnce(peer.stack!)).contract;
        if (contract.cluster !== name) {
            throw new InputError(`${path}.peers.${name}.stack`, peer.stack, `that stack is the identity of ${contract.cluster}, not ${name}`);
        }
        peers[name] = contract;
    }
    const gateways = readOwnGateways(own);
    const exports = readOwnExports(own);
    for (const e of exports) {
        for (const consumer of e.consumers) {
            if (!peers[consumer]) {
                throw new InputError(
                    `${path}.peers`,
                    Object.keys(f.peers),
                    `${e.exportAs.namespace}/${e.exportAs.name} is exported to ${consumer}: add ${consumer}'s identity stack, its CA is needed to admit it`,
                );
            }
        }
    }
    const self = own.contract;
    if (exports.length > 0 && (!isReachable(self) || !gateways.ingress)) {
        throw new InputError(`${path}.identityStack`, f.identityStack, "that identity stack exports services but publishes no ingress gateway address");
    }
    return resolveFederationSettings(settings.cluster.name, f, { gateways, peers, exposing: exports.length > 0 ? { self, exports } : undefined });
}

/** What a federation stack read from identity stacks: its own gateways and exports, its peers' contracts. */
export interface FederationReads {
    gateways: IdentityGateways;
    peers: Record<string, FederationContract>;
    exposing?: { self: FederationContract; exports: unknown };
}

/**
 * `meshfed:federation` as `FederationStack` args, resolved once by its resolver, naming the config's keys, with
 * the rules that span stacks: an import's credential must exist in the identity stack it names.
 */
export function resolveFederationSettings(clusterName: string, f: FederationSettings, reads: FederationReads): ResolvedFederationStackArgs {
    const path = key("federation");
    const { gateways } = reads;
    const imports = (resolved: ResolvedImport[]) =>
        resolved.forEach((i, n) => {
            // A peer not configured is refused, by name, when the imports are bound to the contracts.
            if (!reads.peers[i.peer]) return;
            if (i.via === "egressGateway" && !gateways.egress?.credentials[i.peer]) {
                throw new InputError(
                    `${path}.imports[${n}].peer`,
                    i.peer,
                    `the egress gateway of ${f.identityStack} has no credential for ${i.peer}: add ${i.peer} to meshfed:gateways.egress.peers of that identity stack`,
                );
            }
            if (i.via === "sidecar" && !gateways.sidecarCredentials[i.as.namespace]?.[i.peer]) {
                throw new InputError(
                    `${path}.imports[${n}].via`,
                    i.via,
                    `sidecars in ${i.as.namespace} need the client credential for ${i.peer} there: add ${i.as.namespace} to meshfed:trust.sidecarCredentialNamespaces and ${i.peer} to meshfed:gateways.egress.peers of ${f.identityStack}, or use egressGateway`,
                );
            }
        });
    return resolveFederationStackArgs(
        {
            clusterName,
            gateways,
            exposing: reads.exposing,
            peers: reads.peers,
            imports: f.imports,
            outlierDetection: Object.fromEntries(Object.entries(f.peers).map(([n, p]) => [n, p.outlierDetection])),
            dnsProxy: f.dnsProxy,
        },
        { path, outlierPath: (peer) => `${path}.peers.${peer}.outlierDetection`, checkImports: imports },
    );
}

export function federationStack(name: string, args: ResolvedFederationStackArgs, provider: k8s.Provider): Record<string, unknown> {
    const stack = new FederationStack(name, args, { provider });
    return { cluster: name, ...(stack.exports ? { exports: stack.exports } : {}), ...(stack.imports ? { imports: stack.imports } : {}) };
}
