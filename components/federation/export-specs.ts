/**
 * What a cluster exports, resolved from Args or stack config: which local service (and which of its
 * versions), under which name peers see it, and which peers may consume it.
 */
import { at, InputError } from "../core/input-error";
import { rejectUnknownKeys, requireDnsLabel, requireLabels, requireObject, sameLabels } from "../core/checks";
import { exportPathPrefix } from "./contract";
import { resolveServicePort } from "./service-ref";
import { exportObjectName } from "./specs/names";

export interface ServiceExportSpec {
    /** The local Kubernetes Service exported, e.g. `{ name: "myreviews", namespace: "bookinfo", port: 9080 }`. */
    service: { name: string; namespace: string; port: number };
    /**
     * Export only some of the service's pods, e.g. `{ name: "v2", labels: { version: "v2" } }`.
     * @default all of them
     */
    subset?: { name: string; labels: Record<string, string> };
    /** The name and namespace peers import it by. @default the local Service's */
    exportAs?: { name?: string; namespace?: string };
    /** The federation names of the clusters allowed to consume it; no one else can reach it. */
    consumers: string[];
}

export interface ResolvedExport extends ServiceExportSpec {
    exportAs: { name: string; namespace: string };
    pathPrefix: string;
}

export function resolveExports(path: string, raw: unknown, clusterName: string): ResolvedExport[] {
    if (raw === undefined) return [];
    if (!Array.isArray(raw)) throw new InputError(path, raw, "expected a list of exported services");
    const seen = new Map<string, number>();
    const objectNames = new Map<string, string>();
    const subsets = new Map<string, { index: number; labels: Record<string, string> }>();
    return raw.map((item, i) => {
        const p = at(path, i);
        const e = requireObject(p, item);
        // `pathPrefix`: an export as resolved before (`IdentityStack.exports`, the identity stack's output) is taken again.
        rejectUnknownKeys(p, e, ["service", "subset", "exportAs", "consumers", "pathPrefix"]);
        const service = resolveServicePort(at(p, "service"), e.service);
        const subset = e.subset === undefined ? undefined : resolveSubset(at(p, "subset"), e.subset);
        const as = requireObject(at(p, "exportAs"), e.exportAs ?? {});
        rejectUnknownKeys(at(p, "exportAs"), as, ["name", "namespace"]);
        const exportAs = {
            name: as.name === undefined ? service.name : requireDnsLabel(at(at(p, "exportAs"), "name"), as.name),
            namespace: as.namespace === undefined ? service.namespace : requireDnsLabel(at(at(p, "exportAs"), "namespace"), as.namespace),
        };
        const key = `${exportAs.namespace}/${exportAs.name}`;
        const pathPrefix = exportPathPrefix(exportAs.namespace, exportAs.name);
        if (e.pathPrefix !== undefined && e.pathPrefix !== pathPrefix) {
            throw new InputError(at(p, "pathPrefix"), e.pathPrefix, `the path prefix follows from the exported name (${pathPrefix}): leave it out`);
        }
        if (seen.has(key)) {
            throw new InputError(at(p, "exportAs"), key, `${path}[${seen.get(key)}] is exported as ${key} already: each exported name once`);
        }
        seen.set(key, i);
        // Generated objects are named from namespace and name joined by "-": a-b/c and a/b-c would clash.
        const objectName = exportObjectName(exportAs.namespace, exportAs.name);
        if (objectNames.has(objectName)) {
            throw new InputError(at(p, "exportAs"), key, `its objects would be named ${objectName}, like those of ${objectNames.get(objectName)}: choose another name`);
        }
        objectNames.set(objectName, key);
        if (subset) {
            const subsetKey = `${service.namespace}/${service.name}#${subset.name}`;
            const earlier = subsets.get(subsetKey);
            if (earlier && !sameLabels(earlier.labels, subset.labels)) {
                throw new InputError(
                    at(p, "subset"),
                    subset,
                    `subset ${subset.name} of ${service.namespace}/${service.name} is defined by ${path}[${earlier.index}] with labels ${JSON.stringify(earlier.labels)}: one name, one set of pods`,
                );
            }
            subsets.set(subsetKey, { index: i, labels: subset.labels });
        }
        if (!Array.isArray(e.consumers) || e.consumers.length === 0) {
            throw new InputError(at(p, "consumers"), e.consumers, "expected the federation names of the clusters allowed to consume it, at least one");
        }
        const consumers = e.consumers.map((c, j) => {
            const name = requireDnsLabel(at(at(p, "consumers"), j), c);
            if (name === clusterName) throw new InputError(at(at(p, "consumers"), j), c, "a cluster does not import its own services");
            return name;
        });
        return { service, subset, exportAs, consumers: [...new Set(consumers)], pathPrefix };
    });
}

function resolveSubset(path: string, raw: unknown): { name: string; labels: Record<string, string> } {
    const s = requireObject(path, raw);
    rejectUnknownKeys(path, s, ["name", "labels"]);
    const labels = requireLabels(at(path, "labels"), s.labels, "a subset selects pods by at least one label");
    return { name: requireDnsLabel(at(path, "name"), s.name), labels };
}
