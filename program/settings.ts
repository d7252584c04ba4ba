/**
 * The stack config, read once and checked whole before the program creates anything: a bad value stops
 * `pulumi up` (and `npm run plan`) with the key, the value and what is allowed, and nothing is half-applied.
 */
import * as pulumi from "@pulumi/pulumi";
import { requireDnsLabel, requireHostname, requireObject, rejectUnknownKeys, requireString } from "../components/core/checks";
import { InputError } from "../components/core/input-error";
import { KubeObject, resolveKubeObjects } from "../components/cluster/cluster-objects";
import { CaSettings, LeafSettings, resolveCa, resolveLeaf } from "../components/trust/cert-specs";
import { resolveHosts } from "../components/trust/gateway-cert";
import { joinBundle } from "../components/trust/pem-bundle";

export const PROJECT = "meshfed";
const key = (k: string) => `${PROJECT}:${k}`;

export interface TrustSettings {
    hosts: string[];
    ca: CaSettings;
    certificates: LeafSettings;
    /** CA certificates (PEM) of peers managed outside meshfed, accepted by this cluster's gateways. */
    trustedCaCertificates: string[];
}

export interface Settings {
    cluster: { name: string; context?: string };
    /** The cluster's kubeconfig, a secret. */
    kubeconfig: pulumi.Output<string>;
    /** Namespace of the private gateways and their credentials. */
    gatewayNamespace: string;
    /** Absent: this stack does not manage a federation identity. */
    trust?: TrustSettings;
    objects: KubeObject[];
}

export function readSettings(config = new pulumi.Config(PROJECT)): Settings {
    const cluster = requireObject(key("cluster"), config.requireObject("cluster"));
    rejectUnknownKeys(key("cluster"), cluster, ["name", "context"]);
    const name = requireDnsLabel(`${key("cluster")}.name`, cluster.name);
    const gateways = requireObject(key("gateways"), config.getObject("gateways") ?? {});
    rejectUnknownKeys(key("gateways"), gateways, ["namespace"]);
    const rawTrust = config.getObject("trust");
    return {
        cluster: {
            name,
            context: cluster.context === undefined ? undefined : requireString(`${key("cluster")}.context`, cluster.context),
        },
        kubeconfig: config.requireSecret("kubeconfig"),
        gatewayNamespace:
            gateways.namespace === undefined ? "istio-private-gateways" : requireDnsLabel(`${key("gateways")}.namespace`, gateways.namespace),
        trust: rawTrust === undefined ? undefined : readTrust(rawTrust, name),
        objects: resolveKubeObjects(key("objects"), config.getObject("objects")),
    };
}

function readTrust(raw: unknown, clusterName: string): TrustSettings {
    const path = key("trust");
    const trust = requireObject(path, raw);
    rejectUnknownKeys(path, trust, ["federationHost", "additionalHosts", "ca", "certificates", "trustedCaCertificates"]);
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
    };
}
