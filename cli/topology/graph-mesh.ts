/**
 * The shared root in the graph: mesh-root's root CA, the intermediate it signs for each cluster, and each
 * cluster's istiod that issues workload certificates with it and trusts the root. Read from the mesh-root
 * stack's `meshRoot` output and the mesh stacks' outputs.
 */
import { PlannedStack } from "./planned-stacks";
import { commonName, GraphParts, nodeId } from "./graph";

const MODEL = "shared root" as const;

interface MeshRoot { meshId: string; rootCertPem: string; intermediates: Record<string, { certPem: string }> }
interface MeshStack { cluster: string; meshId: string; network?: string; intermediateCertPem?: string; istio?: { namespace: string } }

export const rootId = (meshId: string) => nodeId("ca", "root", meshId);
export const intermediateId = (cluster: string) => nodeId("ca", cluster, "intermediate");
export const controlPlaneId = (cluster: string) => nodeId("cp", cluster);

export function sharedRootParts(stacks: PlannedStack[]): GraphParts {
    const parts: GraphParts = { nodes: [], edges: [] };
    for (const s of stacks) {
        const root = s.outputs.meshRoot as MeshRoot | undefined;
        if (!root) continue;
        parts.nodes.push({ id: rootId(root.meshId), kind: "ca", label: [commonName(root.rootCertPem) ?? `${root.meshId} root CA`, `shared root of ${root.meshId} (stack ${s.stack})`] });
        for (const [cluster, signed] of Object.entries(root.intermediates ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
            parts.nodes.push({ id: intermediateId(cluster), kind: "ca", cluster, label: [commonName(signed.certPem) ?? `${cluster} intermediate CA`, "Istio intermediate, key stays in the cluster"] });
            parts.edges.push({ from: rootId(root.meshId), to: intermediateId(cluster), kind: "signs", detail: "from the cluster's CSR", model: MODEL });
        }
    }
    for (const s of stacks) {
        const mesh = s.outputs as unknown as MeshStack;
        if (typeof mesh.intermediateCertPem !== "string" || !mesh.istio) continue;
        const id = controlPlaneId(mesh.cluster);
        parts.nodes.push({ id, kind: "controlPlane", cluster: mesh.cluster, label: ["istiod", `mesh ${mesh.meshId}${mesh.network ? `, ${mesh.network}` : ""}`, `ns ${mesh.istio.namespace}`] });
        if (parts.nodes.some((n) => n.id === intermediateId(mesh.cluster))) {
            parts.edges.push({ from: intermediateId(mesh.cluster), to: id, kind: "signs", detail: "workload certificates", model: MODEL });
        }
        if (parts.nodes.some((n) => n.id === rootId(mesh.meshId))) {
            parts.edges.push({ from: id, to: rootId(mesh.meshId), kind: "accepts", detail: "peers' workloads under the root", model: MODEL });
        }
    }
    return parts;
}
