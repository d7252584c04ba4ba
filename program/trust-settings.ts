/** `meshfed:trust`: the cluster's federation identity. */
import { requireDnsLabel, requireHostname, requireObject, rejectUnknownKeys } from "../components/core/checks";
import { InputError } from "../components/core/input-error";
import { CaSettings, LeafSettings, resolveCa, resolveLeaf } from "../components/trust/cert-specs";
import { resolveHosts } from "../components/trust/gateway-cert";
import { IdentityTrust } from "../components/stacks/identity-settings";
import { key } from "./config-key";


export function readTrust(raw: unknown, clusterName: string): IdentityTrust {
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
    if (trust.trustedCaCertificates !== undefined) {
        throw new InputError(
            `${path}.trustedCaCertificates`,
            "(set)",
            `a pooled list of CAs would let any of them issue another peer's identity: declare each peer outside meshfed in ${key("federation")}.peers.<name>.contract (its host, CA and address), so it is trusted for its own identity only`,
        );
    }
    return {
        hosts: [federationHost, ...additionalHosts],
        ca: (trust.ca ?? {}) as CaSettings,
        certificates: (trust.certificates ?? {}) as LeafSettings,
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
