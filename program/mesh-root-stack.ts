/**
 * The `mesh-root` stack: the shared root CA of a mesh. It reads each member's CA-request stack (a
 * certificate request, nothing more), signs it, and publishes the signed intermediates and the roots every
 * member trusts. It deploys nothing to any cluster and needs no kubeconfig.
 */
import * as pulumi from "@pulumi/pulumi";
import { at, InputError } from "../components/core/input-error";
import { CA_REQUEST_OUTPUT, MESH_CONTRACT_VERSION, MESH_ROOT_OUTPUT, MeshRootContract, readCaRequest, readStackOutput } from "../components/mesh/mesh-contracts";
import { resolveSharedRootArgs, ResolvedSharedRootArgs, SharedRoot } from "../components/mesh/shared-root";
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

/**
 * SharedRoot's args from the config and the members' requests, resolved whole: a certificate setting it
 * cannot take stops the stack before anything registers.
 */
export function resolveMeshRoot(settings: MeshRootSettings, requests: Record<string, string>): ResolvedSharedRootArgs {
    const { meshId, ca, intermediates, rollover } = settings;
    return resolveSharedRootArgs({ meshId, ca, intermediates, requests, rollover }, { path: key("meshRoot") });
}

export function meshRootStack(resolved: ResolvedSharedRootArgs): Record<string, unknown> {
    const { meshId, phase } = resolved.value;
    const root = new SharedRoot(`${meshId}-root`, resolved);
    const contract = pulumi.all([root.rootCertPem, pulumi.all(root.intermediates)]).apply(
        ([rootCertPem, intermediates]): MeshRootContract => ({ version: MESH_CONTRACT_VERSION, meshId, ...(phase ? { phase } : {}), rootCertPem, intermediates }),
    );
    return { meshId, [MESH_ROOT_OUTPUT]: contract };
}
