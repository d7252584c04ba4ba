/**
 * The meshfed program: one stack per cluster. It reads the stack's config once, checks all of it, then
 * composes the components of `components/`. `pulumi up` runs it against a real cluster; `npm run plan`
 * runs it on the offline engine.
 */
import * as k8s from "@pulumi/kubernetes";
import { Cluster, ClusterObjects, EgressGateway, FederationTrust, IngressGateway, TrustBundle } from "./components";
import { readSettings } from "./program/settings";

export default async function meshfed(): Promise<Record<string, unknown>> {
    const settings = readSettings();
    const name = settings.cluster.name;

    const cluster = new Cluster(name, {
        name,
        kubeconfig: settings.kubeconfig,
        context: settings.cluster.context,
    });
    const provider = cluster.provider;
    const outputs: Record<string, unknown> = { cluster: cluster.clusterName };

    if (settings.trust) {
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
        });
        const accepted = settings.trust.trustedCaCertificates;
        const bundles = accepted.length === 0 ? [] : [trust.ingressCredential, trust.egressCredential].map(
            (credential) =>
                new TrustBundle(`${name}-${credential.credentialName}-bundle`, {
                    provider,
                    namespace: namespace.metadata.name,
                    credentialName: credential.credentialName,
                    caCertificates: accepted,
                }),
        );
        outputs.federationHost = trust.hosts[0];
        outputs.caCertPem = trust.caCertPem;

        if (settings.gateways.ingress) {
            const ingress = new IngressGateway(`${name}-ingress`, {
                provider,
                namespace: gatewayNamespace,
                dependsOn: [namespace, trust.ingressCredential, ...bundles],
                ...settings.gateways.ingress,
            });
            outputs.ingressAddress = ingress.address;
            outputs.ingressPort = ingress.port;
        }
        if (settings.gateways.egress) {
            new EgressGateway(`${name}-egress`, {
                provider,
                namespace: gatewayNamespace,
                dependsOn: [namespace, trust.egressCredential, ...bundles],
                ...settings.gateways.egress,
            });
        }
    }
    if (settings.objects.length > 0) {
        new ClusterObjects(`${name}-objects`, { provider, objects: settings.objects });
    }
    return outputs;
}
