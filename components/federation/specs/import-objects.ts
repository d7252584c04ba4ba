/**
 * Everything the consuming side applies, as plain objects: where mutual TLS to peers is originated (the
 * egress gateway's namespace, and each namespace whose sidecars call peers directly) with each peer as a
 * destination there, the egress gateway's routes, each import under its local name, and for sidecars the
 * Role istiod requires before it serves them a credential.
 */
import { NamedKubeObject } from "../../core/kube-object";
import { at, InputError } from "../../core/input-error";
import { sameLabels } from "../../core/checks";
import { caCompanionName } from "../../trust/credential-names";
import { consumerSni, ReachableContract } from "../contract";
import { ImportBinding } from "../import-resolution";
import { PeerOutlierDetection } from "../import-specs";
import { buildEgressDestinationRule, buildEgressGateway, buildEgressVirtualService, EgressGatewayRef } from "./egress-routing";
import { buildImportService, buildImportServiceEntries, buildImportVirtualService } from "./import-routing";
import { buildPeerDestinationRule, buildPeerServiceEntry } from "./remote-gateway";
import { buildCredentialReaderRole } from "./sidecar-access";

export interface ImportObjectsInput {
    /** This cluster's federation name: peers know it by `consumerSni(self, peer host)`. */
    self: string;
    /** The egress gateway and its client credential per peer; absent when the cluster runs none. */
    egress?: EgressGatewayRef & { credentials: Record<string, string> };
    /** The client credential copies for sidecars: by namespace, then by peer. */
    sidecarCredentials: Record<string, Record<string, string>>;
    outlierDetection: (peer: string) => PeerOutlierDetection | false;
    /**
     * Callers resolve names with Istio's DNS proxy: the local names of imports with no local version are
     * declared by one ServiceEntry per namespace, peer and port instead of a Service each.
     */
    dnsProxy: boolean;
    /** Where the imports came from (`ServiceImportsArgs.imports`, a stack's config key), for error messages. @default "imports" */
    path?: string;
}

/** A namespace that originates mutual TLS to one peer, and the Secret that must hold that peer's CA there. */
export interface Origin {
    namespace: string;
    peer: ReachableContract;
    credentialName: string;
    /** `<credentialName>-cacert`: this peer's CA, and no other. */
    caBundle: string;
}

export interface ImportObjects {
    objects: NamedKubeObject[];
    origins: Origin[];
}

