/** `meshfed:trust`: the cluster's federation identity, as `IdentityStackArgs.trust` (FederationTrust checks the rest). */
import { requireHostname, requireObject, rejectUnknownKeys } from "../components/core/checks";
import { InputError } from "../components/core/input-error";
import { resolveHosts } from "../components/trust/gateway-cert";
import { UncheckedIdentityStackArgs } from "../components/stacks/identity-stack";
import { key } from "./config-key";

/**
 * The config's shape mapped to the component's: `federationHost` and `additionalHosts` become `hosts`. The CA,
 * certificate and namespace settings go as they are to FederationTrust's resolver, which names this key.
 */
export function readTrust(raw: unknown): UncheckedIdentityStackArgs["trust"] {
    const path = key("trust");
    const trust = requireObject(path, raw);
    rejectUnknownKeys(path, trust, ["federationHost", "additionalHosts", "ca", "certificates", "trustedCaCertificates", "sidecarCredentialNamespaces"]);
    const federationHost = requireHostname(`${path}.federationHost`, trust.federationHost);
    const additionalHosts = trust.additionalHosts === undefined ? [] : resolveHosts(`${path}.additionalHosts`, trust.additionalHosts);
    if (additionalHosts.includes(federationHost)) {
        const i = additionalHosts.indexOf(federationHost);
        throw new InputError(`${path}.additionalHosts[${i}]`, federationHost, "the federation host is a SAN already; list each host once");
    }
    if (trust.trustedCaCertificates !== undefined) {
        throw new InputError(
            `${path}.trustedCaCertificates`,
            "(set)",
            `a pooled list of CAs would let any of them issue another peer's identity: declare each peer outside meshfed in ${key("federation")}.peers.<name>.contract (its host, CA and address), so it is trusted for its own identity only`,
        );
    }
    return { hosts: [federationHost, ...additionalHosts], ca: trust.ca, certificates: trust.certificates, sidecarCredentialNamespaces: trust.sidecarCredentialNamespaces };
}
