/**
 * Remote services a cluster calls under a local name (`reviews.bookinfo.global`), resolved once from the
 * user's words and checked against the exporters' contracts before anything is created.
 */
import { at, InputError } from "../core/input-error";
import { rejectUnknownKeys, requireDnsLabel, requireHeaderName, requireHostname, requireInteger, requireObject, requireOneOf } from "../core/checks";
import { NetworkExportedService, NetworkGatewayContract } from "./network-contract";

/**
 * How callers' traffic leaves the cluster. `sidecar`: each caller's sidecar dials the peer's gateway
 * (the seeds' default). `egressGateway`: through this cluster's dedicated cross-network egress gateway,
 * which passes the TLS through by SNI (seed 004's variant: one place where traffic leaves, one address for
 * the peer's firewall).
 */
export const IMPORT_PATHS = ["sidecar", "egressGateway"] as const;
export type ImportPath = (typeof IMPORT_PATHS)[number];

/** One destination of a route: a subset of the remote service (or all of it), or of a local Service. */
export type RouteTarget = { remote: string | true; weight?: number } | { local: string | true; weight?: number };

export interface NetworkImportSpec {
    /** The exporter, a key of `peers`. */
    peer: string;
    /** The service as the peer exports it. */
    service: { name: string; namespace: string };
    /**
     * Its local name and the namespace of the objects that declare it.
     * @default host `<name>.<namespace>.global` (the seeds' names), namespace the service's
     */
    as?: { host?: string; namespace?: string };
    /** A virtual IP chosen by hand (e.g. one a hand-written ServiceEntry used). @default derived from the host */
    address?: string;
    /** @default "sidecar" */
    via?: ImportPath;
    /**
     * Version routing for the callers of a local Service: ordered routes, each with an optional header
     * match and weighted targets (`remote: v2`, `local: v1`). Seed 002: jason → remote v2/v3 50/50, others → local v1.
     * @default none: callers use the import's host directly
     */
    routing?: { service: string; routes: { match?: { headers: Record<string, Record<string, string>> }; to: RouteTarget[] }[] };
}

export interface ResolvedRoute {
    headers?: Record<string, Record<string, string>>;
    to: { side: "remote" | "local"; subset?: string; weight: number }[];
}

export interface ResolvedNetworkImport {
    peer: string;
    service: { name: string; namespace: string };
    host: string;
    namespace: string;
    address?: string;
    via: ImportPath;
    routing?: { service: string; routes: ResolvedRoute[] };
    /** Where it came from, for messages. */
    path: string;
}

/** An import with what its exporter publishes about it. */
export interface BoundNetworkImport extends ResolvedNetworkImport {
    exported: NetworkExportedService;
    exporter: NetworkGatewayContract;
}

const HEADER_MATCHES = ["exact", "prefix", "regex"];

export function resolveNetworkImports(path: string, raw: unknown): ResolvedNetworkImport[] {
    if (raw === undefined) return [];
    if (!Array.isArray(raw)) throw new InputError(path, raw, "expected a list of imports: - peer: <cluster>, service: { name, namespace }");
    const imports = raw.map((entry, i) => resolveOne(at(path, i), entry));
    imports.forEach((imp, i) => {
        const first = imports.findIndex((o) => o.host === imp.host);
        if (first !== i) throw new InputError(at(at(path, i), "as"), imp.host, `${imports[first].path} already imports under that host: give this one another as.host`);
    });
    return imports;
}

function resolveOne(p: string, entry: unknown): ResolvedNetworkImport {
    const e = requireObject(p, entry);
    rejectUnknownKeys(p, e, ["peer", "service", "as", "address", "via", "routing"]);
    const s = requireObject(at(p, "service"), e.service);
    rejectUnknownKeys(at(p, "service"), s, ["name", "namespace"]);
    const service = { name: requireDnsLabel(at(at(p, "service"), "name"), s.name), namespace: requireDnsLabel(at(at(p, "service"), "namespace"), s.namespace) };
    const as = requireObject(at(p, "as"), e.as ?? {});
    rejectUnknownKeys(at(p, "as"), as, ["host", "namespace"]);
    const host = as.host === undefined ? `${service.name}.${service.namespace}.global` : requireHostname(at(at(p, "as"), "host"), as.host);
    if (host.endsWith(".svc.cluster.local")) {
        throw new InputError(at(at(p, "as"), "host"), host, "a remote service needs a name of its own: a ServiceEntry on a local Service's host would merge with it; e.g. reviews.bookinfo.global");
    }
    return {
        peer: requireDnsLabel(at(p, "peer"), e.peer),
        service,
        host,
        namespace: as.namespace === undefined ? service.namespace : requireDnsLabel(at(at(p, "as"), "namespace"), as.namespace),
        address: e.address === undefined ? undefined : String(e.address),
        via: e.via === undefined ? "sidecar" : requireOneOf(at(p, "via"), e.via, IMPORT_PATHS),
        routing: e.routing === undefined ? undefined : resolveRouting(at(p, "routing"), e.routing),
        path: p,
    };
}

