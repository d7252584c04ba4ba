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
import { PrimaryEastWestGateway, UncheckedPrimaryEastWestGatewayArgs, resolvePrimaryEastWestGatewayArgs, ResolvedPrimaryEastWestGatewayArgs } from "../components/primary-remote/primary-east-west-gateway";
import { ReaderToken, resolveReaderTokenArgs, ResolvedReaderTokenArgs } from "../components/primary-remote/reader-token";
import { RemoteControlPlane, UncheckedRemoteControlPlaneArgs, resolveRemoteControlPlaneArgs, ResolvedRemoteControlPlaneArgs } from "../components/primary-remote/remote-control-plane";
import { RemoteEastWestGateway, UncheckedRemoteEastWestGatewayArgs, resolveRemoteEastWestGatewayArgs, ResolvedRemoteEastWestGatewayArgs } from "../components/primary-remote/remote-east-west-gateway";
import { RemoteSecret, resolveRemoteSecretArgs, ResolvedRemoteSecretArgs } from "../components/primary-remote/remote-secret";
import { remoteSecretName } from "../components/primary-remote/specs/remote-kubeconfig";
import { key, PROJECT } from "./config-key";
import { MeshPlace, readMeshPlace } from "./multinetwork-stacks";
import { PrimaryRemoteStackKind, PrimaryRemotesSettings, PrimarySettings, readPrimaryRemotesSettings, readPrimarySettings, readRemoteSettings, RemoteSettings } from "./primary-remote-settings";
import { readSettings } from "./settings";
import { withCluster } from "./cluster-stack";

