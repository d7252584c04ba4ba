/**
 * The federation contract: what a cluster publishes about itself as the stack output `federation`, and
 * what peers read through a StackReference. One type for both sides; versioned, so a peer on an older
 * meshfed fails with a clear message instead of a wrong configuration. Public by design: no secret may
 * enter it (a secret would taint the whole output, pulumi/pulumi#2744), and none is needed.
 */
import { GatewayAddress } from "../gateway/gateway-address";

export const CONTRACT_VERSION = 1;
/** The stack output the contract is published under. */
export const CONTRACT_OUTPUT = "federation";

/** A service a cluster exports, as its peers see it. */
export interface ExportedService {
    /** The name peers import it by, with `namespace`: not necessarily the local Service's name. */
    name: string;
    namespace: string;
    /** The HTTP path prefix that selects this service on the ingress gateway, e.g. `/bookinfo/reviews-v2/`. */
    pathPrefix: string;
    /** The federation names of the clusters allowed to consume it. */
    consumers: string[];
}

export interface FederationContract {
    version: typeof CONTRACT_VERSION;
    /** The cluster's federation name. */
    cluster: string;
    /** The SNI host of its ingress gateway, e.g. `c2.example.com`; also its egress gateway's principal. */
    host: string;
    /** Where peers reach its ingress gateway; absent for a cluster that only consumes (no ingress gateway). */
    address?: GatewayAddress;
    /** The ingress gateway's federation port; absent with `address`. */
    port?: number;
    /** The cluster's federation CA certificate (PEM): what peers put in their trust bundles. */
    caCertPem: string;
    /** What it exports, to whom. */
    services: ExportedService[];
}

/** The contract of a cluster that runs an ingress gateway: one peers can call. */
export type ReachableContract = FederationContract & { address: GatewayAddress; port: number };

export function isReachable(c: FederationContract): c is ReachableContract {
    return c.address !== undefined && c.port !== undefined;
}

/** `/bookinfo/reviews-v2/`: the path prefix an exported service is routed by. */
export function exportPathPrefix(namespace: string, name: string): string {
    return `/${namespace}/${name}/`;
}

/**
 * The name a consumer reaches an exporter by, as TLS SNI and HTTP authority: `cluster1.c2.example.com`.
 * One per consumer, so the exporter's ingress gateway gives each consumer a filter chain of its own,
 * validated by that consumer's CA alone and routing only what was exported to it. Never resolved in DNS:
 * the consumer dials the exporter's published address.
 */
export function consumerSni(consumer: string, exporterHost: string): string {
    return `${consumer}.${exporterHost}`;
}

/** Whether `consumer` may import the service. */
export function isExportedTo(service: ExportedService, consumer: string): boolean {
    return service.consumers.includes(consumer);
}

/**
 * Reads a peer's contract from its stack outputs, failing with the stack and the field when it is
 * missing or of another version or shape.
 */
export function readContract(stack: string, outputs: Record<string, unknown>): FederationContract {
    const raw = outputs[CONTRACT_OUTPUT];
    if (raw === undefined) {
        throw new Error(`stack "${stack}": output ${CONTRACT_OUTPUT} is missing: is "${stack}" a meshfed identity stack with meshfed:trust set, deployed with a meshfed that publishes contract version ${CONTRACT_VERSION}?`);
    }
    return checkContract(`stack "${stack}": output ${CONTRACT_OUTPUT}`, raw);
}

/**
 * Checks a contract's shape wherever it comes from: `where` names the source, a stack's output or a config
 * key (a peer outside meshfed), and every failure names the field below it.
 */
export function checkContract(where: string, raw: unknown): FederationContract {
    const fail = (field: string, why: string): never => {
        throw new Error(`${where}${field ? `.${field}` : ""} ${why}`);
    };
    if (typeof raw !== "object" || raw === null) fail("", "is not an object");
    const c = raw as Record<string, unknown>;
    if (c.version !== CONTRACT_VERSION) {
        fail("version", `is ${JSON.stringify(c.version)}; this meshfed reads version ${CONTRACT_VERSION}: upgrade the older side`);
    }
    for (const field of ["cluster", "host", "caCertPem"]) {
        if (typeof c[field] !== "string" || c[field] === "") fail(field, "must be a non-empty string");
    }
    if (!String(c.caCertPem).includes("-----BEGIN CERTIFICATE-----")) fail("caCertPem", "is not a PEM certificate");
    if ((c.address === undefined) !== (c.port === undefined)) fail(c.port === undefined ? "port" : "address", "must be set with the other, or both left out");
    if (c.port !== undefined && (!Number.isInteger(c.port) || (c.port as number) < 1 || (c.port as number) > 65535)) {
        fail("port", "must be a port number from 1 to 65535");
    }
    const address = c.address as Record<string, unknown> | undefined;
    const addressKeys = Object.keys(address ?? {});
    if (address !== undefined && (addressKeys.length !== 1 || typeof address[addressKeys[0]] !== "string" || !["ip", "hostname"].includes(addressKeys[0]))) {
        fail("address", "must be exactly one of { ip } or { hostname }");
    }
    if (!Array.isArray(c.services)) fail("services", "must be a list");
    (c.services as unknown[]).forEach((s, i) => {
        const svc = s as Record<string, unknown>;
        for (const field of ["name", "namespace", "pathPrefix"]) {
            if (typeof svc?.[field] !== "string") fail(`services[${i}].${field}`, "must be a string");
        }
        if (!Array.isArray(svc.consumers) || svc.consumers.some((c) => typeof c !== "string")) {
            fail(`services[${i}].consumers`, "must be a list of cluster names");
        }
    });
    return c as unknown as FederationContract;
}
