/**
 * A cluster's identity stack as one component: its federation CA and gateway credentials, its private
 * gateways (each in a namespace of its own), and the public contract peers read (host, address, CA
 * certificate, exported services). It reads no other stack, which is what lets N clusters deploy without
 * StackReference cycles: federation stacks read identity stacks, never the reverse.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { formerlyTopLevel } from "../core/aliases";
import { FederationContract } from "../federation/contract";
import { ResolvedExport } from "../federation/export-specs";
import { federationContract } from "../federation/federation-contract";
import { IdentityGateways } from "../federation/peer-contracts";
import { EgressGateway } from "../gateway/egress-gateway";
import { IngressGateway } from "../gateway/ingress-gateway";
import { PrivateGateway } from "../gateway/private-gateway";
import { FederationTrust } from "../trust/federation-trust";
import { IdentityGatewaySettings, IdentityTrust } from "./identity-settings";

export interface IdentityStackArgs {
    /** The explicit provider of the cluster. */
    provider: k8s.Provider;
    /** The cluster's federation name: peers know it by this name. */
    clusterName: string;
    /** Its federation identity: hosts, CA and certificate settings, sidecar credential namespaces. */
    trust: IdentityTrust;
    /** The private gateways. @default none: an identity without gateways (it neither exports nor imports) */
    gateways?: IdentityGatewaySettings;
    /** What the cluster exports (resolved with `resolveExports`); served by the ingress gateway. @default none */
    exports?: ResolvedExport[];
}


export class IdentityStack extends pulumi.ComponentResource {
    readonly trust: FederationTrust;
    readonly ingress?: IngressGateway;
    readonly egress?: EgressGateway;
    /** The public contract peers read (`federation` output): host, address and port, CA certificate, exported services. */
    readonly contract: pulumi.Output<FederationContract>;
    /** What the federation stack needs of its own cluster's gateways (`gateways` output). */
    readonly gateways: IdentityGateways;
    readonly exports: ResolvedExport[];

    constructor(name: string, args: IdentityStackArgs, opts?: pulumi.ComponentResourceOptions) {
        super("meshfed:stacks:IdentityStack", name, {}, opts);
        const { provider, clusterName } = args;
        const { ingress: ingressSettings, egress: egressSettings } = args.gateways ?? {};
        // One namespace per gateway: the chart's Role lets a gateway read every Secret of its namespace.
        // The first one takes over the single namespace meshfed 0.1 created, so state moves instead of churning.
        const namespaces: Partial<Record<"ingress" | "egress", k8s.core.v1.Namespace>> = {};
        for (const [role, s] of [["ingress", ingressSettings], ["egress", egressSettings]] as const) {
            if (!s) continue;
            const formerNames = Object.keys(namespaces).length === 0 ? [{ ...formerlyTopLevel(), name: `${name}-gateways-namespace` }] : [];
            namespaces[role] = new k8s.core.v1.Namespace(
                `${name}-${role}-namespace`,
                { metadata: { name: s.namespace, labels: { "app.kubernetes.io/managed-by": "meshfed" } } },
                { parent: this, provider, aliases: [formerlyTopLevel(), ...formerNames] },
            );
        }
        const child = { parent: this, aliases: [formerlyTopLevel()] };
        this.trust = new FederationTrust(
            `${name}-trust`,
            {
                provider,
                clusterName,
                hosts: args.trust.hosts,
                ca: args.trust.ca,
                certificates: args.trust.certificates,
                ingressNamespace: namespaces.ingress?.metadata.name,
                egress: egressSettings && namespaces.egress ? { namespace: namespaces.egress.metadata.name, peers: egressSettings.peers } : undefined,
                sidecarCredentialNamespaces: args.trust.sidecarCredentialNamespaces,
            },
            child,
        );
        const trust = this.trust;
        const published = (g: PrivateGateway) => ({ namespace: g.namespace, releaseName: g.releaseName, serviceHost: g.serviceHost, selector: g.selector });
        this.gateways = {
            sidecarCredentials: Object.fromEntries(
                Object.entries(trust.sidecarCredentials).map(([ns, byPeer]) => [ns, Object.fromEntries(Object.entries(byPeer).map(([p, c]) => [p, c.credentialName]))]),
            ),
        };
        if (ingressSettings && namespaces.ingress && trust.ingressCredential) {
            const { namespace, ...deployment } = ingressSettings;
            this.ingress = new IngressGateway(`${name}-ingress`, { provider, namespace, dependsOn: [namespaces.ingress, trust.ingressCredential], ...deployment }, child);
            const additionalHosts = trust.hosts.slice(1);
            this.gateways.ingress = {
                ...published(this.ingress),
                port: this.ingress.port,
                credentialName: trust.ingressCredential.credentialName,
                ...(additionalHosts.length > 0 ? { additionalHosts } : {}),
            };
        }
        if (egressSettings && namespaces.egress) {
            const { namespace, peers: _peers, ...deployment } = egressSettings;
            this.egress = new EgressGateway(`${name}-egress`, { provider, namespace, dependsOn: [namespaces.egress, ...Object.values(trust.egressCredentials)], ...deployment }, child);
            const credentials = Object.fromEntries(Object.entries(trust.egressCredentials).map(([peer, c]) => [peer, c.credentialName]));
            this.gateways.egress = { ...published(this.egress), credentials };
        }
        this.exports = args.exports ?? [];
        this.contract = federationContract({ cluster: clusterName, trust, ingress: this.ingress, exports: this.exports });
        this.registerOutputs({ contract: this.contract, gateways: this.gateways, exports: this.exports });
    }
}