export async function primaryRemoteStack(kind: PrimaryRemoteStackKind, config = new pulumi.Config(PROJECT)): Promise<Record<string, unknown>> {
    const settings = readSettings(config);
    const name = settings.cluster.name;
    // Every component's args are resolved before the cluster's provider registers, so that bad config stops
    // the stack with nothing created; each resolution is handed to its component, which resolves nothing again.
    let body: (provider: k8s.Provider) => Record<string, unknown>;
    if (kind === "primary") {
        const s = readPrimarySettings(config.requireObject(kind));
        const place = await readMeshPlace(key(kind), s.meshStack, name);
        const resolved: PrimaryArgs = {
            gateway: resolvePrimaryEastWestGatewayArgs(primaryGatewayArgs(name, s, place), { path: key("primary") }),
            reader: s.apiServer === undefined ? undefined : resolveReaderTokenArgs({ clusterName: name, server: s.apiServer, namespace: s.istioNamespace }),
        };
        body = (provider) => primaryStack(name, s, place, resolved, provider);
    } else if (kind === "remote") {
        const s = readRemoteSettings(config.requireObject(kind));
        const primary = readPrimaryContract(s.primaryStack, (await readOutputs(s.primaryStack, [PRIMARY_OUTPUT]))[PRIMARY_OUTPUT].value);
        if (primary.cluster === name) throw new InputError(at(key(kind), "primaryStack"), s.primaryStack, `that is ${name}'s own primary stack; a cluster is a primary or a remote`);
        const resolved: RemoteArgs = {
            istio: resolveRemoteControlPlaneArgs(remoteIstioArgs(name, s, primary), { path: at(key("remote"), "istio") }),
            reader: resolveReaderTokenArgs({ clusterName: name, server: s.apiServer, namespace: s.namespace }),
            gateway: resolveRemoteEastWestGatewayArgs(remoteGatewayArgs(s, primary), { path: key("remote") }),
        };
        body = (provider) => remoteStack(name, s, primary, resolved, provider);
    } else {
        const s = readPrimaryRemotesSettings(config.requireObject(kind), name);
        const inputs = await readRemotes(name, s);
        const secrets = inputs.remotes.map((r) => ({
            contract: r.contract,
            args: resolveRemoteSecretArgs({ clusterName: r.contract.cluster, access: r.access, namespace: inputs.primary.istioNamespace }),
        }));
        body = (provider) => remotesStack(name, inputs.primary, secrets, provider);
    }
    return withCluster(settings, body);
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

/** The primary stack's components' args, resolved. */
interface PrimaryArgs {
    gateway: ResolvedPrimaryEastWestGatewayArgs;
    /** Multi-primary only: with `apiServer`. */
    reader?: ResolvedReaderTokenArgs;
}

function primaryGatewayArgs(cluster: string, s: PrimarySettings, place: MeshPlace): UncheckedPrimaryEastWestGatewayArgs {
    return {
        clusterName: cluster,
        network: place.network,
        exports: s.exports,
        istioNamespace: s.istioNamespace,
        namespace: s.namespace,
        gateway: s.gateway,
        clusterDomain: s.clusterDomain,
    };
}

function primaryStack(cluster: string, s: PrimarySettings, place: MeshPlace, resolved: PrimaryArgs, provider: k8s.Provider): Record<string, unknown> {
    const gateway = new PrimaryEastWestGateway(`${cluster}-east-west`, resolved.gateway, { provider });
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
    if (resolved.reader) {
        // Multi-primary: this primary can be watched by another one, as a remote is (its reader account comes with istio/base).
        const reader = new ReaderToken(`${cluster}-reader`, resolved.reader, { provider });
        outputs[REMOTE_CLUSTER_OUTPUT] = remoteClusterContract(cluster, place.meshId, place.network, cluster);
        outputs[REMOTE_ACCESS_OUTPUT] = reader.access;
    }
    return outputs;
}

function remoteClusterContract(cluster: string, meshId: string, network: string, primary: string): RemoteClusterContract {
    return { version: CONTROL_PLANE_CONTRACT_VERSION, cluster, meshId, network, primary };
}

/** The remote stack's components' args, resolved. */
interface RemoteArgs {
    istio: ResolvedRemoteControlPlaneArgs;
    reader: ResolvedReaderTokenArgs;
    gateway: ResolvedRemoteEastWestGatewayArgs;
}

function remoteIstioArgs(cluster: string, s: RemoteSettings, primary: PrimaryContract): UncheckedRemoteControlPlaneArgs {
    return {
        meshId: primary.meshId,
        clusterName: cluster,
        network: s.network,
        primary: { cluster: primary.cluster, address: primary.address },
        namespace: s.namespace,
        chart: s.istio.chart,
        values: s.istio.values,
        // The chart and values are the only args the config gives unchecked, both under `istio`.
    };
}

function remoteStack(cluster: string, s: RemoteSettings, primary: PrimaryContract, resolved: RemoteArgs, provider: k8s.Provider): Record<string, unknown> {
    const istio = new RemoteControlPlane(`${cluster}-istio`, resolved.istio, { provider });
    // The account comes with istio/base, its read permissions with istiod's reader ClusterRoleBinding.
    const reader = new ReaderToken(`${cluster}-reader`, resolved.reader, { provider, dependsOn: [istio.base, istio.istiod] });
    const gateway = new RemoteEastWestGateway(`${cluster}-east-west`, resolved.gateway, { provider, dependsOn: [istio.istiod] });
    return {
        cluster,
        [REMOTE_CLUSTER_OUTPUT]: remoteClusterContract(cluster, primary.meshId, s.network, primary.cluster),
        [REMOTE_ACCESS_OUTPUT]: reader.access,
        gateway: { namespace: gateway.namespace, address: gateway.address },
    };
}

function remoteGatewayArgs(s: RemoteSettings, primary: PrimaryContract): UncheckedRemoteEastWestGatewayArgs {
    return { network: s.network, namespace: primary.gatewayNamespace, gateway: { port: primary.port, ...s.gateway } };
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

function remotesStack(cluster: string, primary: PrimaryContract, secrets: { contract: RemoteClusterContract; args: ResolvedRemoteSecretArgs }[], provider: k8s.Provider): Record<string, unknown> {
    const remotes: Record<string, unknown> = {};
    for (const { contract, args } of secrets) {
        new RemoteSecret(`${cluster}-remote-${contract.cluster}`, args, { provider });
        remotes[contract.cluster] = { network: contract.network, secret: `${primary.istioNamespace}/${remoteSecretName(contract.cluster)}` };
    }
    return { cluster, remotes };
}