export function buildImportObjects(bindings: ImportBinding[], input: ImportObjectsInput): ImportObjects {
    const funnelled = bindings.filter((b) => b.spec.via === "egressGateway");
    const direct = bindings.filter((b) => b.spec.via === "sidecar");
    const origins: (Origin & { workloadLabels?: Record<string, string> })[] = [];
    /** The import's own path: bindings are the imports, in order. */
    const pathOf = (b: ImportBinding) => (input.path === undefined ? "imports" : at(input.path, bindings.indexOf(b)));
    if (funnelled.length > 0) {
        const egress = input.egress;
        const named = (b: ImportBinding) => `${b.spec.as.namespace}/${b.spec.as.name}`;
        if (!egress) {
            throw new InputError(pathOf(funnelled[0]), named(funnelled[0]), "that import goes through the egress gateway, which this cluster does not run: give the identity stack an egress gateway for its peers (gateways.egress.peers; meshfed:gateways.egress.peers in a stack config)");
        }
        for (const peer of uniquePeers(funnelled)) {
            const credentialName = egress.credentials[peer.cluster];
            if (!credentialName) {
                const first = funnelled.find((b) => b.peer.cluster === peer.cluster)!;
                throw new InputError(pathOf(first), named(first), `the egress gateway has no credential for ${peer.cluster}: add ${peer.cluster} to the identity stack's gateways.egress.peers (meshfed:gateways.egress.peers in a stack config)`);
            }
            // Selected too: only the egress gateway's pods originate, and Istio's analyzer (IST0128) trusts a
            // credential's CA bundle only on a DestinationRule that selects its workloads.
            origins.push({ namespace: egress.namespace, peer, credentialName, caBundle: caCompanionName(credentialName), workloadLabels: egress.selector });
        }
    }
    const objects: NamedKubeObject[] = [];
    for (const [namespace, group] of groupBy(direct, (b) => b.spec.as.namespace)) {
        for (const [, calls] of groupBy(group, (b) => b.peer.cluster)) {
            const peer = calls[0].peer;
            const credentialName = input.sidecarCredentials[namespace]?.[peer.cluster];
            if (!credentialName) {
                throw new InputError(pathOf(calls[0]), `${namespace}/${calls[0].spec.as.name}`, `sidecars in ${namespace} need the client credential for ${peer.cluster} there: add ${namespace} to the identity stack's trust.sidecarCredentialNamespaces (meshfed:trust.sidecarCredentialNamespaces in a stack config)`);
            }
            const labels = calls[0].spec.callers!.labels;
            const other = calls.find((b) => !sameLabels(b.spec.callers!.labels, labels));
            if (other) {
                throw new InputError(at(pathOf(other), "callers"), other.spec.callers, `imports from ${peer.cluster} into ${namespace} are originated by one DestinationRule: give them the same callers.labels (${JSON.stringify(labels)})`);
            }
            origins.push({ namespace, peer, credentialName, caBundle: caCompanionName(credentialName), workloadLabels: labels });
        }
        const accounts = [...new Set(group.flatMap((b) => b.spec.callers!.serviceAccounts))].sort();
        objects.push(...buildCredentialReaderRole(namespace, accounts));
    }
    for (const o of origins) {
        objects.push(
            buildPeerServiceEntry(o.peer, o.namespace),
            buildPeerDestinationRule(o.peer, o.namespace, {
                credentialName: o.credentialName,
                sni: consumerSni(input.self, o.peer.host),
                workloadLabels: o.workloadLabels,
                outlierDetection: input.outlierDetection(o.peer.cluster),
            }),
        );
    }
    if (funnelled.length > 0) {
        const egress = input.egress!;
        const peers = uniquePeers(funnelled).map((p) => ({ peer: p, cluster: p.cluster, name: consumerSni(input.self, p.host) }));
        objects.push(
            buildEgressGateway(peers.map((p) => p.name), egress),
            buildEgressDestinationRule(peers, funnelled.map((b) => b.spec.as.namespace), egress),
            ...peers.map((p) =>
                buildEgressVirtualService(p.peer, funnelled.filter((b) => b.peer.cluster === p.cluster).map((b) => b.exported.pathPrefix), p.name, egress.namespace),
            ),
        );
    }
    objects.push(...buildLocalNames(bindings.filter((b) => !b.spec.localSubset).map((b) => b.spec), input.dnsProxy));
    objects.push(
        ...bindings.map((b) => buildImportVirtualService(b, input.egress, consumerSni(input.self, b.peer.host))),
    );
    return { objects, origins: origins.map(({ workloadLabels: _labels, ...o }) => o) };
}

/** Names for the imports that have no local version: a Service each, or with DNS proxying, ServiceEntries per namespace, peer and port. */
function buildLocalNames(imports: ImportBinding["spec"][], dnsProxy: boolean): NamedKubeObject[] {
    if (!dnsProxy) return imports.map(buildImportService);
    return [...groupBy(imports, (i) => `${i.as.namespace}/${i.peer}/${i.as.port}`).values()].flatMap((group) =>
        buildImportServiceEntries(group[0].as.namespace, group[0].peer, group[0].as.port, group),
    );
}

function uniquePeers(bindings: ImportBinding[]): ReachableContract[] {
    return [...groupBy(bindings, (b) => b.peer.cluster).values()].map((g) => g[0].peer);
}

/** Groups in key order, so generated objects come out in the same order on every run. */
function groupBy<T>(items: T[], keyOf: (t: T) => string): Map<string, T[]> {
    const groups = new Map<string, T[]>();
    for (const item of items) groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), item]);
    return new Map([...groups].sort(([a], [b]) => a.localeCompare(b)));
}
