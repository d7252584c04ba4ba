/**
 * Checks imports against what peers publish: the peer is configured, it exports the service, and it
 * exports it to this cluster. Pure, so the program runs it before registering anything.
 */
import { at, InputError } from "../core/input-error";
import { ExportedService, FederationContract, isExportedTo, isReachable, ReachableContract } from "./contract";
import { ResolvedImport } from "./import-specs";

export interface ImportBinding {
    spec: ResolvedImport;
    peer: ReachableContract;
    exported: ExportedService;
}

export function bindImports(path: string, imports: ResolvedImport[], peers: Record<string, FederationContract>, self: string): ImportBinding[] {
    return imports.map((spec, i) => {
        const p = at(path, i);
        const peer = peers[spec.peer];
        if (!peer) {
            throw new InputError(at(p, "peer"), spec.peer, `not a configured peer; configured: ${Object.keys(peers).sort().join(", ") || "none"}`);
        }
        const wanted = `${spec.service.namespace}/${spec.service.name}`;
        const exported = peer.services.find((s) => s.namespace === spec.service.namespace && s.name === spec.service.name);
        if (!exported) {
            const offered = peer.services.map((s) => `${s.namespace}/${s.name}`).sort();
            throw new InputError(at(p, "service"), wanted, `${spec.peer} does not export it; it exports: ${offered.join(", ") || "nothing"}`);
        }
        if (!isExportedTo(exported, self)) {
            throw new InputError(at(p, "service"), wanted, `${spec.peer} exports it only to ${exported.consumers.join(", ")}, not to ${self}`);
        }
        if (!isReachable(peer)) throw new InputError(at(p, "peer"), spec.peer, `${spec.peer} publishes no ingress gateway address`);
        return { spec, peer, exported };
    });
}
