/** A Service named by name and namespace (and port), as exports and imports refer to one. */
import { at } from "../core/input-error";
import { rejectUnknownKeys, requireDnsLabel, requireInteger, requireObject } from "../core/checks";

export interface ServiceRef {
    name: string;
    namespace: string;
}

export function resolveServiceRef(path: string, raw: unknown): ServiceRef {
    const s = requireObject(path, raw);
    rejectUnknownKeys(path, s, ["name", "namespace"]);
    return { name: requireDnsLabel(at(path, "name"), s.name), namespace: requireDnsLabel(at(path, "namespace"), s.namespace) };
}

export function resolveServicePort(path: string, raw: unknown): ServiceRef & { port: number } {
    const s = requireObject(path, raw);
    rejectUnknownKeys(path, s, ["name", "namespace", "port"]);
    const { port, ...ref } = s;
    return { ...resolveServiceRef(path, ref), port: requireInteger(at(path, "port"), port, 1, 65535) };
}
