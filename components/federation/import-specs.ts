/**
 * What a cluster imports from its peers, resolved from Args or stack config: which exported service,
 * under which local name, and how local traffic is split between a local version and the remote one.
 */
import { at, InputError } from "../core/input-error";
import { rejectUnknownKeys, requireDnsLabel, requireHeaderName, requireInteger, requireLabels, requireObject, requireOneOf, requireString } from "../core/checks";
import { resolveServicePort, resolveServiceRef } from "./service-ref";
import { importObjectName } from "./specs/names";

/**
 * How requests reach the peer. `egressGateway` (the default): funnelled through the private egress
 * gateway, the one holder of the client key. `sidecar`: each caller's sidecar originates mutual TLS to the
 * peer itself, which needs a copy of the egress credential in the import's namespace
 * (`meshfed:trust.sidecarCredentialNamespaces`).
 */
export const EGRESS_PATHS = ["egressGateway", "sidecar"] as const;
export type EgressPath = (typeof EGRESS_PATHS)[number];

/** Header conditions as Istio's `HTTPMatchRequest.headers` takes them. */
export type HeaderMatch = Record<string, { exact: string } | { prefix: string } | { regex: string }>;

/**
 * How a peer gateway endpoint that stops answering is taken out of rotation. Only gateway errors count
 * (connection failures, 502, 503, 504), never the application's own 5xx answers; and ejection never
 * cuts the path: below 50 % healthy endpoints Envoy's panic mode sends to all of them again, so a peer
 * with a single address (an IP load balancer) is never left with "no healthy upstream".
 */
export interface OutlierDetection {
    /** Consecutive gateway errors that eject an endpoint. @default 5 */
    consecutiveGatewayErrors?: number;
    /** @default "10s" */
    interval?: string;
    /** @default "30s" */
    baseEjectionTime?: string;
}

/** The DestinationRule `outlierDetection` meshfed writes for a peer. */
export interface PeerOutlierDetection extends Required<OutlierDetection> {
    /** 0: application 5xx never eject (Envoy would otherwise eject after 5). */
    consecutive5xxErrors: 0;
    maxEjectionPercent: 50;
    /** Panic mode below half healthy: the last endpoints are never all ejected. */
    minHealthPercent: 50;
}

export interface ServiceImportSpec {
    /** The peer cluster's federation name. */
    peer: string;
    /** The service as the peer exports it: `{ name, namespace }`. */
    service: { name: string; namespace: string };
    /** The local name callers use: `<name>.<namespace>.svc.cluster.local`, on `port`. */
    as: { name: string; namespace: string; port: number };
    /**
     * The local version that shares the name, if any: a subset of the local Service, defined by the
     * application's own DestinationRule. Without it, meshfed creates the local Service and every request
     * goes to the peer. @default none: the service has no local version
     */
    localSubset?: string;
    /** Requests matching these headers always go to the peer, e.g. `{ "end-user": { exact: "jason" } }`. @default none */
    canary?: HeaderMatch;
    /** Share of the other requests sent to the peer, 0–100; the rest stay local. @default 100, or 0 when a canary is set and a local subset exists */
    remoteWeight?: number;
    /** How requests reach the peer. @default "egressGateway" */
    via?: EgressPath;
    /**
     * With `via: sidecar`, required: the workloads (in the import's namespace) that call the peer directly.
     * Their `labels` select the DestinationRule that originates mutual TLS (Istio builds no TLS for a
     * credential DestinationRule without a workload selector), and their `serviceAccounts` are the only
     * ones allowed to read Secrets in that namespace, which istiod requires before it serves them the key.
     * @default none (refused with `via: sidecar`)
     */
    callers?: ImportCallers;
}

export interface ImportCallers {
    /** Pod labels of the calling workloads, e.g. `{ app: productpage }`. */
    labels: Record<string, string>;
    /** Their ServiceAccounts, e.g. `["bookinfo-productpage"]`. */
    serviceAccounts: string[];
}

export type ResolvedImport = Required<Omit<ServiceImportSpec, "localSubset" | "canary" | "callers">> & Pick<ServiceImportSpec, "localSubset" | "canary" | "callers">;

const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/;
const MS_PER_UNIT: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

