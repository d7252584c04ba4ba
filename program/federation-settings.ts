/**
 * `meshfed:federation` (federation stack): which peers a cluster federates with and what it imports from
 * them. The imports, outlier detection and DNS-proxy setting go as they are to FederationStack's resolver,
 * which names this key; the config's own shape (peers by stack or inline contract) is checked here.
 */
import { rejectUnknownKeys, requireDnsLabel, requireObject, requireString } from "../components/core/checks";
import { InputError } from "../components/core/input-error";
import { joinBundle } from "../components/trust/pem-bundle";
import { checkContract, CONTRACT_VERSION, FederationContract } from "../components/federation/contract";
import { key } from "./config-key";

export interface PeerSettings {
    /** The peer's identity stack, as a StackReference name (`acme/meshfed/cluster2`). */
    stack?: string;
    /** A peer outside meshfed: its contract written out (host, CA, address, port, services). */
    contract?: FederationContract;
    /** Ejection of the peer's gateway endpoints as configured, or false: ServiceImports' resolver checks it. */
    outlierDetection: unknown;
}

export interface FederationSettings {
    /** This cluster's own identity stack. */
    identityStack: string;
    peers: Record<string, PeerSettings>;
    /** As configured: ServiceImports' resolver checks them against the peers' contracts. */
    imports: unknown;
    /** The callers' sidecars run Istio's DNS proxy (see ServiceImportsArgs.dnsProxy), as configured. */
    dnsProxy: unknown;
}

export function readFederation(raw: unknown, clusterName: string): FederationSettings {
    const path = key("federation");
    const f = requireObject(path, raw);
    if (f.trustedCaCertificates !== undefined) {
        throw new InputError(
            `${path}.trustedCaCertificates`,
            "(set)",
            `a pooled list of CAs would let any of them issue another peer's identity: declare each peer outside meshfed as ${path}.peers.<name>.contract (host, caCertPem, and address and port if it exports), so it is trusted for its own identity only`,
        );
    }
    rejectUnknownKeys(path, f, ["identityStack", "peers", "imports", "dnsProxy"]);
    const peersRaw = requireObject(`${path}.peers`, f.peers ?? {});
    const peers: Record<string, PeerSettings> = {};
    for (const [name, value] of Object.entries(peersRaw)) {
        const p = `${path}.peers.${name}`;
        requireDnsLabel(p, name);
        if (name === clusterName) throw new InputError(p, value, "a cluster is not its own peer: its identity stack is identityStack");
        const peer = typeof value === "string" ? { stack: value } : requireObject(p, value);
        rejectUnknownKeys(p, peer, ["stack", "contract", "outlierDetection"]);
        if ((peer.stack === undefined) === (peer.contract === undefined)) {
            throw new InputError(p, value, "expected either stack (the peer's meshfed identity stack) or contract (a peer outside meshfed), not both");
        }
        peers[name] = {
            stack: peer.stack === undefined ? undefined : requireString(`${p}.stack`, peer.stack),
            contract: peer.contract === undefined ? undefined : readInlineContract(`${p}.contract`, name, peer.contract),
            outlierDetection: peer.outlierDetection,
        };
    }
    return { identityStack: requireString(`${path}.identityStack`, f.identityStack), peers, imports: f.imports, dnsProxy: f.dnsProxy };
}

/** A peer outside meshfed, described in the stack config with the fields a meshfed peer publishes. */
function readInlineContract(path: string, cluster: string, raw: unknown): FederationContract {
    const c = requireObject(path, raw);
    rejectUnknownKeys(path, c, ["host", "caCertPem", "address", "port", "services"]);
    joinBundle(`${path}.caCertPem`, [requireString(`${path}.caCertPem`, c.caCertPem)]);
    return checkContract(path, { version: CONTRACT_VERSION, cluster, services: [], ...c });
}
