/**
 * A cluster's federation stack: it reads its own identity stack and its peers' (never their federation
 * stacks, so N clusters deploy without cycles), admits the consumers of its exports, and imports
 * services from its peers. Every peer contract and import is checked before anything is created, and
 * everything it needs to know about its own cluster's gateways comes from its identity stack's outputs.
 */
import * as k8s from "@pulumi/kubernetes";
import { FederationStack } from "../components/stacks/federation-stack";
import { FederationContract, isReachable } from "../components/federation/contract";
import { bindImports } from "../components/federation/import-resolution";
import { IdentityGateways, PeerStack, readOwnExports, readOwnGateways, readPeerStack } from "../components/federation/peer-contracts";
import { InputError } from "../components/core/input-error";
import { ResolvedExport } from "../components/federation/export-specs";
import { key } from "./config-key";
import { FederationSettings } from "./federation-settings";
import { Settings } from "./settings";

export interface FederationInputs {
    gateways: IdentityGateways;
    exposing?: { self: FederationContract & { address: NonNullable<FederationContract["address"]>; port: number }; exports: ResolvedExport[] };
    peers: Record<string, FederationContract>;
}

/** Reads the identity stacks first: the caller creates nothing until this resolves. */
export async function readFederationInputs(settings: Settings & { federation: FederationSettings }): Promise<FederationInputs> {
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
    bindImports(`${path}.imports`, f.imports, peers, settings.cluster.name);
    f.imports.forEach((i, n) => {
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
    const self = own.contract;
    if (exports.length > 0 && (!isReachable(self) || !gateways.ingress)) {
        throw new InputError(`${path}.identityStack`, f.identityStack, "that identity stack exports services but publishes no ingress gateway address");
    }
    return { gateways, exposing: isReachable(self) && exports.length > 0 ? { self, exports } : undefined, peers };
}

export function federationStack(settings: Settings & { federation: FederationSettings }, inputs: FederationInputs, provider: k8s.Provider): Record<string, unknown> {
    const name = settings.cluster.name;
    const { imports, peers, dnsProxy } = settings.federation;
    const stack = new FederationStack(name, {
        provider,
        clusterName: name,
        gateways: inputs.gateways,
        exposing: inputs.exposing,
        peers: inputs.peers,
        imports,
        outlierDetection: Object.fromEntries(Object.entries(peers).map(([n, p]) => [n, p.outlierDetection])),
        dnsProxy,
    });
    return { cluster: name, ...(stack.exports ? { exports: stack.exports } : {}), ...(stack.imports ? { imports: stack.imports } : {}) };
}