export function resolveImports(path: string, raw: unknown): ResolvedImport[] {
    if (raw === undefined) return [];
    if (!Array.isArray(raw)) throw new InputError(path, raw, "expected a list of imported services");
    const locals = new Map<string, number>();
    const objectNames = new Map<string, string>();
    return raw.map((item, i) => {
        const p = at(path, i);
        const s = requireObject(p, item);
        rejectUnknownKeys(p, s, ["peer", "service", "as", "localSubset", "canary", "remoteWeight", "via", "callers"]);
        const service = resolveServiceRef(at(p, "service"), s.service);
        const local = resolveServicePort(at(p, "as"), s.as);
        const key = `${local.namespace}/${local.name}`;
        if (locals.has(key)) throw new InputError(at(p, "as"), key, `${path}[${locals.get(key)}] imports as ${key} already: each local name once`);
        locals.set(key, i);
        const objectName = importObjectName(local.namespace, local.name);
        if (objectNames.has(objectName)) {
            throw new InputError(at(p, "as"), key, `its objects would be named ${objectName}, like those of ${objectNames.get(objectName)}: choose another local name`);
        }
        objectNames.set(objectName, key);
        const localSubset = s.localSubset === undefined ? undefined : requireDnsLabel(at(p, "localSubset"), s.localSubset);
        const canary = s.canary === undefined ? undefined : resolveHeaders(at(p, "canary"), s.canary);
        const defaultWeight = localSubset && canary ? 0 : 100;
        const remoteWeight = s.remoteWeight === undefined ? defaultWeight : requireInteger(at(p, "remoteWeight"), s.remoteWeight, 0, 100);
        if (remoteWeight < 100 && !localSubset) {
            throw new InputError(at(p, "remoteWeight"), remoteWeight, "keeping traffic local needs a local version: set localSubset");
        }
        const via = s.via === undefined ? "egressGateway" : requireOneOf(at(p, "via"), s.via, EGRESS_PATHS);
        if (via === "sidecar" && remoteWeight > 0 && remoteWeight < 100) {
            // One route carries one rewrite: the peer needs its path prefix and host, the local version neither.
            throw new InputError(at(p, "remoteWeight"), remoteWeight, "a weighted local/remote split needs via: egressGateway (with via: sidecar, use 0 or 100)");
        }
        if (via === "sidecar" && s.callers === undefined) {
            throw new InputError(at(p, "callers"), undefined, "via: sidecar needs the calling workloads: { labels: {...}, serviceAccounts: [...] }");
        }
        if (via !== "sidecar" && s.callers !== undefined) {
            throw new InputError(at(p, "callers"), s.callers, "callers are named only for via: sidecar; through the egress gateway, any workload of the namespace may call");
        }
        return {
            via,
            callers: s.callers === undefined ? undefined : resolveCallers(at(p, "callers"), s.callers),
            peer: requireDnsLabel(at(p, "peer"), s.peer),
            service,
            as: local,
            localSubset,
            canary,
            remoteWeight,
        };
    });
}

function resolveCallers(path: string, raw: unknown): ImportCallers {
    const c = requireObject(path, raw);
    rejectUnknownKeys(path, c, ["labels", "serviceAccounts"]);
    const labels = requireLabels(at(path, "labels"), c.labels, "select the callers by at least one label");
    const accounts = c.serviceAccounts;
    if (!Array.isArray(accounts) || accounts.length === 0) throw new InputError(at(path, "serviceAccounts"), accounts, "expected the callers' ServiceAccount names, at least one");
    return { labels, serviceAccounts: [...new Set(accounts.map((a, i) => requireDnsLabel(at(at(path, "serviceAccounts"), i), a)))].sort() };
}

function resolveHeaders(path: string, raw: unknown): HeaderMatch {
    const h = requireObject(path, raw);
    if (Object.keys(h).length === 0) throw new InputError(path, h, "a canary matches at least one header");
    for (const [name, cond] of Object.entries(h)) {
        requireHeaderName(`${path}["${name}"]`, name);
        const c = requireObject(`${path}.${name}`, cond);
        const kinds = Object.keys(c);
        if (kinds.length !== 1 || !["exact", "prefix", "regex"].includes(kinds[0])) {
            throw new InputError(`${path}.${name}`, cond, "expected exactly one of { exact }, { prefix }, { regex }");
        }
        requireString(`${path}.${name}.${kinds[0]}`, c[kinds[0]]);
    }
    return h as HeaderMatch;
}

/** A peer's outlier detection; `false` turns it off. */
export function resolveOutlierDetection(path: string, raw: unknown): PeerOutlierDetection | false {
    if (raw === false) return false;
    const o = requireObject(path, raw ?? {});
    rejectUnknownKeys(path, o, ["consecutiveGatewayErrors", "interval", "baseEjectionTime"]);
    const duration = (field: string, fallback: string) => {
        if (o[field] === undefined) return fallback;
        const v = o[field];
        const m = typeof v === "string" ? DURATION.exec(v) : null;
        // Istio's schema refuses durations under 1ms, and a bare number (YAML `interval: 10`) has no unit: say
        // so here, by config key.
        if (!m || Number(m[1]) * MS_PER_UNIT[m[2]] < 1) {
            throw new InputError(at(path, field), v, "expected a duration of at least 1ms with its unit, such as 10s, 500ms or 1m");
        }
        return v as string;
    };
    return {
        consecutiveGatewayErrors:
            o.consecutiveGatewayErrors === undefined ? 5 : requireInteger(at(path, "consecutiveGatewayErrors"), o.consecutiveGatewayErrors, 1, 1000),
        consecutive5xxErrors: 0,
        interval: duration("interval", "10s"),
        baseEjectionTime: duration("baseEjectionTime", "30s"),
        maxEjectionPercent: 50,
        minHealthPercent: 50,
    };
}

/**
 * Each peer's outlier detection, defaults filled in: by peer, for every peer. A setting for a cluster that is
 * no peer is refused (a misspelt name would otherwise leave the peer on the defaults, silently).
 * @param path where the settings are, by peer (`ServiceImportsArgs.outlierDetection`)
 * @param peerPath where one peer's setting is
 */
export function resolvePeerOutliers(path: string, peerPath: (peer: string) => string, raw: Record<string, unknown> | undefined, peers: string[]): Record<string, PeerOutlierDetection | false> {
    for (const name of Object.keys(raw ?? {})) {
        if (!peers.includes(name)) throw new InputError(path, name, `not a peer; peers: ${[...peers].sort().join(", ") || "none"}`);
    }
    return Object.fromEntries(peers.map((peer) => [peer, resolveOutlierDetection(peerPath(peer), raw?.[peer])]));
}
