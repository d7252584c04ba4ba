/**
 * One control plane across networks in the graph: the primary's east-west gateway (istiod's ports and the
 * exported services), each remote's gateway, the remote's proxies reaching the primary's istiod through it,
 * and the remote secret with which the primary watches the remote. Read from the primary, remote and
 * primary-remotes stacks' outputs.
 */
import { PlannedStack } from "./planned-stacks";
import { addressText, GraphParts, nodeId } from "./graph";
import { controlPlaneId } from "./graph-mesh";

const MODEL = "one control plane" as const;

interface Primary { address?: unknown; cluster: string; gatewayNamespace: string; network: string; port: number }
interface Remote { cluster: string; network: string; primary: string }

const primaryGatewayId = (cluster: string) => nodeId("gw", cluster, "east-west");
const remoteGatewayId = (cluster: string) => nodeId("gw", cluster, "remote");

export function primaryRemoteParts(stacks: PlannedStack[]): GraphParts {
    const parts: GraphParts = { nodes: [], edges: [] };
    for (const s of stacks) {
        const primary = s.outputs.primaryControlPlane as Primary | undefined;
        if (!primary) continue;
        const gw = primaryGatewayId(primary.cluster);
        parts.nodes.push({ id: gw, kind: "gateway", cluster: primary.cluster, label: ["east-west gateway", `ns ${primary.gatewayNamespace}`, `${addressText(primary.address) ?? "?"}:${primary.port} ${primary.network}`, "istiod ports for remotes"] });
        for (const svc of (s.outputs.services ?? []) as { name: string; namespace: string; port: number; consumers: string[] }[]) {
            const id = nodeId("export", primary.cluster, `${svc.namespace}/${svc.name}`);
            parts.nodes.push({ id, kind: "export", cluster: primary.cluster, label: [`export ${svc.namespace}/${svc.name}:${svc.port}`, `to ${svc.consumers.join(", ")}`] });
            parts.edges.push({ from: gw, to: id, kind: "serves" });
        }
    }
    for (const s of stacks) {
        const remote = s.outputs.remoteCluster as Remote | undefined;
        if (!remote) continue;
        const gateway = s.outputs.gateway as { address?: unknown; namespace: string } | undefined;
        const from = remoteGatewayId(remote.cluster);
        parts.nodes.push({ id: from, kind: "gateway", cluster: remote.cluster, label: ["remote gateway (no istiod here)", ...(gateway ? [`ns ${gateway.namespace}`, `${addressText(gateway.address) ?? "?"} ${remote.network}`] : [])] });
        parts.edges.push({ from, to: primaryGatewayId(remote.primary), kind: "connects", detail: "xDS, certificates, cross-network mTLS", model: MODEL });
        if (stacks.some((p) => p.outputs.intermediateCertPem && p.outputs.cluster === remote.primary)) {
            parts.edges.push({ from: controlPlaneId(remote.primary), to: from, kind: "signs", detail: "the remote's workload certificates", model: MODEL });
        }
    }
    return parts;
}
