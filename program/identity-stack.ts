/**
 * A cluster's identity stack: its federation CA and gateway credentials, its private gateways, and the
 * public contract peers read (host, address, CA certificate, exported services). It reads no other stack.
 */
import * as k8s from "@pulumi/kubernetes";
import { CONTRACT_OUTPUT } from "../components/federation/contract";
import { federationContract } from "../components/federation/federation-contract";
import { EXPORTS_OUTPUT, GATEWAYS_OUTPUT, IdentityGateways } from "../components/federation/peer-contracts";
import { PrivateGateway } from "../components/gateway/private-gateway";
import { EgressGateway, FederationTrust, IngressGateway } from "../components";
import { Settings } from "./settings";
import { TrustSettings } from "./trust-settings";

export function identityStack(settings: Settings & { trust: TrustSettings }, provider: k8s.Provider): Record<string, unknown> {
    const name = settings.cluster.name;
    const { ingress: ingressSettings, egress: egressSettings } = settings.gateways;
    // One namespace per gateway: the chart's Role lets a gateway read every Secret of its namespace.
    // The first one takes over the single namespace earlier versions created, so state moves instead of churning.
    const namespaces: Partial<Record<"ingress" | "egress", k8s.core.v1.Namespace>> = {};
    for (const [role, s] of [["ingress", ingressSettings], ["egress", egressSettings]] as const) {
        if (!s) continue;
        const aliases = Object.keys(namespaces).length === 0 ? [{ name: `${name}-gateways-namespace` }] : [];
        namespaces[role] = new k8s.core.v1.Namespace(
            `${name}-${role}-namespace`,
            { metadata: { name: s.namespace, labels: { "app.kubernetes.io/managed-by": "meshfed" } } },
            { provider, aliases },
        );
    }
    const trust = new FederationTrust(`${name}-trust`, {
        provider,
        clusterName: name,
        hosts: settings.trust.hosts,
        ca: settings.trust.ca,
        certificates: settings.trust.certificates,
        ingressNamespace: namespaces.ingress?.metadata.name,
        egress: egressSettings && namespaces.egress ? { namespace: namespaces.egress.metadata.name, peers: egressSettings.peers } : undefined,
        sidecarCredentialNamespaces: settings.trust.sidecarCredentialNamespaces,
    });
    const outputs: Record<string, unknown> = { cluster: name, federationHost: trust.hosts[0], caCertPem: trust.caCertPem };
    const published = (g: PrivateGateway) => ({ namespace: g.namespace, releaseName: g.releaseName, serviceHost: g.serviceHost, selector: g.selector });
    const gateways: IdentityGateways = {
        sidecarCredentials: Object.fromEntries(
            Object.entries(trust.sidecarCredentials).map(([ns, byPeer]) => [ns, Object.fromEntries(Object.entries(byPeer).map(([p, c]) => [p, c.credentialName]))]),
        ),
    };

    let ingress: IngressGateway | undefined;
    if (ingressSettings && namespaces.ingress && trust.ingressCredential) {
        const { namespace, ...deployment } = ingressSettings;
        ingress = new IngressGateway(`${name}-ingress`, {
            provider,
            namespace,
            dependsOn: [namespaces.ingress, trust.ingressCredential],
            ...deployment,
        });
        outputs.ingressAddress = ingress.address;
        outputs.ingressPort = ingress.port;
        const additionalHosts = trust.hosts.slice(1);
        gateways.ingress = {
            ...published(ingress),
            port: ingress.port,
            credentialName: trust.ingressCredential.credentialName,
            ...(additionalHosts.length > 0 ? { additionalHosts } : {}),
        };
    }
    if (egressSettings && namespaces.egress) {
        const { namespace, peers: _peers, ...deployment } = egressSettings;
        const egress = new EgressGateway(`${name}-egress`, {
            provider,
            namespace,
            dependsOn: [namespaces.egress, ...Object.values(trust.egressCredentials)],
            ...deployment,
        });
        const credentials = Object.fromEntries(Object.entries(trust.egressCredentials).map(([peer, c]) => [peer, c.credentialName]));
        gateways.egress = { ...published(egress), credentials };
    }
    outputs[CONTRACT_OUTPUT] = federationContract({ cluster: name, trust, ingress, exports: settings.exports });
    outputs[EXPORTS_OUTPUT] = settings.exports;
    outputs[GATEWAYS_OUTPUT] = gateways;
    return outputs;
}