function resolveRouting(p: string, raw: unknown): NonNullable<ResolvedNetworkImport["routing"]> {
    const r = requireObject(p, raw);
    rejectUnknownKeys(p, r, ["service", "routes"]);
    if (!Array.isArray(r.routes) || r.routes.length === 0) throw new InputError(at(p, "routes"), r.routes, "expected at least one route: - match: { headers: … }, to: [{ remote: v2, weight: 50 }, …]");
    const list: unknown[] = r.routes;
    const routes = list.map((raw, i): ResolvedRoute => {
        const rp = at(at(p, "routes"), i);
        const route = requireObject(rp, raw);
        rejectUnknownKeys(rp, route, ["match", "to"]);
        let headers: ResolvedRoute["headers"];
        if (route.match !== undefined) {
            const m = requireObject(at(rp, "match"), route.match);
            rejectUnknownKeys(at(rp, "match"), m, ["headers"]);
            const h = requireObject(at(at(rp, "match"), "headers"), m.headers);
            headers = Object.fromEntries(
                Object.entries(h).map(([name, match]) => {
                    const hp = at(at(at(rp, "match"), "headers"), name);
                    requireHeaderName(hp, name);
                    const mm = requireObject(hp, match);
                    const kinds = Object.keys(mm);
                    if (kinds.length !== 1 || !HEADER_MATCHES.includes(kinds[0]) || typeof mm[kinds[0]] !== "string") {
                        throw new InputError(hp, match, `expected one of ${HEADER_MATCHES.map((k) => `{ ${k}: <string> }`).join(", ")}`);
                    }
                    return [name, mm as Record<string, string>];
                }),
            );
        } else if (i !== list.length - 1) {
            throw new InputError(at(rp, "match"), undefined, "only the last route may match everything: the routes after it would never be used");
        }
        if (!Array.isArray(route.to) || route.to.length === 0) throw new InputError(at(rp, "to"), route.to, "expected targets such as [{ remote: v2, weight: 50 }, { remote: v3, weight: 50 }] or [{ local: v1 }]");
        const to = route.to.map((t, j) => {
            const tp = at(at(rp, "to"), j);
            const o = requireObject(tp, t);
            rejectUnknownKeys(tp, o, ["remote", "local", "weight"]);
            const sides = (["remote", "local"] as const).filter((k) => o[k] !== undefined);
            if (sides.length !== 1) throw new InputError(tp, t, "expected exactly one of remote: <subset | true> or local: <subset | true>");
            const value = o[sides[0]];
            const subset = value === true ? undefined : requireDnsLabel(at(tp, sides[0]), value);
            const weight = o.weight === undefined ? (route.to as unknown[]).length === 1 ? 100 : undefined : requireInteger(at(tp, "weight"), o.weight, 0, 100);
            if (weight === undefined) throw new InputError(at(tp, "weight"), undefined, "with several targets, give each a weight (they add up to 100)");
            return { side: sides[0], subset, weight };
        });
        const total = to.reduce((n, t) => n + t.weight, 0);
        if (total !== 100) throw new InputError(at(rp, "to"), route.to, `weights add up to ${total}; they must add up to 100`);
        return { headers, to };
    });
    return { service: requireDnsLabel(at(p, "service"), r.service), routes };
}

/**
 * Checks each import against its exporter's contract: the peer is known and in this mesh, it exports the
 * service to this cluster, and every remote subset routed to is one it defines.
 */
export function bindNetworkImports(
    path: string,
    imports: ResolvedNetworkImport[],
    peers: Record<string, NetworkGatewayContract>,
    self: { cluster: string; meshId: string },
): BoundNetworkImport[] {
    return imports.map((i) => {
        const exporter = peers[i.peer];
        if (!exporter) throw new InputError(at(i.path, "peer"), i.peer, `not a peer of this stack; peers: ${Object.keys(peers).join(", ") || "(none)"} (${path.replace(/\.imports$/, ".peers")})`);
        if (exporter.meshId !== self.meshId) {
            throw new InputError(
                at(i.path, "peer"),
                i.peer,
                `${i.peer} belongs to mesh ${exporter.meshId} and this cluster to ${self.meshId}: passthrough needs one shared root, since the caller's sidecar and the remote workload verify each other's certificates; federate other meshes through meshfed:federation`,
            );
        }
        const exported = exporter.services.find((s) => s.name === i.service.name && s.namespace === i.service.namespace);
        const listed = exporter.services.map((s) => `${s.namespace}/${s.name}`).join(", ") || "nothing";
        if (!exported) throw new InputError(at(i.path, "service"), `${i.service.namespace}/${i.service.name}`, `${i.peer} passes through only ${listed}`);
        if (!exported.consumers.includes(self.cluster)) {
            throw new InputError(at(i.path, "service"), `${i.service.namespace}/${i.service.name}`, `${i.peer} exports it to ${exported.consumers.join(", ")}, not to ${self.cluster}`);
        }
        i.routing?.routes.forEach((r, n) =>
            r.to.forEach((t, m) => {
                if (t.side === "remote" && t.subset !== undefined && !exported.subsets.includes(t.subset)) {
                    throw new InputError(
                        at(at(at(at(i.path, "routing"), "routes"), n), `to[${m}].remote`),
                        t.subset,
                        `${i.peer} exports ${exported.namespace}/${exported.name} with subsets ${exported.subsets.join(", ") || "(none)"}`,
                    );
                }
            }),
        );
        return { ...i, exported, exporter };
    });
}
