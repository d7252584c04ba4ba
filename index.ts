/**
 * The meshfed program: one cluster per stack, each cluster with two stacks. Its identity stack
 * (`meshfed:trust`) owns the CA, credentials and private gateways and publishes the federation contract;
 * its federation stack (`meshfed:federation`) reads identity stacks and wires exports and imports. The
 * config is read and checked whole, and peers' contracts awaited, before anything is created.
 */
import { withCluster } from "./program/cluster-stack";
import { federationStack, readFederationStack } from "./program/federation-stack";
import { identityStack } from "./program/identity-stack";
import { readSettings } from "./program/settings";
import { meshStackKind } from "./program/mesh-settings";
import { sharedRootStack } from "./program/shared-root-stacks";
import { networkStackKind } from "./program/multinetwork-settings";
import { multinetworkStack } from "./program/multinetwork-stacks";
import { primaryRemoteStackKind } from "./program/primary-remote-settings";
import { primaryRemoteStack } from "./program/primary-remote-stacks";

export default async function meshfed(): Promise<Record<string, unknown>> {
    // A shared-root mesh's stacks (mesh-root, <cluster>-ca-request, <cluster>-mesh) are composed apart.
    const meshKind = meshStackKind();
    if (meshKind) return sharedRootStack(meshKind);
    // Replicated control planes' cross-network stacks (<cluster>-network, <cluster>-network-imports) too.
    const networkKind = networkStackKind();
    if (networkKind) return multinetworkStack(networkKind);
    // One control plane across networks (<primary>-primary, <remote>-remote, <primary>-remotes) too.
    const primaryRemoteKind = primaryRemoteStackKind();
    if (primaryRemoteKind) return primaryRemoteStack(primaryRemoteKind);
    const settings = readSettings();
    const { federation, identity } = settings;
    const federationArgs = federation ? await readFederationStack({ ...settings, federation }) : undefined;

    const name = settings.cluster.name;
    return withCluster(settings, (provider) => {
        if (identity) return identityStack(name, identity, provider);
        if (federationArgs) return federationStack(name, federationArgs, provider);
        return { cluster: name };
    });
}
