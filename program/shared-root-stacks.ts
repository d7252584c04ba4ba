/**
 * Composes the stacks of a shared-root mesh, each read and checked whole (and the stacks it references
 * awaited) before anything is created: `mesh-root` deploys to no cluster; `<cluster>-ca-request` and
 * `<cluster>-mesh` deploy to their cluster through its explicit provider, like every meshfed stack.
 */
import * as pulumi from "@pulumi/pulumi";
import { withCluster } from "./cluster-stack";
import { caRequestStack, resolveCaRequestPlan } from "./ca-request-stack";
import { PROJECT } from "./config-key";
import { meshRootStack, readMemberRequests, resolveMeshRoot } from "./mesh-root-stack";
import { MeshMemberSettings, MeshStackKind, readCaRequestSettings, readMeshMemberSettings, readMeshRootSettings } from "./mesh-settings";
import { MeshMemberPlan, meshStack, readMeshMemberInputs, resolveMeshMember } from "./mesh-stack";
import { readSettings } from "./settings";

export async function sharedRootStack(kind: MeshStackKind, config = new pulumi.Config(PROJECT)): Promise<Record<string, unknown>> {
    if (kind === "meshRoot") {
        const root = readMeshRootSettings(config.requireObject(kind));
        return meshRootStack(resolveMeshRoot(root, await readMemberRequests(root)));
    }
    // The cluster, its kubeconfig and extra objects are read as in every cluster stack.
    const settings = readSettings(config);
    const name = settings.cluster.name;
    // Each component's args resolved once, before the cluster's provider registers: bad input registers nothing.
    const request = kind === "caRequest" ? resolveCaRequestPlan(name, readCaRequestSettings(config.requireObject(kind))) : undefined;
    const member = kind === "mesh" ? await readMeshMember(name, readMeshMemberSettings(config.requireObject(kind))) : undefined;

    return withCluster(settings, (provider) => (request ? caRequestStack(name, request, provider) : meshStack(name, member!, provider)));
}

async function readMeshMember(cluster: string, settings: MeshMemberSettings): Promise<MeshMemberPlan> {
    return resolveMeshMember(cluster, settings, await readMeshMemberInputs(cluster, settings));
}
