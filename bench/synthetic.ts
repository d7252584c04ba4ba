/**
 * Synthetic federations for the benchmark: N clusters in a full mesh, each exporting M services to every
 * other cluster and importing all of its peers' services, with a mix of the import shapes users write
 * (canary + weighted split, canary only, all remote, via sidecar), callers on Istio's DNS proxy. Written as
 * ordinary stack files, so the benchmark plans exactly what `npm run plan` plans.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { stringify } from "yaml";

export interface Size {
    clusters: number;
    services: number;
}

const name = (c: number) => `c${c}`;
const host = (c: number) => `${name(c)}.bench.example.com`;
const svc = (s: number) => `svc${s}`;
/** Applications live in a few namespaces, as they do in real clusters. */
const appNamespace = (s: number) => `team${s % 4}`;
/** The namespace sidecar-mode imports land in: one per cluster keeps the credential copies to one. */
const SIDECAR_NAMESPACE = "direct";

/** Which shape the import of service `s` takes: a quarter each. */
function shapeOf(s: number): "split" | "canary" | "remote" | "sidecar" {
    return (["split", "canary", "remote", "sidecar"] as const)[s % 4];
}

export function writeSyntheticStacks(dir: string, size: Size): string[] {
    fs.mkdirSync(dir, { recursive: true });
    const clusters = Array.from({ length: size.clusters }, (_, i) => i + 1);
    const services = Array.from({ length: size.services }, (_, i) => i);
    const stacks: string[] = [];
    const write = (stack: string, config: Record<string, unknown>) => {
        fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), stringify({ config }));
        stacks.push(stack);
    };
    for (const c of clusters) {
        const peers = clusters.filter((p) => p !== c);
        write(name(c), {
            "meshfed:cluster": { name: name(c) },
            "meshfed:trust": { federationHost: host(c), sidecarCredentialNamespaces: [SIDECAR_NAMESPACE] },
            "meshfed:gateways": { ingress: { cloud: "gcp" }, egress: { peers: peers.map(name) } },
            "meshfed:exports": services.map((s) => ({
                service: { name: svc(s), namespace: appNamespace(s), port: 8080 },
                ...(shapeOf(s) === "split" ? { subset: { name: "v2", labels: { version: "v2" } } } : {}),
                consumers: peers.map(name),
            })),
        });
    }
    for (const c of clusters) {
        const peers = clusters.filter((p) => p !== c);
        const imports = peers.flatMap((p) =>
            services.map((s) => {
                const local = { name: `${svc(s)}-from-${name(p)}`, namespace: appNamespace(s), port: 8080 };
                const base = { peer: name(p), service: { name: svc(s), namespace: appNamespace(s) } };
                switch (shapeOf(s)) {
                    case "split":
                        return { ...base, as: { ...local, name: svc(s) }, localSubset: "v1", canary: { "end-user": { exact: "tester" } }, remoteWeight: 20 };
                    case "canary":
                        return { ...base, as: local, canary: { "x-canary": { exact: "1" } } };
                    case "remote":
                        return { ...base, as: local };
                    case "sidecar":
                        return { ...base, as: { ...local, namespace: SIDECAR_NAMESPACE }, via: "sidecar", callers: { labels: { app: "caller" }, serviceAccounts: ["caller"] } };
                }
            }),
        );
        // A split import shares its local name with the local version: one import per local name.
        const seen = new Set<string>();
        const unique = imports.filter((i) => {
            const key = `${i.as.namespace}/${i.as.name}`;
            return !seen.has(key) && seen.add(key);
        });
        write(`${name(c)}-federation`, {
            "meshfed:cluster": { name: name(c) },
            "meshfed:federation": {
                identityStack: name(c),
                peers: Object.fromEntries(peers.map((p) => [name(p), { stack: name(p) }])),
                imports: unique,
                // Callers run Istio's DNS proxy, as large federations should (README, Federation): local names
                // are declared per namespace and port, not per import.
                dnsProxy: true,
            },
            "meshfed:offline": {
                clusterObjects: services
                    .filter((s) => shapeOf(s) === "split")
                    .flatMap((s) => [
                        { apiVersion: "v1", kind: "Service", metadata: { name: svc(s), namespace: appNamespace(s) }, spec: { ports: [{ name: "http", port: 8080 }], selector: { app: svc(s) } } },
                        {
                            apiVersion: "networking.istio.io/v1",
                            kind: "DestinationRule",
                            metadata: { name: svc(s), namespace: appNamespace(s) },
                            spec: { host: svc(s), subsets: [{ name: "v1", labels: { version: "v1" } }] },
                        },
                    ]),
            },
        });
    }
    return stacks;
}

/** Imports a federation stack of this size holds (one per peer and service, but one per local name for splits). */
export function importsPerStack(size: Size): number {
    const splits = Array.from({ length: size.services }, (_, s) => s).filter((s) => shapeOf(s) === "split").length;
    return (size.clusters - 1) * (size.services - splits) + (size.clusters > 1 ? splits : 0);
}
