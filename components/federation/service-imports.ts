import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { applyObjects } from "../cluster/apply-objects";
import { requireDnsLabel } from "../core/checks";
import { NamedKubeObject } from "../core/kube-object";
import { GATEWAY_IDENTITY } from "../gateway/gateway-values";
import { TrustBundle } from "../trust/trust-bundle";
import { FederationContract, ReachableContract } from "./contract";
import { bindImports, ImportBinding } from "./import-resolution";
import { OutlierDetection, ResolvedImport, resolveOutlierDetection } from "./import-specs";
import { buildEgressDestinationRule, buildEgressGateway, buildEgressVirtualService, EgressGatewayRef } from "./specs/egress-routing";
import { buildImportService, buildImportVirtualService } from "./specs/import-routing";
import { buildPeerDestinationRule, buildPeerServiceEntry } from "./specs/remote-gateway";

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
            serviceHost: `${GATEWAY_IDENTITY.egress.releaseName}.${namespace}.svc.cluster.local`,
        };
        const outlierOf = (peer: string) => resolveOutlierDetection(`ServiceImportsArgs.outlierDetection.${peer}`, args.outlierDetection?.[peer]);
        const funnelled = bindings.filter((b) => b.spec.via === "egressGateway");

        // Where mutual TLS to peers is originated: the egress gateway's namespace, and each namespace whose
        // sidecars call peers directly. Each gets the peers as destinations and a bundle of their CAs.
        const origins = new Map<string, ImportBinding[]>();
        if (funnelled.length > 0) origins.set(namespace, funnelled);
        for (const b of bindings.filter((x) => x.spec.via === "sidecar")) {
            origins.set(b.spec.as.namespace, [...(origins.get(b.spec.as.namespace) ?? []), b]);
        }
        const objects: NamedKubeObject[] = [];
        const bundles: TrustBundle[] = [];
        for (const [origin, group] of [...origins].sort(([a], [b]) => a.localeCompare(b))) {
            const peers = uniquePeers(group);
            bundles.push(
                new TrustBundle(
                    `${name}-bundle${origin === namespace ? "" : `-${origin}`}`,
                    { provider: args.provider, namespace: origin, credentialName, caCertificates: [...peers.map((p) => p.caCertPem), ...(args.extraCaCertificates ?? [])] },
                    { parent: this },
                ),
            );
            objects.push(...peers.flatMap((p) => [buildPeerServiceEntry(p, origin), buildPeerDestinationRule(p, origin, credentialName, outlierOf(p.cluster))]));
        }
        if (funnelled.length > 0) {
            const imports = funnelled.map((b) => b.spec);
            objects.push(
                buildEgressGateway(imports, egress),
                buildEgressDestinationRule(imports, egress),
                ...funnelled.map((b) => buildEgressVirtualService(b.spec, b.peer, b.exported, namespace)),
            );
        }
        objects.push(...args.imports.filter((i) => !i.localSubset).map(buildImportService), ...bindings.map((b) => buildImportVirtualService(b, egress)));
        this.objects = objects;
        applyObjects(name, this.objects, { parent: this, provider: args.provider, dependsOn: bundles });
        this.registerOutputs({});
    }
}

function uniquePeers(bindings: ImportBinding[]): ReachableContract[] {
    return [...new Map(bindings.map((b) => [b.peer.cluster, b.peer])).values()].sort((a, b) => a.cluster.localeCompare(b.cluster));
}
