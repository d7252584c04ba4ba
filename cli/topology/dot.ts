/** The federation graph as Graphviz DOT, which `render-svg.ts` lays out: one box around each cluster. */
import { FederationGraph, TopologyNode } from "./graph";
import { EDGE_LINE, edgeText, NODE_FILL } from "./style";

const LINE_STYLE = { solid: 'style="solid"', dashed: 'style="dashed"', bold: 'style="bold", penwidth=2' } as const;

export function toDot(graph: FederationGraph): string {
    const node = (n: TopologyNode, indent: string) =>
        `${indent}${quote(n.id)} [label=${quote(n.label.join("\n"))}, fillcolor=${quote(NODE_FILL[n.kind])}];`;
    const lines = [
        "digraph federation {",
        '  graph [rankdir=LR, fontname="Helvetica", fontsize=12, nodesep=0.3, ranksep=0.8];',
        '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=10];',
        '  edge [fontname="Helvetica", fontsize=9, color="#444444"];',
    ];
    for (const cluster of graph.clusters) {
        // Graphviz draws a box around a subgraph only when its name starts with "cluster".
        lines.push(`  subgraph ${quote(`cluster_${cluster}`)} {`, `    label=${quote(`cluster ${cluster}`)}; style="rounded"; color="#888888";`);
        for (const n of graph.nodes.filter((x) => x.cluster === cluster)) lines.push(node(n, "    "));
        lines.push("  }");
    }
    for (const n of graph.nodes.filter((x) => x.cluster === undefined)) lines.push(node(n, "  "));
    for (const e of graph.edges) {
        lines.push(`  ${quote(e.from)} -> ${quote(e.to)} [label=${quote(edgeText(e).join("\n"))}, ${LINE_STYLE[EDGE_LINE[e.kind]]}];`);
    }
    lines.push("}");
    return lines.join("\n") + "\n";
}

/** A DOT double-quoted string: backslashes and quotes escaped, newlines as DOT's centred line break. */
function quote(text: string): string {
    return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;
}
