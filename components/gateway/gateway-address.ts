/**
 * Where peers reach a cluster's ingress gateway. Cloud load balancers give an IP (GCP, Azure) or a DNS
 * name (AWS); a user may also pin either, e.g. a DNS name fronting the load balancer.
 */
import { isIP } from "node:net";
import { requireHostname, requireObject } from "../core/checks";
import { InputError } from "../core/input-error";

export type GatewayAddress = { ip: string; hostname?: never } | { hostname: string; ip?: never };

export function resolveAddress(path: string, raw: unknown): GatewayAddress {
    const a = requireObject(path, raw);
    const keys = Object.keys(a);
    if (keys.length !== 1 || !["ip", "hostname"].includes(keys[0])) {
        throw new InputError(path, raw, "expected exactly one of { ip: <IPv4 or IPv6> } or { hostname: <DNS name> }");
    }
    if (keys[0] === "ip") {
        if (typeof a.ip !== "string" || isIP(a.ip) === 0) throw new InputError(`${path}.ip`, a.ip, "expected an IPv4 or IPv6 address");
        return { ip: a.ip };
    }
    return { hostname: requireHostname(`${path}.hostname`, a.hostname) };
}

/**
 * The address a LoadBalancer Service's status reports, or an error naming the Service and `pinPath`, the
 * field that pins an address instead (the component's Args field, or the program's config key).
 */
export function addressFromServiceStatus(service: string, status: unknown, pinPath: string): GatewayAddress {
    const ingress = (status as { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } } | undefined)?.loadBalancer?.ingress?.[0];
    if (ingress?.ip) return { ip: ingress.ip };
    if (ingress?.hostname) return { hostname: ingress.hostname };
    throw new Error(
        `Service ${service} has no load-balancer address yet; wait for the cloud to assign one and run again, ` +
            `or pin it with ${pinPath}`,
    );
}
