/**
 * Writes `federation.mmd` and `federation.svg` next to the stack folders of a plan directory. The SVG is laid
 * out by Graphviz itself (compiled to WebAssembly, `@viz-js/viz`): Mermaid's own renderer needs a browser.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { instance } from "@viz-js/viz";
import { buildFederationGraph, FederationGraph } from "./graph";
import { readPlannedStacks } from "./planned-stacks";
import { toMermaid } from "./mermaid";
import { toDot } from "./dot";

export const MERMAID_FILE = "federation.mmd";
export const SVG_FILE = "federation.svg";

/** Lays a DOT graph out as SVG. */
export async function renderSvg(dot: string): Promise<string> {
    const viz = await instance();
    return viz.renderString(dot, { format: "svg", engine: "dot" });
}

/** Draws every stack planned in `outDir`; returns the graph and the files written. */
export async function writeTopology(outDir: string): Promise<{ graph: FederationGraph; files: string[] }> {
    const graph = buildFederationGraph(readPlannedStacks(outDir));
    const files = [path.join(outDir, MERMAID_FILE), path.join(outDir, SVG_FILE)];
    fs.writeFileSync(files[0], toMermaid(graph));
    fs.writeFileSync(files[1], await renderSvg(toDot(graph)));
    return { graph, files };
}
