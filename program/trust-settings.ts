/** `meshfed:trust`: the cluster's federation identity. */
import { requireDnsLabel, requireHostname, requireObject, rejectUnknownKeys } from "../components/core/checks";
import { InputError } from "../components/core/input-error";
import { CaSettings, LeafSettings, resolveCa, resolveLeaf } from "../components/trust/cert-specs";
import { resolveHosts } from "../components/trust/gateway-cert";
import { joinBundle } from "../components/trust/pem-bundle";
import { key } from "./config-key";

export interface TrustSettings {
    hosts: string[];
    ca: CaSettings;
    certificates: LeafSettings;
    /** CA certificates (PEM) of peers managed outside meshfed, accepted by this cluster's gateways. */
    trustedCaCertificates: string[];
    /** Application namespaces that get a copy of the egress credential, for imports `via: sidecar`. */
    sidecarCredentialNamespaces: string[];
}

export function readTrust(raw: unknown, clusterName: string): TrustSettings {
    const path = key("trust");
    const trust = requireObject(path, raw);
    rejectUnknownKeys(path, trust, ["federationHost", "additionalHosts", "ca", "certificates", "trustedCaCertificates", "sidecarCredentialNamespaces"]);
    const federationHost = requireHostname(`${path}.federationHost`, trust.federationHost);
    const additionalHosts = trust.additionalHosts === undefined ? [] : resolveHosts(`${path}.additionalHosts`, trust.additionalHosts);
    if (additionalHosts.includes(federationHost)) {
        const i = additionalHosts.indexOf(federationHost);
        throw new InputError(`${path}.additionalHosts[${i}]`, federationHost, "the federation host is a SAN already; list each host once");
    }
    const ca = resolveCa(`${path}.ca`, trust.ca, clusterName);
    resolveLeaf(`${path}.certificates`, trust.certificates, ca);
    const trusted = trust.trustedCaCertificates ?? [];
    if (!Array.isArray(trusted)) throw new InputError(`${path}.trustedCaCertificates`, trusted, "expected a list of PEM certificates");
    if (trusted.length > 0) joinBundle(`${path}.trustedCaCertificates`, trusted as string[]);
    return {
        hosts: [federationHost, ...additionalHosts],
        ca: (trust.ca ?? {}) as CaSettings,
        certificates: (trust.certificates ?? {}) as LeafSettings,
        trustedCaCertificates: trusted as string[],
        sidecarCredentialNamespaces: resolveNamespaces(`${path}.sidecarCredentialNamespaces`, trust.sidecarCredentialNamespaces),
    };
}

function resolveNamespaces(path: string, raw: unknown): string[] {
    if (raw === undefined) return [];
    if (!Array.isArray(raw)) throw new InputError(path, raw, "expected a list of namespaces");
    const seen = new Set<string>();
    return raw.map((ns, i) => {
        const name = requireDnsLabel(`${path}[${i}]`, ns);
        if (seen.has(name)) throw new InputError(`${path}[${i}]`, ns, "each namespace once");
        seen.add(name);
        return name;
    });
}
