/**
 * Composes the stacks of a shared-root mesh, each read and checked whole (and the stacks it references
 * awaited) before anything is created: `mesh-root` deploys to no cluster; `<cluster>-ca-request` and
 * `<cluster>-mesh` deploy to their cluster through its explicit provider, like every meshfed stack.
 */
import * as pulumi from "@pulumi/pulumi";
import { Cluster, ClusterObjects } from "../components";
import { caRequestStack } from "./ca-request-stack";
import { PROJECT } from "./config-key";
import { meshRootStack, readMemberRequests } from "./mesh-root-stack";
import { MeshStackKind, readCaRequestSettings, readMeshMemberSettings, readMeshRootSettings } from "./mesh-settings";
import { meshStack, readMeshMemberInputs } from "./mesh-stack";
import { readSettings } from "./settings";

export async function sharedRootStack(kind: MeshStackKind, config = new pulumi.Config(PROJECT)): Promise<Record<string, unknown>> {
    if (kind === "meshRoot") {
        const root = readMeshRootSettings(config.requireObject(kind));
        return meshRootStack(root, await readMemberRequests(root));
    }
    // The cluster, its kubeconfig and extra objects are read as in every cluster stack.
    const settings = readSettings(config);
    const name = settings.cluster.name;
    const request = kind === "caRequest" ? readCaRequestSettings(config.requireObject(kind), name) : undefined;
    const member = kind === "mesh" ? readMeshMemberSettings(config.requireObject(kind)) : undefined;
    const inputs = member ? await readMeshMemberInputs(name, member) : undefined;

    const cluster = new Cluster(name, { name, kubeconfig: settings.kubeconfig, context: settings.cluster.context });
    const outputs = request ? caRequestStack(name, request, cluster.provider) : meshStack(name, member!, inputs!, cluster.provider);
    if (settings.objects.length > 0) {
        new ClusterObjects(`${name}-objects`, { provider: cluster.provider, objects: settings.objects });
    }
    return outputs;
}
