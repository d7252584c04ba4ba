/**
 * What a cluster passes through its cross-network gateway, resolved once from the user's words: each
 * export is a local Service (one port), the subsets peers may ask for by name, and its consumers.
 */
import { at, InputError } from "../core/input-error";
import { rejectUnknownKeys, requireDnsLabel, requireLabels, requireObject, requireOneOf, requireServicePort } from "../core/checks";
import { SERVICE_PROTOCOLS, ServiceProtocol } from "./network-contract";

/** One service passed through, as the user declares it. */
export interface NetworkExportSpec {
    /** The local Service: its name, namespace and the port peers call. */
    service: { name: string; namespace: string; port: number; protocol?: ServiceProtocol };
    /**
     * Subsets peers may call by name (their SNI carries it), each selecting pods by labels. The whole
     * Service stays reachable too (AUTO_PASSTHROUGH always admits the unsubsetted name): to export only some
     * versions, export a Service that selects only them. @default none
     */
    subsets?: { name: string; labels: Record<string, string> }[];
    /** The clusters that may import it. */
    consumers: string[];
}

export interface ResolvedNetworkExport {
    name: string;
    namespace: string;
    port: number;
    protocol: ServiceProtocol;
    subsets: { name: string; labels: Record<string, string> }[];
    consumers: string[];
}

export function resolveNetworkExports(path: string, raw: unknown, cluster: string): ResolvedNetworkExport[] {
    if (raw === undefined) return [];
    if (!Array.isArray(raw)) throw new InputError(path, raw, "expected a list of exports: - service: { name, namespace, port }, consumers: [<cluster>]");
    const seen = new Set<string>();
    return raw.map((entry, i) => {
        const p = at(path, i);
        const e = requireObject(p, entry);
        rejectUnknownKeys(p, e, ["service", "subsets", "consumers"]);
        const s = requireObject(at(p, "service"), e.service);
        rejectUnknownKeys(at(p, "service"), s, ["name", "namespace", "port", "protocol"]);
        const name = requireDnsLabel(at(at(p, "service"), "name"), s.name);
        const namespace = requireDnsLabel(at(at(p, "service"), "namespace"), s.namespace);
        if (seen.has(`${namespace}/${name}`)) throw new InputError(at(p, "service"), `${namespace}/${name}`, "each Service is exported once; list all its subsets and consumers in one entry");
        seen.add(`${namespace}/${name}`);
        const rawSubsets = e.subsets ?? [];
        if (!Array.isArray(rawSubsets)) throw new InputError(at(p, "subsets"), rawSubsets, "expected a list of { name, labels }");
        const subsets = rawSubsets.map((sub, j) => {
            const sp = at(at(p, "subsets"), j);
            const o = requireObject(sp, sub);
            rejectUnknownKeys(sp, o, ["name", "labels"]);
            return { name: requireDnsLabel(at(sp, "name"), o.name), labels: requireLabels(at(sp, "labels"), o.labels) };
        });
        const dup = subsets.find((sub, j) => subsets.findIndex((o) => o.name === sub.name) !== j);
        if (dup) throw new InputError(at(p, "subsets"), dup.name, "subset names must be unique: each is an SNI of its own");
        const consumers = e.consumers;
        if (!Array.isArray(consumers) || consumers.length === 0) throw new InputError(at(p, "consumers"), consumers, "list the clusters that may import it, e.g. [west]");
        consumers.forEach((c, j) => {
            requireDnsLabel(at(at(p, "consumers"), j), c);
            if (c === cluster) throw new InputError(at(at(p, "consumers"), j), c, "a cluster does not import its own services through its gateway");
        });
        return {
            name,
            namespace,
            port: requireServicePort(at(at(p, "service"), "port"), s.port),
            protocol: s.protocol === undefined ? "HTTP" : requireOneOf(at(at(p, "service"), "protocol"), s.protocol, SERVICE_PROTOCOLS),
            subsets,
            consumers: consumers as string[],
        };
    });
}
