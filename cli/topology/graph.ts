/**
 * The federation as a graph, built once from the planned stacks (a pure function of their outputs and
 * records) and then written as Mermaid and as Graphviz DOT: the two drawings cannot disagree.
 */
import { X509Certificate } from "node:crypto";
import { PlannedStack } from "./planned-stacks";
import { gatewayFederationParts } from "./graph-federation";
import { sharedRootParts } from "./graph-mesh";
import { crossNetworkParts } from "./graph-network";
import { primaryRemoteParts } from "./graph-primary";

/** How two clusters are joined; each stack kind belongs to one. */
export type FederationModel =
    /** Per-cluster roots, private mTLS gateways, exported names (identity and federation stacks). */
    | "gateway federation"
    /** One root signs every cluster's Istio intermediate (mesh-root, ca-request and mesh stacks). */
    | "shared root"
    /** Each cluster's istiod, SNI passthrough on a cross-network gateway (network and network-imports stacks). */
    | "replicated control planes"
    /** The primary's istiod serves the remotes' proxies through its east-west gateway (primary and remote stacks). */
    | "one control plane";

export type NodeKind = "ca" | "gateway" | "controlPlane" | "export" | "import";

export interface TopologyNode {
    id: string;
    kind: NodeKind;
    /** Lines of the label; the first names the node. */
    label: string[];
    /** The cluster drawn around it; none for a CA of no cluster (a shared root). */
    cluster?: string;
}

export type EdgeKind =
    /** A gateway (or control plane) accepts certificates issued under this CA. */
    | "accepts"
    /** A CA signs another's certificate. */
    | "signs"
    /** A gateway serves an exported service. */
    | "serves"
    /** An exported service is imported by a consumer under a local name. */
    | "imported as"
    /** An import leaves through a gateway. */
    | "via"
    /** Traffic between two clusters' gateways. */
    | "connects";

export interface TopologyEdge {
    from: string;
    to: string;
    kind: EdgeKind;
    /** What the edge carries: a bundle name, an SNI, a model. */
    detail?: string;
    model?: FederationModel;
}

export interface FederationGraph {
    /** Every cluster named by a planned stack, sorted. */
    clusters: string[];
    nodes: TopologyNode[];
    edges: TopologyEdge[];
}

/** What one model contributes; node ids are global, so parts merge by id. */
export interface GraphParts {
    nodes: TopologyNode[];
    edges: TopologyEdge[];
}

/** Builds the graph of every planned stack. Deterministic: same plans, same graph, same order. */
export function buildFederationGraph(stacks: PlannedStack[]): FederationGraph {
    const parts = [gatewayFederationParts(stacks), sharedRootParts(stacks), crossNetworkParts(stacks), primaryRemoteParts(stacks)];
    const nodes = new Map<string, TopologyNode>();
    for (const node of parts.flatMap((p) => p.nodes)) if (!nodes.has(node.id)) nodes.set(node.id, node);
    // Several imports through one gateway draw its connection once.
    const edges = [...new Map(parts.flatMap((p) => p.edges).map((e) => [JSON.stringify(e), e])).values()];
    for (const e of edges) {
        for (const end of [e.from, e.to]) if (!nodes.has(end)) throw new Error(`topology: edge ${e.from} → ${e.to} names no node ${end}`);
    }
    // A peer outside meshfed (an inline contract) is a cluster too, though no stack here deploys to it.
    const named = [...stacks.map((s) => clusterOf(s)), ...[...nodes.values()].map((n) => n.cluster)];
    const clusters = [...new Set(named.filter((c): c is string => c !== undefined))].sort();
    return { clusters, nodes: [...nodes.values()], edges };
}

/** The cluster a planned stack deploys to (its `cluster` output); a mesh root has none. */
export function clusterOf(stack: PlannedStack): string | undefined {
    const cluster = stack.outputs.cluster;
    return typeof cluster === "string" ? cluster : undefined;
}

/** A certificate's subject common name, to label a CA by the name it signs with. */
export function commonName(pem: unknown): string | undefined {
    if (typeof pem !== "string" || !pem.includes("BEGIN CERTIFICATE")) return undefined;
    try {
        return /CN=([^\n]+)/.exec(new X509Certificate(pem).subject)?.[1];
    } catch {
        return undefined;
    }
}

/** `{ ip }` or `{ hostname }` as one string. */
export function addressText(address: unknown): string | undefined {
    const a = (address ?? {}) as { ip?: string; hostname?: string };
    return a.ip ?? a.hostname;
}

export const nodeId = (...parts: string[]) => parts.join(":");
