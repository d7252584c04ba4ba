import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { applyObjects } from "../cluster/apply-objects";
import { requireDnsLabel } from "../core/checks";
import { NamedKubeObject } from "../core/kube-object";
import { GATEWAY_IDENTITY } from "../gateway/gateway-values";
import { TrustBundle } from "../trust/trust-bundle";
import { FederationContract } from "./contract";
import { bindImports } from "./import-resolution";
import { OutlierDetection, ResolvedImport, resolveOutlierDetection } from "./import-specs";
import { EgressGatewayRef } from "./specs/egress-routing";
import { buildImportObjects } from "./specs/import-objects";
import { serviceFqdn } from "./specs/names";

export interface ServiceImportsArgs {
    /** The explicit provider of the consuming cluster. */
    provider: k8s.Provider;
    /** The private gateways' namespace. */
    namespace: string;
    /** This cluster's federation name: peers must have exported the services to it. */
    clusterName: string;
    /** The imported services (resolved with `resolveImports`). */
    imports: ResolvedImport[];
    /** The peers' contracts, by cluster name. */
    peers: Record<string, FederationContract>;
    /** Outlier detection on each peer's gateway, by cluster name. @default 5 consecutive 5xx in 10s eject for 30s */
    outlierDetection?: Record<string, OutlierDetection>;
    /** CA certificates (PEM) of peers outside meshfed, accepted in addition to the peers' own. @default none */
    extraCaCertificates?: string[];
    /** The egress gateway's credential Secret (client certificate). @default "federation-egress" */
    credentialName?: string;
}

/**
 * The consuming side of federation: each peer's ingress gateway as a mutual-TLS destination, the egress
 * gateway's routes to it (or, for imports `via: sidecar`, the same destination in the caller's namespace),
 * and each imported service under its local name with canary and weighted split.
 */
export class ServiceImports extends pulumi.ComponentResource {
    /** The objects applied, as plain data. */
    readonly objects: NamedKubeObject[];

    constructor(name: string, args: ServiceImportsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("meshfed:federation:ServiceImports", name, {}, opts);
        const namespace = requireDnsLabel("ServiceImportsArgs.namespace", args.namespace);
        const credentialName = args.credentialName ?? "federation-egress";
        const bindings = bindImports("ServiceImportsArgs.imports", args.imports, args.peers, args.clusterName);
        const egress: EgressGatewayRef = {
            namespace,
            selector: { istio: GATEWAY_IDENTITY.egress.labels.istio },
            serviceHost: serviceFqdn(GATEWAY_IDENTITY.egress.releaseName, namespace),
        };
        const { objects, origins } = buildImportObjects(bindings, {
            egress,
            credentialName,
            outlierDetection: (peer) => resolveOutlierDetection(`ServiceImportsArgs.outlierDetection.${peer}`, args.outlierDetection?.[peer]),
        });
        const bundles = origins.map(
            ({ namespace: origin, peers }) =>
                new TrustBundle(
                    `${name}-bundle${origin === namespace ? "" : `-${origin}`}`,
                    { provider: args.provider, namespace: origin, credentialName, caCertificates: [...peers.map((p) => p.caCertPem), ...(args.extraCaCertificates ?? [])] },
                    { parent: this },
                ),
        );
        this.objects = objects;
        applyObjects(name, objects, { parent: this, provider: args.provider, dependsOn: bundles });
        this.registerOutputs({});
    }
}
