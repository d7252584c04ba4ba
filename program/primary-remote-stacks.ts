/**
 * Composes the stacks of one control plane across networks, each read and checked whole (and the stacks it
 * references awaited) before anything is created.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { at, InputError } from "../components/core/input-error";
import {
    CONTROL_PLANE_CONTRACT_VERSION,
    PRIMARY_OUTPUT,
    PrimaryContract,
    readPrimaryContract,
    readRemoteAccess,
    readRemoteClusterContract,
    REMOTE_ACCESS_OUTPUT,
    REMOTE_CLUSTER_OUTPUT,
    RemoteAccess,
    RemoteClusterContract,
} from "../components/primary-remote/control-plane-contract";
import { PrimaryEastWestGateway, PrimaryEastWestGatewayArgs, resolvePrimaryEastWestGatewayArgs } from "../components/primary-remote/primary-east-west-gateway";
import { ReaderToken } from "../components/primary-remote/reader-token";
import { RemoteControlPlane } from "../components/primary-remote/remote-control-plane";
import { RemoteEastWestGateway, RemoteEastWestGatewayArgs, resolveRemoteEastWestGatewayArgs } from "../components/primary-remote/remote-east-west-gateway";
import { RemoteSecret } from "../components/primary-remote/remote-secret";
import { remoteSecretName } from "../components/primary-remote/specs/remote-kubeconfig";
import { key, PROJECT } from "./config-key";
import { MeshPlace, readMeshPlace } from "./multinetwork-stacks";
import { PrimaryRemoteStackKind, PrimaryRemotesSettings, PrimarySettings, readPrimaryRemotesSettings, readPrimarySettings, readRemoteSettings, RemoteSettings } from "./primary-remote-settings";
import { readSettings } from "./settings";
import { Cluster, ClusterObjects } from "../components";

export async function primaryRemoteStack(kind: PrimaryRemoteStackKind, config = new pulumi.Config(PROJECT)): Promise<Record<string, unknown>> {
    const settings = readSettings(config);
    const name = settings.cluster.name;
    let body: (provider: k8s.Provider) => Record<string, unknown>;
    if (kind === "primary") {
        const s = readPrimarySettings(config.requireObject(kind));
        const place = await readMeshPlace(key(kind), s.meshStack, name);
        // The exports and gateway settings are the component's to resolve: checked here too, before the provider registers.
        resolvePrimaryEastWestGatewayArgs(primaryGatewayArgs(name, s, place));
        body = (provider) => primaryStack(name, s, place, provider);
    } else if (kind === "remote") {
        const s = readRemoteSettings(config.requireObject(kind));
        const primary = readPrimaryContract(s.primaryStack, (await readOutputs(s.primaryStack, [PRIMARY_OUTPUT]))[PRIMARY_OUTPUT].value);
        if (primary.cluster === name) throw new InputError(at(key(kind), "primaryStack"), s.primaryStack, `that is ${name}'s own primary stack; a cluster is a primary or a remote`);
        resolveRemoteEastWestGatewayArgs(remoteGatewayArgs(s, primary));
        body = (provider) => remoteStack(name, s, primary, provider);
    } else {
        const s = readPrimaryRemotesSettings(config.requireObject(kind), name);
        const remotes = await readRemotes(name, s);
        body = (provider) => remotesStack(name, remotes, provider);
    }
    const cluster = new Cluster(name, { name, kubeconfig: settings.kubeconfig, context: settings.cluster.context });
    const outputs = body(cluster.provider);
    if (settings.objects.length > 0) new ClusterObjects(`${name}-objects`, { provider: cluster.provider, objects: settings.objects });
    return outputs;
}

/** Several outputs of one stack through one StackReference (a second of the same name would be a duplicate URN). */
async function readOutputs(stack: string, names: string[]): Promise<Record<string, { value: unknown; secret: boolean }>> {
    const ref = new pulumi.StackReference(stack, { name: stack });
    const entries = await Promise.all(
        names.map(async (n) => {
            const details = await ref.getOutputDetails(n);
            return [n, { value: details.secretValue ?? details.value, secret: details.secretValue !== undefined }] as const;
        }),
    );
    return Object.fromEntries(entries);
}

function primaryGatewayArgs(cluster: string, s: PrimarySettings, place: MeshPlace): Omit<PrimaryEastWestGatewayArgs, "provider"> {
    return {
        clusterName: cluster,
        network: place.network,
        exports: s.exports,
        istioNamespace: s.istioNamespace,
        namespace: s.namespace,
        gateway: s.gateway,
        clusterDomain: s.clusterDomain,
        source: key("primary"),
    };
}

function primaryStack(cluster: string, s: PrimarySettings, place: MeshPlace, provider: k8s.Provider): Record<string, unknown> {
    const gateway = new PrimaryEastWestGateway(`${cluster}-east-west`, { ...primaryGatewayArgs(cluster, s, place), provider });
    const contract = gateway.address.apply((address): PrimaryContract => ({
        version: CONTROL_PLANE_CONTRACT_VERSION,
        cluster,
        meshId: place.meshId,
        network: place.network,
        istioNamespace: s.istioNamespace,
        address,
        gatewayNamespace: gateway.namespace,
        port: gateway.port,
    }));
    const outputs: Record<string, unknown> = { cluster, [PRIMARY_OUTPUT]: contract, services: gateway.services };
    if (s.apiServer) {
        // Multi-primary: this primary can be watched by another one, as a remote is (its reader account comes with istio/base).
        const reader = new ReaderToken(`${cluster}-reader`, { provider, clusterName: cluster, server: s.apiServer, namespace: s.istioNamespace });
        outputs[REMOTE_CLUSTER_OUTPUT] = remoteClusterContract(cluster, place.meshId, place.network, cluster);
        outputs[REMOTE_ACCESS_OUTPUT] = reader.access;
    }
    return outputs;
}

