/** The federation graph as Mermaid flowchart source (`out/federation.mmd`), one subgraph per cluster. */
import { FederationGraph, TopologyNode } from "./graph";
import { EDGE_LINE, edgeText, NODE_FILL } from "./style";

const ARROW = { solid: "-->", dashed: "-.->", bold: "==>" } as const;

export function toMermaid(graph: FederationGraph): string {
    const ids = mermaidIds(graph.nodes);
    const node = (n: TopologyNode) => `${ids.get(n.id)}["${n.label.map(escape).join("<br/>")}"]:::${n.kind}`;
    const lines = ["flowchart LR", "  %% meshfed federation, written by npm run plan from the planned stacks"];
    for (const cluster of graph.clusters) {
        lines.push(`  subgraph ${clusterId(cluster)}["cluster ${escape(cluster)}"]`);
        for (const n of graph.nodes.filter((x) => x.cluster === cluster)) lines.push(`    ${node(n)}`);
        lines.push("  end");
    }
    for (const n of graph.nodes.filter((x) => x.cluster === undefined)) lines.push(`  ${node(n)}`);
    for (const e of graph.edges) {
        lines.push(`  ${ids.get(e.from)} ${ARROW[EDGE_LINE[e.kind]]}|"${edgeText(e).map(escape).join("<br/>")}"| ${ids.get(e.to)}`);
    }
    for (const [kind, fill] of Object.entries(NODE_FILL)) lines.push(`  classDef ${kind} fill:${fill},stroke:#555`);
    return lines.join("\n") + "\n";
}

/** Mermaid ids are word characters; distinct graph ids stay distinct (a suffix when two sanitize alike). */
function mermaidIds(nodes: TopologyNode[]): Map<string, string> {
    const ids = new Map<string, string>();
    const used = new Set<string>();
    for (const n of nodes) {
        const base = `n_${n.id.replace(/\W/g, "_")}`;
        let id = base;
        for (let i = 2; used.has(id); i++) id = `${base}_${i}`;
        used.add(id);
        ids.set(n.id, id);
    }
    return ids;
}

const clusterId = (cluster: string) => `cluster_${cluster.replace(/\W/g, "_")}`;

/** Quotes end a Mermaid label: written as the entity Mermaid understands. */
const escape = (text: string) => text.replace(/"/g, "#quot;");
