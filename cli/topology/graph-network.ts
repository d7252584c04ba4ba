/**
 * Replicated control planes across networks in the graph: each cross-network gateway with the services it
 * passes through, and the remote services another cluster calls under local `.global` names. Read from the
 * network stacks' `networkGateway` output and the network-imports stacks' ServiceEntries (their records).
 */
import { PlannedStack } from "./planned-stacks";
import { addressText, GraphParts, nodeId } from "./graph";
import { HELM_RELEASE_TYPE } from "../../engine/kubernetes";

const MODEL = "replicated control planes" as const;

interface NetworkGateway {
    cluster: string;
    meshId: string;
    network: string;
    address?: unknown;
    port: number;
    services: { name: string; namespace: string; host: string; port: number; subsets: string[]; consumers: string[] }[];
}
interface ServiceEntrySpec { hosts: string[]; addresses?: string[]; endpoints?: { address: string; labels?: Record<string, string> }[] }

export const networkGatewayId = (cluster: string) => nodeId("gw", cluster, "network");
const networkEgressId = (cluster: string) => nodeId("gw", cluster, "network-egress");
const exportId = (cluster: string, host: string) => nodeId("export", cluster, host);
const importId = (cluster: string, ns: string, host: string) => nodeId("import", cluster, `${ns}/${host}`);

export function crossNetworkParts(stacks: PlannedStack[]): GraphParts {
    const parts: GraphParts = { nodes: [], edges: [] };
    const gateways = new Map<string, NetworkGateway>();
    for (const s of stacks) {
        const gw = s.outputs.networkGateway as NetworkGateway | undefined;
        if (!gw) continue;
        gateways.set(s.stack, gw);
        const ns = (s.outputs.gateway as { namespace?: string } | undefined)?.namespace;
        parts.nodes.push({
            id: networkGatewayId(gw.cluster),
            kind: "gateway",
            cluster: gw.cluster,
            label: ["cross-network gateway", ...(ns ? [`ns ${ns}`] : []), `${addressText(gw.address) ?? "?"}:${gw.port} ${gw.network}`, "SNI passthrough, listed hosts only"],
        });
        for (const svc of gw.services) {
            const id = exportId(gw.cluster, svc.host);
            const subsets = svc.subsets.length > 0 ? `subsets ${svc.subsets.join(", ")}` : "all pods";
            parts.nodes.push({ id, kind: "export", cluster: gw.cluster, label: [`export ${svc.namespace}/${svc.name}:${svc.port}`, subsets, `to ${svc.consumers.join(", ")}`] });
            parts.edges.push({ from: networkGatewayId(gw.cluster), to: id, kind: "serves" });
        }
    }
    for (const s of stacks) {
        const peers = s.references.map((r) => gateways.get(r)).filter((g): g is NetworkGateway => g !== undefined);
        if (peers.length === 0 || typeof s.outputs.cluster !== "string") continue;
        const cluster = s.outputs.cluster;
        const egress = s.records.find((r) => r.type === HELM_RELEASE_TYPE && r.inputs.chart === "gateway");
        if (egress) {
            parts.nodes.push({ id: networkEgressId(cluster), kind: "gateway", cluster, label: ["egress gateway", `ns ${String(egress.inputs.namespace)}`, "to peers' cross-network gateways"] });
        }
        for (const { object } of s.objects.filter((o) => o.object.kind === "ServiceEntry")) {
            const spec = object.spec as ServiceEntrySpec;
            const endpoint = spec.endpoints?.[0];
            const peer = peers.find((p) => p.cluster === endpoint?.labels?.cluster);
            const host = spec.hosts[0];
            const exported = peer?.services.find((svc) => `${svc.name}.${svc.namespace}.global` === host);
            if (!peer || !exported) continue;
            const ns = object.metadata.namespace ?? "default";
            const id = importId(cluster, ns, host);
            parts.nodes.push({ id, kind: "import", cluster, label: [`import as ${host}`, `ns ${ns}, VIP ${spec.addresses?.[0] ?? "none"}`] });
            parts.edges.push({ from: exportId(peer.cluster, exported.host), to: id, kind: "imported as", model: MODEL });
            // An endpoint that is the peer gateway's address goes there directly; any other is the local egress gateway.
            const direct = endpoint?.address === addressText(peer.address);
            const client = !direct && egress ? networkEgressId(cluster) : id;
            if (client !== id) parts.edges.push({ from: id, to: client, kind: "via" });
            parts.edges.push({ from: client, to: networkGatewayId(peer.cluster), kind: "connects", detail: `mTLS passthrough :${peer.port}`, model: MODEL });
        }
    }
    return parts;
}
