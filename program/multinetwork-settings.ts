/**
 * The two stack kinds of replicated control planes joined by cross-network gateways, read from stack config
 * and checked whole before anything is created. `<cluster>-network` (`meshfed:networkGateway`) runs the
 * cluster's gateway and publishes what it passes through; `<cluster>-network-imports`
 * (`meshfed:networkImports`) reads its peers' `-network` stacks. Two kinds, like identity and federation,
 * so that two clusters importing from each other never reference each other's stack both ways.
 */
import * as pulumi from "@pulumi/pulumi";
import { rejectUnknownKeys, requireDnsLabel, requireHostname, requireObject, requireString } from "../components/core/checks";
import { at, InputError } from "../components/core/input-error";
import { NamedKubeObject } from "../components/core/kube-object";
import { DeclaredAddress } from "../components/multinetwork/virtual-ips";
import { key } from "./config-key";
import { exclusiveStackKind } from "./stack-kind";

export const NETWORK_STACK_KEYS = ["networkGateway", "networkImports"] as const;
export type NetworkStackKind = (typeof NETWORK_STACK_KEYS)[number];

/** Which cross-network stack this is, if any; combined with any other kind its references could run both ways. */
export function networkStackKind(config: Record<string, string> = pulumi.runtime.allConfig()): NetworkStackKind | undefined {
    return exclusiveStackKind(
        NETWORK_STACK_KEYS,
        "the gateway and the imports are separate stacks (<cluster>-network, <cluster>-network-imports) so that references run one way",
        config,
    );
}

/**
 * The gateway and exports are as the config holds them: the component's resolver checks them whole
 * (`resolveCrossNetworkGatewayArgs`), before anything registers.
 */
export interface NetworkGatewaySettings {
    /** This cluster's `<cluster>-mesh` stack: its mesh ID and network. */
    meshStack: string;
    namespace?: string;
    clusterDomain?: string;
    gateway?: Record<string, unknown>;
    exports: unknown[];
}

/** `meshfed:networkGateway`; the exports and gateway settings are checked by the component, before it registers anything. */
export function readNetworkGatewaySettings(raw: unknown): NetworkGatewaySettings {
    const path = key("networkGateway");
    const s = requireObject(path, raw);
    rejectUnknownKeys(path, s, ["meshStack", "namespace", "clusterDomain", "gateway", "exports"]);
    if (!Array.isArray(s.exports) || s.exports.length === 0) {
        throw new InputError(at(path, "exports"), s.exports, "list the services the gateway passes through: - service: { name, namespace, port }, consumers: [<cluster>]");
    }
    return {
        meshStack: requireString(at(path, "meshStack"), s.meshStack),
        namespace: s.namespace === undefined ? undefined : requireDnsLabel(at(path, "namespace"), s.namespace),
        clusterDomain: s.clusterDomain === undefined ? undefined : requireHostname(at(path, "clusterDomain"), s.clusterDomain),
        gateway: s.gateway === undefined ? undefined : requireObject(at(path, "gateway"), s.gateway),
        exports: s.exports,
    };
}

/**
 * The imports, addresses and egress gateway are as the config holds them: the component's resolver checks
 * them whole (`resolveRemoteServicesArgs`), before anything registers.
 */
export interface NetworkImportsSettings {
    meshStack: string;
    /** The exporters, each its `<cluster>-network` stack. */
    peers: Record<string, { stack: string }>;
    imports: unknown[];
    addresses?: Record<string, unknown>;
    egressGateway?: Record<string, unknown>;
    clusterDomain?: string;
}

export function readNetworkImportsSettings(raw: unknown): NetworkImportsSettings {
    const path = key("networkImports");
    const s = requireObject(path, raw);
    rejectUnknownKeys(path, s, ["meshStack", "peers", "imports", "addresses", "egressGateway", "clusterDomain"]);
    const peers = requireObject(at(path, "peers"), s.peers);
    if (Object.keys(peers).length === 0) throw new InputError(at(path, "peers"), peers, "list the exporters: <cluster>: { stack: <its -network stack> }");
    const resolvedPeers = Object.fromEntries(
        Object.entries(peers).map(([name, p]) => {
            const pp = at(at(path, "peers"), name);
            requireDnsLabel(pp, name);
            const o = requireObject(pp, p);
            rejectUnknownKeys(pp, o, ["stack"]);
            return [name, { stack: requireString(at(pp, "stack"), o.stack) }];
        }),
    );
    if (!Array.isArray(s.imports) || s.imports.length === 0) throw new InputError(at(path, "imports"), s.imports, "list the services imported: - peer: <cluster>, service: { name, namespace }");
    const addresses = s.addresses === undefined ? undefined : requireObject(at(path, "addresses"), s.addresses);
    if (addresses) rejectUnknownKeys(at(path, "addresses"), addresses, ["mode", "block", "reserved", "loopbackCaptured"]);
    return {
        meshStack: requireString(at(path, "meshStack"), s.meshStack),
        peers: resolvedPeers,
        imports: s.imports,
        addresses,
        egressGateway: s.egressGateway === undefined ? undefined : requireObject(at(path, "egressGateway"), s.egressGateway),
        clusterDomain: s.clusterDomain === undefined ? undefined : requireHostname(at(path, "clusterDomain"), s.clusterDomain),
    };
}

/**
 * Addresses the stack's own extra objects declare (`meshfed:objects` ServiceEntries): VIPs never land on
 * them. Only strings can be addresses: anything else in `spec.addresses` is the API server's to refuse.
 */
export function declaredAddresses(objects: NamedKubeObject[]): DeclaredAddress[] {
    return objects
        .filter((o) => o.kind === "ServiceEntry")
        .flatMap((o) => addressesOf(o.spec).map((address) => ({ address, owner: `ServiceEntry ${o.metadata.namespace ?? "default"}/${o.metadata.name} (${key("objects")})` })));
}

function addressesOf(spec: unknown): string[] {
    const addresses = typeof spec === "object" && spec !== null && "addresses" in spec ? spec.addresses : undefined;
    return Array.isArray(addresses) ? addresses.filter((a): a is string => typeof a === "string") : [];
}
