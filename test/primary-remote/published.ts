/**
 * Stack outputs written straight into a plan directory, as another meshfed (or another version of it) would
 * have published them: for refusing what a primary-remote stack reads, without planning the stacks it reads.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { STACK_TYPE } from "../../engine/records";
import { scratchDir } from "../support/plan";

export const NORTH_PRIMARY = {
    version: 1,
    cluster: "north",
    meshId: "mesh2",
    network: "network1",
    istioNamespace: "istio-system",
    address: { ip: "192.0.2.7" },
    gatewayNamespace: "istio-network-gateway",
    port: 15443,
};

/** A remote's two outputs: who it is (public) and how to reach its API (secret unless `secret: false`). */
export function remoteOutputs(cluster: string, o: { network?: string; meshId?: string; primary?: string; accessCluster?: string } = {}) {
    return {
        remoteCluster: { version: 1, cluster, meshId: o.meshId ?? "mesh2", network: o.network ?? "network2", primary: o.primary ?? "north" },
        remoteAccess: { version: 1, cluster: o.accessCluster ?? cluster, server: `https://api.${cluster}.example.com:6443`, certificateAuthorityData: "Q0E=", token: `token-of-${cluster}` },
    };
}

/**
 * Writes each stack's outputs into a fresh plan directory. `secret` names the outputs the stack published as
 * secrets, readable as with --show-secrets; an output given as "[secret]" is one redacted in the file.
 */
export function publish(stacks: Record<string, { outputs: Record<string, unknown>; secret?: readonly string[] }>): string {
    const dir = scratchDir("meshfed-published-");
    for (const [stack, { outputs, secret = [] }] of Object.entries(stacks)) {
        fs.mkdirSync(path.join(dir, stack));
        fs.writeFileSync(path.join(dir, stack, "outputs.json"), JSON.stringify(outputs));
        fs.writeFileSync(path.join(dir, stack, "resources.json"), JSON.stringify([{ type: STACK_TYPE, secrets: secret.map((k) => `outputs.${k}`) }]));
    }
    return dir;
}
