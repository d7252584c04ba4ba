/**
 * `meshfed:exports` (identity stack) and `meshfed:federation` (federation stack): what a cluster offers,
 * and which peers it federates with and what it imports from them.
 */
import { rejectUnknownKeys, requireDnsLabel, requireObject, requireString } from "../components/core/checks";
import { InputError } from "../components/core/input-error";
import { ResolvedExport, resolveExports } from "../components/federation/export-specs";
import { OutlierDetection, ResolvedImport, resolveImports, resolveOutlierDetection } from "../components/federation/import-specs";
import { joinBundle } from "../components/trust/pem-bundle";
import { key } from "./config-key";

export interface PeerSettings {
    /** The peer's identity stack, as a StackReference name (`acme/meshfed/cluster2`). */
    stack: string;
    outlierDetection: Required<OutlierDetection>;
}

export interface FederationSettings {
    /** This cluster's own identity stack. */
    identityStack: string;
    peers: Record<string, PeerSettings>;
    imports: ResolvedImport[];
    /** CA certificates (PEM) of peers outside meshfed, accepted by both gateways. */
    trustedCaCertificates: string[];
}

export function readExports(raw: unknown, clusterName: string): ResolvedExport[] {
    return resolveExports(key("exports"), raw, clusterName);
}

export function readFederation(raw: unknown, clusterName: string): FederationSettings {
    const path = key("federation");
    const f = requireObject(path, raw);
    rejectUnknownKeys(path, f, ["identityStack", "peers", "imports", "trustedCaCertificates"]);
    const trusted = f.trustedCaCertificates ?? [];
    if (!Array.isArray(trusted)) throw new InputError(`${path}.trustedCaCertificates`, trusted, "expected a list of PEM certificates");
    if (trusted.length > 0) joinBundle(`${path}.trustedCaCertificates`, trusted as string[]);
    const peersRaw = requireObject(`${path}.peers`, f.peers ?? {});
    const peers: Record<string, PeerSettings> = {};
    for (const [name, value] of Object.entries(peersRaw)) {
        const p = `${path}.peers.${name}`;
        requireDnsLabel(p, name);
        if (name === clusterName) throw new InputError(p, value, "a cluster is not its own peer: its identity stack is identityStack");
        const peer = typeof value === "string" ? { stack: value } : requireObject(p, value);
        rejectUnknownKeys(p, peer, ["stack", "outlierDetection"]);
        peers[name] = {
            stack: requireString(`${p}.stack`, peer.stack),
            outlierDetection: resolveOutlierDetection(`${p}.outlierDetection`, peer.outlierDetection),
        };
    }
    const imports = resolveImports(`${path}.imports`, f.imports);
    imports.forEach((i, n) => {
        if (!peers[i.peer]) {
            throw new InputError(`${path}.imports[${n}].peer`, i.peer, `not a configured peer; configured: ${Object.keys(peers).sort().join(", ") || "none"}`);
        }
    });
    return { identityStack: requireString(`${path}.identityStack`, f.identityStack), peers, imports, trustedCaCertificates: trusted as string[] };
}
