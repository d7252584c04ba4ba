/**
 * What crosses between the stacks of one control plane across networks (Istio's primary-remote):
 *
 * - the primary's `<cluster>-primary` stack publishes `primaryControlPlane` (public): where remotes reach
 *   istiod (its east-west gateway's address), the mesh, network and gateway namespace;
 * - a remote's `<cluster>-remote` stack publishes `remoteCluster` (public: which cluster, mesh, network and
 *   primary) and `remoteAccess`, a **secret** output: the API server address, its CA and the reader
 *   ServiceAccount's token, all the primary's istiod needs to watch the remote.
 *
 * Versioned and checked field by field on read, like every meshfed contract, so a stack planned by another
 * meshfed fails with the stack and field named. The access is read only as a Pulumi secret and stays one.
 */
import { GatewayAddress } from "../gateway/gateway-address";

export const CONTROL_PLANE_CONTRACT_VERSION = 1;
export const PRIMARY_OUTPUT = "primaryControlPlane";
export const REMOTE_CLUSTER_OUTPUT = "remoteCluster";
export const REMOTE_ACCESS_OUTPUT = "remoteAccess";

/** Istiod's ports remotes reach through the primary's east-west gateway. */
export const ISTIOD_PORTS = { xds: 15012, webhook: 15017 } as const;

export interface PrimaryContract {
    version: typeof CONTROL_PLANE_CONTRACT_VERSION;
    cluster: string;
    meshId: string;
    network: string;
    /** istiod's namespace on the primary: remote secrets go there. */
    istioNamespace: string;
    /** The east-west gateway's address: a remote's `global.remotePilotAddress`. */
    address: GatewayAddress;
    /** The namespace of the east-west gateways: the remotes' gateways run in the same one (see README). */
    gatewayNamespace: string;
    /** The cross-network port of every east-west gateway of this control plane. */
    port: number;
}

export interface RemoteClusterContract {
    version: typeof CONTROL_PLANE_CONTRACT_VERSION;
    cluster: string;
    meshId: string;
    network: string;
    /** The primary whose istiod this cluster uses. */
    primary: string;
}

/** How a primary's istiod reaches a cluster's API server; published only as a Pulumi secret. */
export interface RemoteAccess {
    version: typeof CONTROL_PLANE_CONTRACT_VERSION;
    cluster: string;
    /** The API server's URL as the primary's istiod dials it, e.g. `https://10.0.0.1:6443`. */
    server: string;
    /** The API server's CA (`ca.crt` of the token Secret), base64 as a kubeconfig carries it. */
    certificateAuthorityData: string;
    /** The `istio-reader-service-account` token. */
    token: string;
}

type Fail = (what: string) => never;

function contract(stack: string, output: string, raw: unknown, what: string): { c: Record<string, unknown>; fail: Fail } {
    const fail: Fail = (problem) => {
        throw new Error(`stack "${stack}": ${output}${problem}`);
    };
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) fail(` is missing or not an object; is it a meshfed ${what} stack, planned or deployed?`);
    const c = raw as Record<string, unknown>;
    if (c.version !== CONTROL_PLANE_CONTRACT_VERSION) fail(`.version is ${JSON.stringify(c.version)}, this meshfed reads version ${CONTROL_PLANE_CONTRACT_VERSION}; upgrade the older side`);
    return { c, fail };
}

function strings(c: Record<string, unknown>, fail: Fail, fields: string[]): void {
    for (const f of fields) if (typeof c[f] !== "string" || c[f] === "") fail(`.${f} is missing or not a string`);
}

export function readPrimaryContract(stack: string, raw: unknown): PrimaryContract {
    const { c, fail } = contract(stack, PRIMARY_OUTPUT, raw, "<cluster>-primary");
    strings(c, fail, ["cluster", "meshId", "network", "istioNamespace", "gatewayNamespace"]);
    const address = c.address as Record<string, unknown> | undefined;
    if (!address || (typeof address.ip !== "string" && typeof address.hostname !== "string")) fail(".address is missing: { ip } or { hostname }");
    if (typeof c.port !== "number") fail(".port is missing or not a number");
    return c as unknown as PrimaryContract;
}

export function readRemoteClusterContract(stack: string, raw: unknown): RemoteClusterContract {
    const { c, fail } = contract(stack, REMOTE_CLUSTER_OUTPUT, raw, "<cluster>-remote");
    strings(c, fail, ["cluster", "meshId", "network", "primary"]);
    return c as unknown as RemoteClusterContract;
}

export function readRemoteAccess(stack: string, raw: unknown): RemoteAccess {
    const { c, fail } = contract(stack, REMOTE_ACCESS_OUTPUT, raw, "<cluster>-remote");
    strings(c, fail, ["cluster", "server", "certificateAuthorityData", "token"]);
    if (!/^https:\/\//.test(String(c.server))) fail(`.server is not an https:// URL`);
    return c as unknown as RemoteAccess;
}

