/**
 * Composes the cross-network stacks: each reads its own `<cluster>-mesh` stack (mesh ID, network) and, for
 * imports, its peers' `<cluster>-network` stacks, all awaited and checked (the components' args included)
 * before anything is created, the cluster's provider first among them.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { at, InputError } from "../components/core/input-error";
import { readStackOutput } from "../components/mesh/mesh-contracts";
import { CrossNetworkGateway, UncheckedCrossNetworkGatewayArgs, resolveCrossNetworkGatewayArgs, ResolvedCrossNetworkGatewayArgs } from "../components/multinetwork/cross-network-gateway";
import { NETWORK_CONTRACT_VERSION, NETWORK_GATEWAY_OUTPUT, NetworkGatewayContract, readNetworkContract } from "../components/multinetwork/network-contract";
import { RemoteServices, UncheckedRemoteServicesArgs, resolveRemoteServicesArgs } from "../components/multinetwork/remote-services";
import { key, PROJECT } from "./config-key";
import { declaredAddresses, NetworkGatewaySettings, NetworkImportsSettings, NetworkStackKind, readNetworkGatewaySettings, readNetworkImportsSettings } from "./multinetwork-settings";
import { withCluster } from "./cluster-stack";
import { readSettings, Settings } from "./settings";

export interface MeshPlace {
    meshId: string;
    network: string;
}

/** The cluster's place in its shared-root mesh, from its `<cluster>-mesh` stack. */
export async function readMeshPlace(path: string, stack: string, cluster: string): Promise<MeshPlace> {
    // One StackReference per stack: a second one of the same name would be a duplicate URN.
    const ref = new pulumi.StackReference(stack);
    const [owner, meshId, network] = await Promise.all(
        ["cluster", "meshId", "network"].map(async (o) => {
            const details = await ref.getOutputDetails(o);
            if (typeof details.value !== "string") throw new Error(`stack "${stack}": output ${o} is missing; is it a meshfed <cluster>-mesh stack, planned or deployed?`);
            return details.value;
        }),
    );
    if (owner !== cluster) throw new InputError(at(path, "meshStack"), stack, `that stack is the mesh stack of ${String(owner)}, not ${cluster}`);
    return { meshId: String(meshId), network: String(network) };
}

export async function multinetworkStack(kind: NetworkStackKind, config = new pulumi.Config(PROJECT)): Promise<Record<string, unknown>> {
    const settings = readSettings(config);
    const name = settings.cluster.name;
    if (kind === "networkGateway") {
        const gw = readNetworkGatewaySettings(config.requireObject(kind));
        const place = await readMeshPlace(key(kind), gw.meshStack, name);
        // The exports and gateway settings are the component's to resolve: checked before the provider
        // registers, and the resolution handed to the component, which resolves nothing again.
        const resolved = resolveCrossNetworkGatewayArgs(gatewayArgs(name, gw, place), { path: key("networkGateway") });
        return withCluster(settings, (provider) => gatewayStack(name, place, resolved, provider));
    }
    const imp = readNetworkImportsSettings(config.requireObject(kind));
    const place = await readMeshPlace(key(kind), imp.meshStack, name);
    const peers: Record<string, NetworkGatewayContract> = {};
    for (const [peer, { stack }] of Object.entries(imp.peers)) {
        const contract = readNetworkContract(stack, await readStackOutput(stack, NETWORK_GATEWAY_OUTPUT));
        if (contract.cluster !== peer) throw new InputError(`${key(kind)}.peers.${peer}.stack`, stack, `that stack is the network gateway of ${contract.cluster}, not ${peer}`);
        peers[peer] = contract;
    }
    const resolved = resolveRemoteServicesArgs(importsArgs(name, imp, place, peers, settings), { path: key("networkImports") });
    return withCluster(settings, (provider) => {
        const remote = new RemoteServices(`${name}-remote`, resolved, { provider });
        return { cluster: name, addresses: remote.addresses };
    });
}


function gatewayArgs(cluster: string, s: NetworkGatewaySettings, place: MeshPlace): UncheckedCrossNetworkGatewayArgs {
    return {
        clusterName: cluster,
        network: place.network,
        exports: s.exports,
        namespace: s.namespace,
        gateway: s.gateway,
        clusterDomain: s.clusterDomain,
    };
}

function gatewayStack(cluster: string, place: MeshPlace, resolved: ResolvedCrossNetworkGatewayArgs, provider: k8s.Provider): Record<string, unknown> {
    const gateway = new CrossNetworkGateway(`${cluster}-network`, resolved, { provider });
    const contract = gateway.address.apply((address): NetworkGatewayContract => ({
        version: NETWORK_CONTRACT_VERSION,
        cluster,
        meshId: place.meshId,
        network: place.network,
        address,
        port: gateway.port,
        services: gateway.services,
    }));
    return { cluster, [NETWORK_GATEWAY_OUTPUT]: contract, gateway: { namespace: gateway.namespace, releaseName: gateway.releaseName } };
}

function importsArgs(
    cluster: string,
    s: NetworkImportsSettings,
    place: MeshPlace,
    peers: Record<string, NetworkGatewayContract>,
    settings: Settings,
): UncheckedRemoteServicesArgs {
    return {
        clusterName: cluster,
        meshId: place.meshId,
        peers,
        imports: s.imports,
        addresses: s.addresses,
        declaredAddresses: declaredAddresses(settings.objects.value.objects),
        egressGateway: s.egressGateway,
        clusterDomain: s.clusterDomain,
    };
}
