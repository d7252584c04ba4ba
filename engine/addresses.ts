/**
 * Load-balancer addresses the offline engine hands out, the way a cloud would: an IPv4 address from
 * TEST-NET-1 (192.0.2.0/24, RFC 5737, never routable) or, when a stack simulates hostname load
 * balancers as on AWS, a DNS name. Both are derived from the cluster and the Service's namespace/name, so
 * the same plan always gets the same address and two clusters practically never share one.
 */
import { createHash } from "node:crypto";

/** What kind of address a cloud gives a LoadBalancer Service. */
export type LoadBalancerAddressKind = "ip" | "hostname";

export interface LoadBalancerIngress {
    ip?: string;
    hostname?: string;
}

function digest(...parts: string[]): Buffer {
    return createHash("sha256").update(parts.join("\0")).digest();
}

export function loadBalancerIngress(
    cluster: string,
    namespace: string,
    service: string,
    kind: LoadBalancerAddressKind,
): LoadBalancerIngress {
    const d = digest(cluster, namespace, service);
    if (kind === "hostname") {
        return { hostname: `a${d.subarray(0, 16).toString("hex")}-${d.readUInt32BE(16) % 1_000_000_000}.elb.offline.example.com` };
    }
    // Hosts 1..254: the network and broadcast addresses are never assigned.
    return { ip: `192.0.2.${(d.readUInt16BE(0) % 254) + 1}` };
}
