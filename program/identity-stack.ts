/**
 * A cluster's identity stack: its federation CA and gateway credentials, its private gateways, and the
 * public contract peers read (host, address, CA certificate, exported services). It reads no other stack.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { CONTRACT_OUTPUT, CONTRACT_VERSION, FederationContract } from "../components/federation/contract";
import { EXPORTS_OUTPUT, SIDECAR_CREDENTIALS_OUTPUT, TRUSTED_CAS_OUTPUT } from "../components/federation/peer-contracts";
import { GatewayAddress } from "../components/gateway/gateway-address";
import { EgressGateway, FederationTrust, IngressGateway, TrustBundle } from "../components";
import { Settings } from "./settings";
import { TrustSettings } from "./trust-settings";

export function identityStack(settings: Settings & { trust: TrustSettings }, provider: k8s.Provider): Record<string, unknown> {
    const name = settings.cluster.name;
    const gatewayNamespace = settings.gateways.namespace;
    const namespace = new k8s.core.v1.Namespace(
        `${name}-gateways-namespace`,
        { metadata: { name: gatewayNamespace, labels: { "app.kubernetes.io/managed-by": "meshfed" } } },
        { provider },
    );
    const trust = new FederationTrust(`${name}-trust`, {
        provider,
        namespace: namespace.metadata.name,
        clusterName: name,
        hosts: settings.trust.hosts,
        ca: settings.trust.ca,
        certificates: settings.trust.certificates,
        sidecarCredentialNamespaces: settings.trust.sidecarCredentialNamespaces,
    });
    // Peers outside meshfed, for a cluster without a federation stack, which otherwise owns the bundles.
    const accepted = settings.trust.trustedCaCertificates;
    const bundles =
        accepted.length === 0
            ? []
            : [trust.ingressCredential, trust.egressCredential].map(
                  (credential) =>
                      new TrustBundle(`${name}-${credential.credentialName}-bundle`, {
                          provider,
                          namespace: namespace.metadata.name,
                          credentialName: credential.credentialName,
                          caCertificates: accepted,
                      }),
              );
    const outputs: Record<string, unknown> = { cluster: name, federationHost: trust.hosts[0], caCertPem: trust.caCertPem };
    // Tells this cluster's federation stack that the bundles are taken: two stacks must not own one Secret.
    if (accepted.length > 0) outputs[TRUSTED_CAS_OUTPUT] = accepted;
    outputs[SIDECAR_CREDENTIALS_OUTPUT] = settings.trust.sidecarCredentialNamespaces;

    // A cluster without an ingress gateway still publishes its contract: exporters need its CA and host to
    // admit it as a consumer.
    let reach: pulumi.Output<{ address?: GatewayAddress; port?: number }> = pulumi.output({});
    if (settings.gateways.ingress) {
        const ingress = new IngressGateway(`${name}-ingress`, {
            provider,
            namespace: gatewayNamespace,
            dependsOn: [namespace, trust.ingressCredential, ...bundles],
            ...settings.gateways.ingress,
        });
        outputs.ingressAddress = ingress.address;
        outputs.ingressPort = ingress.port;
        reach = ingress.address.apply((address) => ({ address: address as GatewayAddress, port: ingress.port }));
    }
    outputs[CONTRACT_OUTPUT] = pulumi.all([reach, trust.caCertPem]).apply(([ingress, caCertPem]): FederationContract => ({
        version: CONTRACT_VERSION,
        cluster: name,
        host: trust.hosts[0],
        ...ingress,
        caCertPem,
        services: settings.exports.map((e) => ({ ...e.exportAs, pathPrefix: e.pathPrefix, consumers: e.consumers })),
    }));
    outputs[EXPORTS_OUTPUT] = settings.exports;
    if (settings.gateways.egress) {
        new EgressGateway(`${name}-egress`, {
            provider,
            namespace: gatewayNamespace,
            dependsOn: [namespace, trust.egressCredential, ...bundles],
            ...settings.gateways.egress,
        });
    }
    return outputs;
}