function remoteClusterContract(cluster: string, meshId: string, network: string, primary: string): RemoteClusterContract {
    return { version: CONTROL_PLANE_CONTRACT_VERSION, cluster, meshId, network, primary };
}

function remoteStack(cluster: string, s: RemoteSettings, primary: PrimaryContract, provider: k8s.Provider): Record<string, unknown> {
    const istio = new RemoteControlPlane(`${cluster}-istio`, {
        provider,
        meshId: primary.meshId,
        clusterName: cluster,
        network: s.network,
        primary: { cluster: primary.cluster, address: primary.address },
        namespace: s.namespace,
        chart: s.istio.chart,
        values: s.istio.values,
    });
    // The account comes with istio/base, its read permissions with istiod's reader ClusterRoleBinding.
    const reader = new ReaderToken(`${cluster}-reader`, { provider, clusterName: cluster, server: s.apiServer, namespace: s.namespace, dependsOn: [istio.base, istio.istiod] });
    const gateway = new RemoteEastWestGateway(`${cluster}-east-west`, { ...remoteGatewayArgs(s, primary), provider, dependsOn: [istio.istiod] });
    return {
        cluster,
        [REMOTE_CLUSTER_OUTPUT]: remoteClusterContract(cluster, primary.meshId, s.network, primary.cluster),
        [REMOTE_ACCESS_OUTPUT]: reader.access,
        gateway: { namespace: gateway.namespace, address: gateway.address },
    };
}

function remoteGatewayArgs(s: RemoteSettings, primary: PrimaryContract): Omit<RemoteEastWestGatewayArgs, "provider" | "dependsOn"> {
    return { network: s.network, namespace: primary.gatewayNamespace, gateway: { port: primary.port, ...s.gateway }, source: key("remote") };
}

interface RemoteInputs {
    primary: PrimaryContract;
    remotes: { contract: RemoteClusterContract; access: pulumi.Output<RemoteAccess> }[];
}

/** Reads this primary's contract and every remote's, checking them against each other; creates nothing. */
async function readRemotes(self: string, s: PrimaryRemotesSettings): Promise<RemoteInputs> {
    const path = key("primaryRemotes");
    const primary = readPrimaryContract(s.primaryStack, (await readOutputs(s.primaryStack, [PRIMARY_OUTPUT]))[PRIMARY_OUTPUT].value);
    if (primary.cluster !== self) throw new InputError(at(path, "primaryStack"), s.primaryStack, `that is the primary stack of ${primary.cluster}, not ${self}`);
    const remotes = [];
    for (const [name, { stack }] of Object.entries(s.clusters)) {
        const p = at(at(at(path, "clusters"), name), "stack");
        const outs = await readOutputs(stack, [REMOTE_CLUSTER_OUTPUT, REMOTE_ACCESS_OUTPUT]);
        const contract = readRemoteClusterContract(stack, outs[REMOTE_CLUSTER_OUTPUT].value);
        if (contract.cluster !== name) throw new InputError(p, stack, `that stack publishes cluster ${contract.cluster}, not ${name}`);
        if (contract.meshId !== primary.meshId) throw new InputError(p, stack, `${name} is in mesh ${contract.meshId}; ${self} runs mesh ${primary.meshId}`);
        // A remote names its primary; another primary (multi-primary) names itself.
        if (contract.primary !== self && contract.primary !== name) throw new InputError(p, stack, `${name} is a remote of ${contract.primary}, not of ${self}`);
        const raw = outs[REMOTE_ACCESS_OUTPUT];
        if (!raw.secret) throw new Error(`stack "${stack}": ${REMOTE_ACCESS_OUTPUT} is not a secret output; it holds an API token and must be published with pulumi.secret`);
        if (typeof raw.value === "string") {
            throw new Error(`stack "${stack}": ${REMOTE_ACCESS_OUTPUT} is unreadable here (a secret of another stack, redacted): plan it in the same run, or with --show-secrets`);
        }
        const access = readRemoteAccess(stack, raw.value);
        if (access.cluster !== name) throw new InputError(p, stack, `its ${REMOTE_ACCESS_OUTPUT} is for cluster ${access.cluster}, not ${name}`);
        remotes.push({ contract, access: pulumi.secret(access) });
    }
    return { primary, remotes };
}

function remotesStack(cluster: string, inputs: RemoteInputs, provider: k8s.Provider): Record<string, unknown> {
    const remotes: Record<string, unknown> = {};
    for (const r of inputs.remotes) {
        new RemoteSecret(`${cluster}-remote-${r.contract.cluster}`, { provider, clusterName: r.contract.cluster, access: r.access, namespace: inputs.primary.istioNamespace });
        remotes[r.contract.cluster] = { network: r.contract.network, secret: `${inputs.primary.istioNamespace}/${remoteSecretName(r.contract.cluster)}` };
    }
    return { cluster, remotes };
}
