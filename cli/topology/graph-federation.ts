/**
 * Gateway federation in the graph: per-cluster CAs, private ingress and egress gateways, exported names and
 * the imports that consume them. Read from the identity stacks' contract and gateways outputs and the
 * federation stacks' exports (admitted consumers) and imports outputs.
 */
import { PlannedStack } from "./planned-stacks";
import { addressText, commonName, GraphParts, nodeId, TopologyNode } from "./graph";

const MODEL = "gateway federation" as const;

interface Contract { cluster: string; host: string; address?: unknown; port?: number; caCertPem?: string }
interface Gateways { ingress?: { namespace: string; port: number }; egress?: { namespace: string; serviceHost?: string } }
interface AdmittedExport {
    exportAs: { name: string; namespace: string };
    service: { name: string; namespace: string; port: number };
    subset?: { name: string };
    pathPrefix: string;
    consumers: { cluster: string; caBundleName: string; sni: string }[];
}
interface Import {
    peer: string;
    service: { name: string; namespace: string };
    as: { name: string; namespace: string; port: number };
    via: string;
    sni: string;
    caBundleName: string;
    canary?: Record<string, Record<string, string>>;
    remoteWeight?: number;
    localSubset?: string;
}

export const caId = (cluster: string) => nodeId("ca", cluster);
export const ingressId = (cluster: string) => nodeId("gw", cluster, "ingress");
export const egressId = (cluster: string) => nodeId("gw", cluster, "egress");
const exportId = (cluster: string, s: { namespace: string; name: string }) => nodeId("export", cluster, `${s.namespace}/${s.name}`);
const importId = (cluster: string, s: { namespace: string; name: string }) => nodeId("import", cluster, `${s.namespace}/${s.name}`);

export function gatewayFederationParts(stacks: PlannedStack[]): GraphParts {
    const nodes: TopologyNode[] = [];
    const fallbacks: TopologyNode[] = [];
    const edges: GraphParts["edges"] = [];
    // Identity stacks first: their nodes carry addresses and CA names; a federation stack only adds what a
    // peer outside meshfed (an inline contract) leaves undrawn.
    for (const s of stacks) {
        const contract = s.outputs.federation as Contract | undefined;
        if (!contract) continue;
        const c = contract.cluster;
        nodes.push({ id: caId(c), kind: "ca", cluster: c, label: [commonName(contract.caCertPem) ?? `${c} federation CA`, "federation root"] });
        const gw = (s.outputs.gateways ?? {}) as Gateways;
        if (gw.ingress) {
            const where = `${addressText(contract.address) ?? "?"}:${contract.port ?? gw.ingress.port}`;
            nodes.push({ id: ingressId(c), kind: "gateway", cluster: c, label: ["ingress gateway", `ns ${gw.ingress.namespace}`, `${contract.host} ${where}`] });
        }
        if (gw.egress) nodes.push({ id: egressId(c), kind: "gateway", cluster: c, label: ["egress gateway", `ns ${gw.egress.namespace}`, "port 443 (mesh mTLS)"] });
    }
    for (const s of stacks) {
        const c = typeof s.outputs.cluster === "string" ? s.outputs.cluster : s.stack;
        for (const e of admittedExports(s)) {
            const id = exportId(c, e.exportAs);
            const local = `${e.service.namespace}/${e.service.name}:${e.service.port}${e.subset ? ` subset ${e.subset.name}` : ""}`;
            nodes.push({ id, kind: "export", cluster: c, label: [`export ${e.exportAs.namespace}/${e.exportAs.name}`, `local ${local}`, `path ${e.pathPrefix}`] });
            edges.push({ from: ingressId(c), to: id, kind: "serves" });
            for (const consumer of e.consumers) {
                edges.push({ from: ingressId(c), to: caId(consumer.cluster), kind: "accepts", detail: `${consumer.caBundleName} (SNI ${consumer.sni})`, model: MODEL });
            }
        }
        for (const i of importsOf(s)) {
            const id = importId(c, i.as);
            nodes.push({ id, kind: "import", cluster: c, label: [`import as ${i.as.namespace}/${i.as.name}:${i.as.port}`, ...routingLines(i)] });
            fallbacks.push(
                { id: caId(i.peer), kind: "ca", cluster: i.peer, label: [`${i.peer} CA`, "from its contract"] },
                { id: exportId(i.peer, i.service), kind: "export", cluster: i.peer, label: [`export ${i.service.namespace}/${i.service.name}`] },
            );
            edges.push({ from: exportId(i.peer, i.service), to: id, kind: "imported as", detail: `${i.service.namespace}/${i.service.name}`, model: MODEL });
            const client = i.via === "egressGateway" ? egressId(c) : id;
            if (client !== id) edges.push({ from: id, to: client, kind: "via" });
            edges.push({ from: client, to: caId(i.peer), kind: "accepts", detail: i.caBundleName, model: MODEL });
            if (stacks.some((p) => (p.outputs.federation as Contract | undefined)?.cluster === i.peer && (p.outputs.gateways as Gateways)?.ingress)) {
                edges.push({ from: client, to: ingressId(i.peer), kind: "connects", detail: `mTLS SNI ${i.sni}`, model: MODEL });
            }
        }
    }
    return { nodes: [...nodes, ...fallbacks], edges };
}

/** A federation stack's exports with the consumers it admits (an identity stack lists consumers as names). */
function admittedExports(s: PlannedStack): AdmittedExport[] {
    const exports = Array.isArray(s.outputs.exports) ? (s.outputs.exports as AdmittedExport[]) : [];
    return exports.filter((e) => Array.isArray(e.consumers) && e.consumers.every((c) => typeof c === "object"));
}

function importsOf(s: PlannedStack): Import[] {
    return Array.isArray(s.outputs.imports) ? (s.outputs.imports as Import[]) : [];
}

/** How an import splits its callers between the peer and the local service. */
function routingLines(i: Import): string[] {
    const lines: string[] = [];
    for (const [header, match] of Object.entries(i.canary ?? {})) {
        lines.push(`canary ${header} ${Object.entries(match).map(([op, v]) => `${op} ${v}`).join(", ")} → ${i.peer}`);
    }
    if (i.remoteWeight !== undefined) lines.push(`others ${i.remoteWeight}% ${i.peer}, ${100 - i.remoteWeight}% local${i.localSubset ? ` ${i.localSubset}` : ""}`);
    return lines;
}
