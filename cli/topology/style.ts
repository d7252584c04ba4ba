/** How the graph looks, shared by the Mermaid and DOT writers so both drawings read the same. */
import { EdgeKind, NodeKind, TopologyEdge } from "./graph";

/** Fill colour per node kind: CAs warm, gateways blue, what crosses clusters green. */
export const NODE_FILL: Record<NodeKind, string> = {
    ca: "#fde2b8",
    gateway: "#cfe3ff",
    controlPlane: "#e4dcf7",
    export: "#d5f0d5",
    import: "#f0f7d0",
};

/** Trust is dashed (it is configuration, not traffic); traffic between clusters is bold. */
export const EDGE_LINE: Record<EdgeKind, "solid" | "dashed" | "bold"> = {
    accepts: "dashed",
    signs: "dashed",
    serves: "solid",
    "imported as": "solid",
    via: "solid",
    connects: "bold",
};

/** An edge's caption: what it is, what it carries, and the model of the pair it joins. */
export function edgeText(edge: TopologyEdge): string[] {
    return [edge.detail ? `${edge.kind}: ${edge.detail}` : edge.kind, ...(edge.model ? [`[${edge.model}]`] : [])];
}
