/**
 * `meshfed:gateways`: the private ingress and egress gateways, each in a namespace of its own so that each
 * gateway can read only its own credentials (the chart's Role lets a gateway read every Secret of its
 * namespace). A gateway exists only where it serves something: the ingress gateway on a cluster that
 * exports, the egress gateway on a cluster that imports from at least one peer.
 */
import { rejectUnknownKeys, requireObject } from "../components/core/checks";
import { at, InputError } from "../components/core/input-error";
import { EGRESS_KEYS, INGRESS_KEYS } from "../components/gateway/gateway-specs";
import { key } from "./config-key";

/** The gateways as `IdentityStackArgs.gateways`, namespaces defaulted: the gateways' resolvers check the rest, naming this key. */
export interface GatewaySettings {
    ingress?: Record<string, unknown> & { namespace: unknown };
    egress?: Record<string, unknown> & { namespace: unknown };
}

export const DEFAULT_INGRESS_NAMESPACE = "istio-federation-ingress";
export const DEFAULT_EGRESS_NAMESPACE = "istio-federation-egress";


export function readGateways(raw: unknown, hasTrust: boolean, exporting: boolean): GatewaySettings {
    const path = key("gateways");
    const g = requireObject(path, raw ?? {});
    if (g.namespace !== undefined) {
        throw new InputError(
            at(path, "namespace"),
            g.namespace,
            "each gateway now has a namespace of its own, holding only its own credentials: set ingress.namespace and egress.namespace",
        );
    }
    rejectUnknownKeys(path, g, ["ingress", "egress"]);
    for (const role of ["ingress", "egress"] as const) {
        if (g[role] !== undefined && g[role] !== false && !hasTrust) {
            throw new InputError(at(path, role), g[role], `a private gateway needs the cluster's federation identity: set ${key("trust")} too`);
        }
    }
    if (!hasTrust) return {};
    if (exporting && g.ingress === false) {
        throw new InputError(at(path, "ingress"), false, `${key("exports")} are served by the ingress gateway: keep it, or export nothing`);
    }
    return { ingress: readIngress(at(path, "ingress"), g.ingress, exporting), egress: readEgress(at(path, "egress"), g.egress) };
}

/** Settings ask for an ingress gateway even on a cluster that exports nothing (yet). */
function readIngress(path: string, raw: unknown, exporting: boolean): GatewaySettings["ingress"] {
    if (raw === false || (raw === undefined && !exporting)) return undefined;
    if (raw === true) {
        throw new InputError(path, true, "to run an ingress gateway on a cluster that exports nothing (yet), give its settings: ingress: { cloud: aws|gcp|azure } (or exposure: public)");
    }
    const s = raw === undefined ? {} : requireObject(path, raw);
    rejectUnknownKeys(path, s, ["namespace", ...INGRESS_KEYS]);
    return { ...s, namespace: s.namespace ?? DEFAULT_INGRESS_NAMESPACE };
}

function readEgress(path: string, raw: unknown): GatewaySettings["egress"] {
    if (raw === false || raw === undefined) return undefined;
    const s = requireObject(path, raw);
    rejectUnknownKeys(path, s, ["namespace", "peers", ...EGRESS_KEYS]);
    return { ...s, namespace: s.namespace ?? DEFAULT_EGRESS_NAMESPACE };
}
