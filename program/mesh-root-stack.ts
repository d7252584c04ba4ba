/**
 * The `mesh-root` stack: the shared root CA of a mesh. It reads each member's CA-request stack (a
 * certificate request, nothing more), signs it, and publishes the signed intermediates and the roots every
 * member trusts. It deploys nothing to any cluster and needs no kubeconfig.
 */
import { at, InputError } from "../components/core/input-error";
import { CA_REQUEST_OUTPUT, MESH_CONTRACT_VERSION, MESH_ROOT_OUTPUT, MeshRootContract, readCaRequest, readStackOutput } from "../components/mesh/mesh-contracts";
import { SharedRoot } from "../components/mesh/shared-root";
import { key } from "./config-key";
import { MeshRootSettings } from "./mesh-settings";

/** Reads every member's request first: nothing is created until all are there and belong to this mesh. */
export async function readMemberRequests(settings: MeshRootSettings): Promise<Record<string, string>> {
    const requests: Record<string, string> = {};
    for (const [cluster, { stack }] of Object.entries(settings.clusters)) {
        const request = readCaRequest(stack, await readStackOutput(stack, CA_REQUEST_OUTPUT));
        const where = at(at(key("meshRoot"), "clusters"), cluster);
        if (request.cluster !== cluster) throw new InputError(at(where, "stack"), stack, `that stack requests the intermediate of ${request.cluster}, not ${cluster}`);
        if (request.meshId !== settings.meshId) {
            throw new InputError(at(where, "stack"), stack, `that cluster asks to join mesh ${request.meshId}, this root signs for ${settings.meshId}`);
        }
        requests[cluster] = request.certRequestPem;
    }
    return requests;
}

export function meshRootStack(settings: MeshRootSettings, requests: Record<string, string>): Record<string, unknown> {
    const root = new SharedRoot(`${settings.meshId}-root`, {
        meshId: settings.meshId,
        ca: settings.ca,
        intermediates: settings.intermediates,
        requests,
        rollover: settings.rollover,
    });
    const contract = {
        version: MESH_CONTRACT_VERSION,
        meshId: settings.meshId,
        ...(root.phase ? { phase: root.phase } : {}),
        rootCertPem: root.rootCertPem,
        intermediates: root.intermediates,
    };
    return { meshId: settings.meshId, [MESH_ROOT_OUTPUT]: contract as unknown as MeshRootContract };
}
