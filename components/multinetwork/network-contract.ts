/**
 * What a cluster of a shared-root mesh publishes about its cross-network gateway, as the stack output
 * `networkGateway` of its `<cluster>-network` stack, and what consumers read through a StackReference: the
 * gateway's address, the mesh and network it belongs to, and the services it passes through. Public by
 * design (no key, no secret); versioned and checked field by field like every meshfed contract.
 */
import { GatewayAddress } from "../gateway/gateway-address";

export const NETWORK_CONTRACT_VERSION = 1;
export const NETWORK_GATEWAY_OUTPUT = "networkGateway";

/** Application protocols an exported port may speak; the consumer declares the same on its ServiceEntry. */
export const SERVICE_PROTOCOLS = ["HTTP", "HTTP2", "GRPC", "TCP"] as const;
export type ServiceProtocol = (typeof SERVICE_PROTOCOLS)[number];

/** A service reachable through a cross-network gateway, as consumers see it. */
export interface NetworkExportedService {
    name: string;
    namespace: string;
    /** Its host in the exporter's mesh, e.g. `reviews.bookinfo.svc.cluster.local`: the last part of every SNI it is reached by. */
    host: string;
    port: number;
    protocol: ServiceProtocol;
    /** Subsets the exporter defines for its gateway, each reachable by its own SNI. */
    subsets: string[];
    /** The clusters that may import it (checked at plan time; see the README for what the gateway itself enforces). */
    consumers: string[];
}

export interface NetworkGatewayContract {
    version: typeof NETWORK_CONTRACT_VERSION;
    cluster: string;
    /** The shared-root mesh: a consumer must belong to the same one, or the workloads' certificates would not verify. */
    meshId: string;
    /** The exporter's network (`topology.istio.io/network`). */
    network: string;
    address: GatewayAddress;
    port: number;
    services: NetworkExportedService[];
}

/**
 * The SNI a sidecar sends to reach `host:port` (subset optional) and the exporter's AUTO_PASSTHROUGH
 * listener matches: Istio's cluster name, `model.BuildDNSSrvSubsetKey` (pilot/pkg/model/service.go).
 */
export function passthroughSni(port: number, subset: string | undefined, host: string): string {
    return `outbound_.${port}_.${subset ?? ""}_.${host}`;
}

export function readNetworkContract(stack: string, raw: unknown): NetworkGatewayContract {
    const fail = (what: string): never => {
        throw new Error(`stack "${stack}": ${NETWORK_GATEWAY_OUTPUT}${what}`);
    };
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) fail(" is missing or not an object; is it a meshfed <cluster>-network stack, planned or deployed?");
    const c = raw as Record<string, unknown>;
    if (c.version !== NETWORK_CONTRACT_VERSION) fail(`.version is ${JSON.stringify(c.version)}, this meshfed reads version ${NETWORK_CONTRACT_VERSION}; upgrade the older side`);
    for (const f of ["cluster", "meshId", "network"]) if (typeof c[f] !== "string" || c[f] === "") fail(`.${f} is missing or not a string`);
    const address = c.address as Record<string, unknown> | undefined;
    if (!address || (typeof address.ip !== "string" && typeof address.hostname !== "string")) fail(".address is missing: { ip } or { hostname }");
    if (typeof c.port !== "number") fail(".port is missing or not a number");
    if (!Array.isArray(c.services)) fail(".services is missing or not a list");
    (c.services as Record<string, unknown>[]).forEach((s, i) => {
        for (const f of ["name", "namespace", "host", "protocol"]) if (typeof s?.[f] !== "string") fail(`.services[${i}].${f} is missing or not a string`);
        if (typeof s.port !== "number") fail(`.services[${i}].port is missing or not a number`);
        for (const f of ["subsets", "consumers"]) if (!Array.isArray(s[f])) fail(`.services[${i}].${f} is missing or not a list`);
    });
    return c as unknown as NetworkGatewayContract;
}
