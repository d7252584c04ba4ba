/**
 * A cluster's federation stack: it reads its own identity stack and its peers' (never their federation
 * stacks, so N clusters deploy without cycles), admits the consumers of its exports, and imports
 * services from its peers. Every peer contract and import is checked before anything is created.
 */
import * as k8s from "@pulumi/kubernetes";
import { ServiceExports, ServiceImports } from "../components";
import { FederationContract, isReachable } from "../components/federation/contract";
import { bindImports } from "../components/federation/import-resolution";
import { readOwnExports, readPeerStack, SIDECAR_CREDENTIALS_OUTPUT, TRUSTED_CAS_OUTPUT } from "../components/federation/peer-contracts";
import { InputError } from "../components/core/input-error";
import { key } from "./config-key";
import { FederationSettings } from "./federation-settings";
import { Settings } from "./settings";

/** Reads the identity stacks first: the caller creates nothing until this resolves. */
export async function readFederationInputs(settings: Settings & { federation: FederationSettings }) {
    const f = settings.federation;
    // One StackReference per stack, however often the config names it.
    const read = new Map<string, ReturnType<typeof readPeerStack>>();
    const readOnce = (stack: string) => read.get(stack) ?? read.set(stack, readPeerStack(stack)).get(stack)!;
    const own = await readOnce(f.identityStack);
    if (own.contract.cluster !== settings.cluster.name) {
        throw new InputError(`${key("federation")}.identityStack`, f.identityStack, `that stack is the identity of ${own.contract.cluster}, not ${settings.cluster.name}`);
    }
    const peers: Record<string, FederationContract> = {};
    for (const [name, peer] of Object.entries(f.peers)) {
        const { contract } = await readOnce(peer.stack);
        if (contract.cluster !== name) {
            throw new InputError(`${key("federation")}.peers.${name}.stack`, peer.stack, `that stack is the identity of ${contract.cluster}, not ${name}`);
        }
        peers[name] = contract;
    }
    if (own.outputs[TRUSTED_CAS_OUTPUT] !== undefined) {
        throw new InputError(
            `${key("federation")}.identityStack`,
            f.identityStack,
            `that identity stack manages the trust bundles itself (meshfed:trust.trustedCaCertificates); the federation stack owns them: move those CAs to ${key("federation")}.trustedCaCertificates`,
        );
    }
    const withCredential = (own.outputs[SIDECAR_CREDENTIALS_OUTPUT] as string[] | undefined) ?? [];
    f.imports.forEach((i, n) => {
        if (i.via === "sidecar" && !withCredential.includes(i.as.namespace)) {
            throw new InputError(
                `${key("federation")}.imports[${n}].via`,
                i.via,
                `sidecars in ${i.as.namespace} need the egress credential there: add ${i.as.namespace} to meshfed:trust.sidecarCredentialNamespaces of ${f.identityStack}, or use egressGateway`,
            );
        }
    });
    const exports = readOwnExports(own);
    for (const e of exports) {
        for (const consumer of e.consumers) {
            if (!peers[consumer]) {
                throw new InputError(
                    `${key("federation")}.peers`,
                    Object.keys(f.peers),
                    `${e.exportAs.namespace}/${e.exportAs.name} is exported to ${consumer}: add ${consumer}'s identity stack, its CA is needed to admit it`,
                );
            }
        }
    }
    bindImports(`${key("federation")}.imports`, f.imports, peers, settings.cluster.name);
    const self = own.contract;
    if (exports.length > 0 && !isReachable(self)) {
        throw new InputError(`${key("federation")}.identityStack`, f.identityStack, "that identity stack exports services but publishes no ingress gateway address");
    }
    return { exposing: isReachable(self) && exports.length > 0 ? { self, exports } : undefined, peers };
}

export function federationStack(
    settings: Settings & { federation: FederationSettings },
    inputs: Awaited<ReturnType<typeof readFederationInputs>>,
    provider: k8s.Provider,
): Record<string, unknown> {
    const name = settings.cluster.name;
    const namespace = settings.gateways.namespace;
    const outputs: Record<string, unknown> = { cluster: name };
    if (inputs.exposing) {
        const { self, exports } = inputs.exposing;
        new ServiceExports(`${name}-exports`, {
            provider,
            namespace,
            self,
            exports,
            consumers: inputs.peers,
            extraCaCertificates: settings.federation.trustedCaCertificates,
        });
        outputs.exported = exports.map((e) => `${e.exportAs.namespace}/${e.exportAs.name} → ${e.consumers.join(", ")}`);
    }
    if (settings.federation.imports.length > 0) {
        const outlierDetection = Object.fromEntries(Object.entries(settings.federation.peers).map(([n, p]) => [n, p.outlierDetection]));
        new ServiceImports(`${name}-imports`, {
            provider,
            namespace,
            clusterName: name,
            imports: settings.federation.imports,
            peers: inputs.peers,
            outlierDetection,
            extraCaCertificates: settings.federation.trustedCaCertificates,
        });
        outputs.imported = settings.federation.imports.map(
            (i) => `${i.peer}:${i.service.namespace}/${i.service.name} as ${i.as.name}.${i.as.namespace}`,
        );
    }
    return outputs;
}
