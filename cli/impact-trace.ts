/**
 * Which values of a stack's outputs (its contract) end up in which fields of another stack's objects. A
 * StackReference carries plain values, and the engine records no edge from an output to the object built
 * from it, so the link is found the way a reviewer would find it: the value itself, in the object.
 */
import { REDACTED } from "../engine/secrets";
import { PlannedObject, PlannedStack } from "./topology/planned-stacks";

/** The part of a contract a change would touch: where the peer is, whom it trusts, what it offers. */
export type ContractPart = "address" | "CA" | "exports" | "settings";
export const CONTRACT_PARTS: ContractPart[] = ["address", "CA", "exports", "settings"];

export interface ContractValue {
    /** Path in the stack's outputs, e.g. `federation.address.ip`. */
    path: string;
    part: ContractPart;
    value: string | number;
}

/** One field of an object that holds a contract value. */
export interface ValueUse {
    field: string;
    source: ContractValue;
}

export interface ObjectUses {
    object: PlannedObject;
    uses: ValueUse[];
}

/** Names a stack carries for itself, not for its readers to copy: tracing them would match everything. */
const IDENTITY_KEYS = new Set(["cluster", "version"]);

/** Every traceable leaf of a stack's outputs, with the contract part it belongs to. */
export function contractValues(outputs: Record<string, unknown>): ContractValue[] {
    return leaves(outputs)
        .filter(({ path, value }) => !IDENTITY_KEYS.has(lastKey(path)) && (typeof value === "number" || (typeof value === "string" && value.length >= 2)))
        .map(({ path, value }) => ({ path, part: partOf(path), value: value as string | number }));
}

export function partOf(path: string): ContractPart {
    const keys = path.split(/[.[\]]+/).filter(Boolean);
    if (keys.some((k) => k === "services" || k === "exports")) return "exports";
    if (/Pem$/.test(keys[keys.length - 1])) return "CA";
    // address, port, host, ip, hostname, and compounds such as ingressPort, federationHost, serviceHost
    if (keys.some((k) => /^(address|port|host|ip|hostname)$|[a-z](Address|Port|Host)$/.test(k))) return "address";
    return "settings";
}

/** The fields of each of the reader's objects that hold one of `values` (CA bundles included: plans show public certificates). */
export function traceReader(reader: PlannedStack, values: ContractValue[]): ObjectUses[] {
    return reader.objects
        .map((object) => {
            const uses: ValueUse[] = [];
            for (const { path, value } of leaves(object.object)) {
                for (const source of values) if (holds(value, source.value)) uses.push({ field: path, source });
            }
            return { object, uses };
        })
        .filter((o) => o.uses.length > 0);
}

/** The reader's objects whose content this plan hides (private keys): tracing cannot look into them. */
export function hiddenObjects(reader: PlannedStack): PlannedObject[] {
    return reader.objects.filter((o) => leaves(o.object).some((l) => l.value === REDACTED));
}

/** Does an object's field hold a contract value? PEMs by their base64 body, hosts and paths inside longer strings. */
export function holds(field: unknown, value: string | number): boolean {
    if (typeof value === "number") return field === value;
    if (typeof field !== "string") return false;
    if (value.includes("-----BEGIN")) {
        const body = pemBody(value);
        return body.length > 0 && field.replace(/\s/g, "").includes(body);
    }
    // Hosts, paths and addresses are distinctive inside longer strings (an SNI, a header); short names only whole.
    return /[./:]/.test(value) && value.length >= 6 ? field.includes(value) : field === value;
}

function pemBody(pem: string): string {
    return (/-----BEGIN [^-]+-----([\s\S]*?)-----END/.exec(pem)?.[1] ?? "").replace(/\s/g, "");
}

/** Every leaf of a JSON value with its path (`a.b[0].c`). */
export function leaves(value: unknown, path = ""): { path: string; value: unknown }[] {
    if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, `${path}[${i}]`));
    if (value !== null && typeof value === "object") {
        return Object.entries(value).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
    }
    return [{ path, value }];
}

function lastKey(path: string): string {
    return path.split(/[.[\]]+/).filter(Boolean).pop() ?? path;
}
