/** `meshfed:gateways`: the private ingress and egress gateways and their namespace. */
import { rejectUnknownKeys, requireDnsLabel, requireObject } from "../components/core/checks";
import { InputError } from "../components/core/input-error";
import { EgressSettings, IngressSettings, resolveEgress, resolveIngress } from "../components/gateway/gateway-specs";
import { key } from "./config-key";

export interface GatewaySettings {
    /** Namespace of the private gateways and their credentials. */
    namespace: string;
    /** Absent when switched off (`ingress: false`) or when the stack has no federation identity. */
    ingress?: IngressSettings;
    egress?: EgressSettings;
}

export function readGateways(raw: unknown, hasTrust: boolean, exporting: boolean): GatewaySettings {
    const path = key("gateways");
    const g = requireObject(path, raw ?? {});
    rejectUnknownKeys(path, g, ["namespace", "ingress", "egress"]);
    const namespace = g.namespace === undefined ? "istio-private-gateways" : requireDnsLabel(`${path}.namespace`, g.namespace);
    const wanted = (role: "ingress" | "egress") => g[role] !== false && (hasTrust || g[role] !== undefined);
    for (const role of ["ingress", "egress"] as const) {
        if (g[role] !== undefined && g[role] !== false && !hasTrust) {
            throw new InputError(`${path}.${role}`, g[role], `a private gateway needs the cluster's federation identity: set ${key("trust")} too`);
        }
    }
    if (exporting && g.ingress === false) {
        throw new InputError(`${path}.ingress`, false, `${key("exports")} are served by the ingress gateway: keep it, or export nothing`);
    }
    // Resolved here only to fail early, named by config key; the components resolve again from Args.
    if (wanted("ingress")) resolveIngress(`${path}.ingress`, g.ingress);
    if (wanted("egress")) resolveEgress(`${path}.egress`, g.egress);
    return {
        namespace,
        ingress: wanted("ingress") ? ((g.ingress ?? {}) as IngressSettings) : undefined,
        egress: wanted("egress") ? ((g.egress ?? {}) as EgressSettings) : undefined,
    };
}
