/**
 * The three stack kinds of one control plane across networks (Istio's primary-remote), read from stack
 * config and checked whole before anything is created. References run one way:
 * `<primary>-mesh` → `<primary>-primary` (`meshfed:primary`) → `<remote>-remote` (`meshfed:remote`) →
 * `<primary>-remotes` (`meshfed:primaryRemotes`). The remote needs the primary's gateway address, the
 * primary needs the remote's token: one stack per cluster would be a cycle.
 */
import * as pulumi from "@pulumi/pulumi";
import { rejectUnknownKeys, requireDnsLabel, requireHostname, requireObject, requireString } from "../components/core/checks";
import { at, InputError } from "../components/core/input-error";
import { requireApiServer } from "../components/primary-remote/reader-token";
import { undeclaredKeys, vendoredChartKeys } from "../validate/chart-keys";
import { key } from "./config-key";
import { exclusiveStackKind } from "./stack-kind";

export const PRIMARY_REMOTE_KEYS = ["primary", "remote", "primaryRemotes"] as const;
export type PrimaryRemoteStackKind = (typeof PRIMARY_REMOTE_KEYS)[number];
/** Which primary-remote stack this is, if any; combined with any other kind its references could run both ways. */
export function primaryRemoteStackKind(config: Record<string, string> = pulumi.runtime.allConfig()): PrimaryRemoteStackKind | undefined {
    return exclusiveStackKind(
        PRIMARY_REMOTE_KEYS,
        "the primary, each remote and the primary's remote secrets are separate stacks (<primary>-primary → <remote>-remote → <primary>-remotes) so that references run one way",
        config,
    );
}

/**
 * The gateway and exports are as the config holds them: the component's resolver checks them whole
 * (`resolvePrimaryEastWestGatewayArgs`), before anything registers.
 */
export interface PrimarySettings {
    /** This cluster's `<cluster>-mesh` stack (Istio installed with `global.externalIstiod: true`). */
    meshStack: string;
    istioNamespace: string;
    namespace?: string;
    clusterDomain?: string;
    gateway?: Record<string, unknown>;
    exports: unknown[];
    /** Multi-primary: publish this primary's own reader token, so other primaries can watch it. */
    apiServer?: string;
}

export function readPrimarySettings(raw: unknown): PrimarySettings {
    const path = key("primary");
    const s = requireObject(path, raw);
    rejectUnknownKeys(path, s, ["meshStack", "istioNamespace", "namespace", "clusterDomain", "gateway", "exports", "apiServer"]);
    if (!Array.isArray(s.exports) || s.exports.length === 0) {
        throw new InputError(at(path, "exports"), s.exports, "list the services other networks reach, in any cluster of this control plane: - service: { name, namespace, port }, consumers: [<cluster>]");
    }
    return {
        meshStack: requireString(at(path, "meshStack"), s.meshStack),
        istioNamespace: s.istioNamespace === undefined ? "istio-system" : requireDnsLabel(at(path, "istioNamespace"), s.istioNamespace),
        namespace: s.namespace === undefined ? undefined : requireDnsLabel(at(path, "namespace"), s.namespace),
        clusterDomain: s.clusterDomain === undefined ? undefined : requireHostname(at(path, "clusterDomain"), s.clusterDomain),
        gateway: s.gateway === undefined ? undefined : requireObject(at(path, "gateway"), s.gateway),
        exports: s.exports,
        apiServer: s.apiServer === undefined ? undefined : requireApiServer(at(path, "apiServer"), s.apiServer),
    };
}

/**
 * The chart, values and gateway are as the config holds them (the values' keys checked against the vendored
 * charts): the components' resolvers check them whole (`resolveRemoteControlPlaneArgs`,
 * `resolveRemoteEastWestGatewayArgs`), before anything registers.
 */
export interface RemoteSettings {
    /** The primary's `<cluster>-primary` stack. */
    primaryStack: string;
    network: string;
    apiServer: string;
    namespace: string;
    istio: { chart?: Record<string, unknown>; values?: Record<string, unknown> };
    gateway?: Record<string, unknown>;
}

export function readRemoteSettings(raw: unknown): RemoteSettings {
    const path = key("remote");
    const s = requireObject(path, raw);
    rejectUnknownKeys(path, s, ["primaryStack", "network", "apiServer", "namespace", "istio", "gateway"]);
    const istio = s.istio === undefined ? {} : requireObject(at(path, "istio"), s.istio);
    rejectUnknownKeys(at(path, "istio"), istio, ["chart", "values"]);
    const chart = istio.chart === undefined ? undefined : requireObject(at(at(path, "istio"), "chart"), istio.chart);
    if (chart) rejectUnknownKeys(at(at(path, "istio"), "chart"), chart, ["version", "repository"]);
    const values = istio.values === undefined ? undefined : requireObject(at(at(path, "istio"), "values"), istio.values);
    if (values) {
        const vpath = at(at(path, "istio"), "values");
        rejectUnknownKeys(vpath, values, ["base", "istiod"]);
        for (const chartName of ["base", "istiod"] as const) {
            if (values[chartName] === undefined) continue;
            const [undeclared] = undeclaredKeys(requireObject(at(vpath, chartName), values[chartName]), vendoredChartKeys(chartName));
            if (undeclared) throw new InputError(`${at(vpath, chartName)}.${undeclared.path}`, "(set)", `the ${chartName} chart declares no such value and Helm would silently ignore it; declared beside it: ${undeclared.known.join(", ")}`);
        }
    }
    return {
        primaryStack: requireString(at(path, "primaryStack"), s.primaryStack),
        network: requireDnsLabel(at(path, "network"), s.network),
        apiServer: requireApiServer(at(path, "apiServer"), s.apiServer),
        namespace: s.namespace === undefined ? "istio-system" : requireDnsLabel(at(path, "namespace"), s.namespace),
        istio: { chart, values },
        gateway: s.gateway === undefined ? undefined : requireObject(at(path, "gateway"), s.gateway),
    };
}

export interface PrimaryRemotesSettings {
    /** This cluster's `<cluster>-primary` stack: where istiod runs, and the mesh the remotes must join. */
    primaryStack: string;
    /** The clusters this primary's istiod watches, each its `<cluster>-remote` stack (or, multi-primary, its `-primary` stack). */
    clusters: Record<string, { stack: string }>;
}

export function readPrimaryRemotesSettings(raw: unknown, self: string): PrimaryRemotesSettings {
    const path = key("primaryRemotes");
    const s = requireObject(path, raw);
    rejectUnknownKeys(path, s, ["primaryStack", "clusters"]);
    const clusters = requireObject(at(path, "clusters"), s.clusters);
    if (Object.keys(clusters).length === 0) throw new InputError(at(path, "clusters"), clusters, "list the remotes: <cluster>: { stack: <its -remote stack> }");
    return {
        primaryStack: requireString(at(path, "primaryStack"), s.primaryStack),
        clusters: Object.fromEntries(
            Object.entries(clusters).map(([name, c]) => {
                const p = at(at(path, "clusters"), name);
                requireDnsLabel(p, name);
                if (name === self) throw new InputError(p, name, "a primary's istiod watches its own cluster already; list the other clusters");
                const o = requireObject(p, c);
                rejectUnknownKeys(p, o, ["stack"]);
                return [name, { stack: requireString(at(p, "stack"), o.stack) }];
            }),
        ),
    };
}
