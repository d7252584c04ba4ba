/**
 * Everything the consuming side applies, as plain objects: where mutual TLS to peers is originated (the
 * egress gateway's namespace, and each namespace whose sidecars call peers directly) with the peers as
 * destinations there, the egress gateway's routes, and each import under its local name.
 */
import { NamedKubeObject } from "../../core/kube-object";
import { ReachableContract } from "../contract";
import { ImportBinding } from "../import-resolution";
import { OutlierDetection } from "../import-specs";
import { buildEgressDestinationRule, buildEgressGateway, buildEgressVirtualService, EgressGatewayRef } from "./egress-routing";
import { buildImportService, buildImportVirtualService } from "./import-routing";
import { buildPeerDestinationRule, buildPeerServiceEntry } from "./remote-gateway";

export interface ImportObjectsInput {
    egress: EgressGatewayRef;
    /** The egress credential's name, in every namespace that originates mutual TLS. */
    credentialName: string;
    outlierDetection: (peer: string) => Required<OutlierDetection>;
}

export interface ImportObjects {
    objects: NamedKubeObject[];
    /** The peers whose CAs each originating namespace must trust. */
    origins: { namespace: string; peers: ReachableContract[] }[];
}

export function buildImportObjects(bindings: ImportBinding[], input: ImportObjectsInput): ImportObjects {
    const { egress, credentialName } = input;
    const funnelled = bindings.filter((b) => b.spec.via === "egressGateway");
    const byOrigin = new Map<string, ImportBinding[]>();
    if (funnelled.length > 0) byOrigin.set(egress.namespace, funnelled);
    for (const b of bindings.filter((x) => x.spec.via === "sidecar")) {
        byOrigin.set(b.spec.as.namespace, [...(byOrigin.get(b.spec.as.namespace) ?? []), b]);
    }
    const origins = [...byOrigin].sort(([a], [b]) => a.localeCompare(b)).map(([namespace, group]) => ({ namespace, peers: uniquePeers(group) }));

    const objects: NamedKubeObject[] = origins.flatMap(({ namespace, peers }) =>
        peers.flatMap((p) => [buildPeerServiceEntry(p, namespace), buildPeerDestinationRule(p, namespace, credentialName, input.outlierDetection(p.cluster))]),
    );
    if (funnelled.length > 0) {
        const imports = funnelled.map((b) => b.spec);
        objects.push(
            buildEgressGateway(imports, egress),
            buildEgressDestinationRule(imports, egress),
            ...funnelled.map((b) => buildEgressVirtualService(b.spec, b.peer, b.exported, egress.namespace)),
        );
    }
    objects.push(
        ...bindings.filter((b) => !b.spec.localSubset).map((b) => buildImportService(b.spec)),
        ...bindings.map((b) => buildImportVirtualService(b, egress)),
    );
    return { objects, origins };
}

function uniquePeers(bindings: ImportBinding[]): ReachableContract[] {
    return [...new Map(bindings.map((b) => [b.peer.cluster, b.peer])).values()].sort((a, b) => a.cluster.localeCompare(b.cluster));
}
