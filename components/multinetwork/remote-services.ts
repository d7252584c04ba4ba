import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { applyObjects } from "../cluster/apply-objects";
import { requireBoolean, requireDnsLabel, requireObject } from "../core/checks";
import { clusterProvider, dependenciesOf } from "../core/cluster-provider";
import { at, InputError } from "../core/input-error";
import { NamedKubeObject } from "../core/kube-object";
import { serviceFqdn } from "../core/kube-names";
import { ArgsPaths, Resolved } from "../core/resolved";
import { EgressSettings, ResolvedDeployment, resolveEgress } from "../gateway/gateway-specs";
import { NetworkGatewayContract } from "./network-contract";
import { buildNetworkEgressValues, NETWORK_GATEWAY_IDENTITY } from "./network-gateway-values";
import { bindNetworkImports, BoundNetworkImport, NetworkImportSpec, resolveNetworkImports } from "./network-imports";
import { buildEgressPassthroughGateway, buildEgressPassthroughRoutes, buildPeerGatewayEntry, viaEgress } from "./specs/egress-passthrough";
import { CROSS_NETWORK_PORT } from "./specs/passthrough-gateway";
import { buildRemoteDestinationRule, buildRemoteServiceEntry } from "./specs/remote-service";
import { buildVersionRouting } from "./specs/version-routing";
import { allocateVirtualIps, DeclaredAddress, DEFAULT_VIP_BLOCK, ISTIO_AUTOALLOCATE_PREFIX, parseIpv4Cidr } from "./virtual-ips";
import { childUrns } from "../core/child-urns";

const TYPE = "RemoteServices";

/** Where imported services' virtual IPs come from. */
export interface VirtualIpSettings {
    /**
     * `allocate`: meshfed writes an address per import (the seeds' way; known at plan time, the same in
     * every plan). `auto`: none is written and istiod's allocator (PILOT_ENABLE_IP_AUTOALLOCATE, on by
     * default in 1.30) assigns one in the ServiceEntry's status, which callers see only with DNS capture.
     * @default "allocate"
     */
    mode?: "allocate" | "auto";
    /** @default "240.0.0.0/4" (class E, never routed) */
    block?: string;
    /** Ranges of the block never used. @default ["240.240.0.0/16"], Istio's own auto-allocation range */
    reserved?: string[];
    /**
     * A block in 127.0.0.0/8 (seed 004's 127.255.0.0/16) is refused unless this says the callers' sidecars
     * capture loopback: today's istio-iptables returns an application's traffic on `lo` uncaptured
     * (tools/istio-iptables/pkg/capture/run.go) unless `includeOutboundIPRanges` names loopback.
     * @default false
     */
    loopbackCaptured?: boolean;
}

export interface RemoteServicesArgs {
    /**
     * The importing cluster's provider.
     * @deprecated pass it as a resource option: `{ provider }`; still read.
     * @default the Kubernetes provider of the resource options (or of the parent)
     */
    provider?: k8s.Provider;
    /** This cluster's name in the mesh: exporters must have exported to it. */
    clusterName: string;
    /** This cluster's mesh: every exporter must share it (and so the root). */
    meshId: string;
    /** The exporters' contracts, by cluster name. */
    peers: Record<string, NetworkGatewayContract>;
    /** The services imported, each from one of `peers`. */
    imports: NetworkImportSpec[];
    /** Where the imports' virtual IPs come from. @default allocated by meshfed from 240.0.0.0/4 */
    addresses?: VirtualIpSettings;
    /** Addresses other objects of the cluster declare (ServiceEntries' `spec.addresses`): never handed out. @default none */
    declaredAddresses?: DeclaredAddress[];
    /** The dedicated egress gateway, for imports `via: egressGateway`: its namespace (created here) and deployment. @default namespace "istio-network-egress", the chart's deployment */
    egressGateway?: EgressSettings & { namespace?: string };
    /** @default "cluster.local" */
    clusterDomain?: string;
    /**
     * Where these args came from, for error messages.
     * @deprecated name it in the resolver: `resolveRemoteServicesArgs(args, { path })` (still read)
     * @default "RemoteServicesArgs"
     */
    source?: string;
}

/**
 * The args as a program holds them, read from stack config: the imports, addresses and egress gateway are
 * the resolver's to check whole, so they may be any value until then.
 */
export type UncheckedRemoteServicesArgs = Omit<RemoteServicesArgs, "imports" | "addresses" | "egressGateway"> & { imports: unknown; addresses?: unknown; egressGateway?: unknown };

/** What the resolver makes of the args: the imports bound to their exporters, their virtual IPs, the egress gateway. */
export interface RemoteServicesResolution {
    clusterDomain: string;
    imports: BoundNetworkImport[];
    /** The virtual IP of each import, by host (empty with `addresses.mode: auto`). */
    addresses: Map<string, string>;
    /** The egress gateway, when an import goes through it. */
    egress?: { namespace: string; spec: ResolvedDeployment };
}

export type ResolvedRemoteServicesArgs = Resolved<UncheckedRemoteServicesArgs, RemoteServicesResolution>;

export interface ResolvedVirtualIps {
    mode: "allocate" | "auto";
    block: string;
    reserved: string[];
}

export function resolveVirtualIpSettings(path: string, raw: unknown): ResolvedVirtualIps {
    const s = raw === undefined ? {} : requireObject(path, raw);
    const mode = s.mode ?? "allocate";
    if (mode !== "allocate" && mode !== "auto") throw new InputError(at(path, "mode"), mode, "allowed: allocate, auto");
    const block = parseIpv4Cidr(at(path, "block"), s.block ?? DEFAULT_VIP_BLOCK);
    const reserved = s.reserved ?? [ISTIO_AUTOALLOCATE_PREFIX];
    if (!Array.isArray(reserved)) throw new InputError(at(path, "reserved"), reserved, "expected a list of IPv4 CIDRs");
    const ranges = reserved.map((r, i) => parseIpv4Cidr(at(at(path, "reserved"), i), r));
    const loopback = parseIpv4Cidr("loopback", "127.0.0.0/8");
    const inLoopback = block.base >= loopback.base && block.base < loopback.base + loopback.size;
    const captured = s.loopbackCaptured === undefined ? false : requireBoolean(at(path, "loopbackCaptured"), s.loopbackCaptured);
    if (inLoopback && !captured) {
        throw new InputError(
            at(path, "block"),
            block.cidr,
            "Istio's sidecars no longer capture an application's loopback traffic (istio-iptables returns it on lo), so callers would dial 127.x themselves and fail; use 240.0.0.0/4, or set loopbackCaptured: true once the callers' includeOutboundIPRanges name this block",
        );
    }
    return { mode, block: block.cidr, reserved: ranges.map((r) => r.cidr) };
}

/**
 * The consuming side of replicated control planes: each imported remote service under its local name
 * (mesh-internal ServiceEntry, virtual IP, the peer's gateway as endpoint), its DestinationRule sending the
 * exporter's SNI, version routing for a local Service's callers, and optionally the egress gateway.
 */
export class RemoteServices extends pulumi.ComponentResource {
    /** The ServiceEntries, DestinationRules, version routing and egress passthrough, as plain data. */
    readonly objects: NamedKubeObject[];
    /** `objects` as applied. */
    readonly applied: pulumi.CustomResource[];
    /** The virtual IP of each import, by host (empty with `addresses.mode: auto`). */
    readonly addresses: Record<string, string>;
    /** The egress gateway's namespace, when an import goes through it. */
    readonly egressNamespace?: k8s.core.v1.Namespace;
    readonly egressRelease?: k8s.helm.v3.Release;

    constructor(name: string, args: RemoteServicesArgs | ResolvedRemoteServicesArgs, opts?: pulumi.ComponentResourceOptions) {
        const resolved = resolveRemoteServicesArgs(args);
        const provider = clusterProvider(TYPE, resolved.args.provider, opts);
        super("meshfed:multinetwork:RemoteServices", name, {}, opts);
        const { clusterDomain, imports, addresses, egress } = resolved.value;
        const peers = resolved.args.peers;

        const objects: NamedKubeObject[] = [];
        for (const i of imports) {
            const endpoint =
                i.via === "egressGateway"
                    ? { address: serviceFqdn(NETWORK_GATEWAY_IDENTITY.egress.releaseName, egress!.namespace), port: CROSS_NETWORK_PORT }
                    : { address: i.exporter.address.ip ?? i.exporter.address.hostname!, port: i.exporter.port, network: i.exporter.network };
            objects.push(buildRemoteServiceEntry(i, addresses.get(i.host), endpoint), buildRemoteDestinationRule(i));
            if (i.routing) objects.push(buildVersionRouting(i, clusterDomain));
        }
        let dependsOn: pulumi.Resource[] = [];
        if (egress) {
            const through = imports.filter((i) => i.via === "egressGateway");
            const ns = new k8s.core.v1.Namespace(`${name}-egress-namespace`, { metadata: { name: egress.namespace } }, { parent: this, provider, dependsOn: dependenciesOf(opts) });
            this.egressNamespace = ns;
            this.egressRelease = new k8s.helm.v3.Release(
                `${name}-egress-release`,
                {
                    name: NETWORK_GATEWAY_IDENTITY.egress.releaseName,
                    namespace: egress.namespace,
                    chart: "gateway",
                    version: egress.spec.chart.version,
                    repositoryOpts: { repo: egress.spec.chart.repository },
                    values: buildNetworkEgressValues(egress.spec),
                    createNamespace: false,
                    atomic: true,
                    maxHistory: 10,
                },
                { parent: this, provider, dependsOn: [ns] },
            );
            const exporters = [...new Set(through.map((i) => i.peer))];
            objects.push(
                ...exporters.map((p) => buildPeerGatewayEntry(p, peers[p].address, peers[p].port, egress.namespace)),
                buildEgressPassthroughGateway(through, egress.namespace, { istio: NETWORK_GATEWAY_IDENTITY.egress.labels.istio }),
                ...buildEgressPassthroughRoutes(through, egress.namespace),
            );
            dependsOn = [ns];
        }
        this.objects = objects;
        this.addresses = Object.fromEntries(addresses);
        // Pulumi applies the component's dependsOn to the component alone: the objects wait for it themselves.
        this.applied = applyObjects(name, objects, { parent: this, provider, dependsOn: dependenciesOf(opts, dependsOn) });
        this.registerOutputs({ addresses: this.addresses, children: childUrns({ egressNamespace: this.egressNamespace, egressRelease: this.egressRelease }) });
    }
}

/**
 * The args checked and resolved as the constructor uses them (imports bound to their exporters, virtual IPs
 * allocated), registering nothing: a program calls it before it creates the cluster's provider, and hands
 * the result to the constructor, which then resolves nothing again.
 */
export function resolveRemoteServicesArgs(args: UncheckedRemoteServicesArgs | ResolvedRemoteServicesArgs, where: ArgsPaths = {}): ResolvedRemoteServicesArgs {
    return Resolved.once(TYPE, args, (a) => resolveValue(a, where.path ?? a.source ?? "RemoteServicesArgs"));
}

function resolveValue(args: UncheckedRemoteServicesArgs, path: string): RemoteServicesResolution {
    const resolved = resolveNetworkImports(at(path, "imports"), args.imports);
    const imports = bindNetworkImports(at(path, "imports"), resolved, args.peers, { cluster: args.clusterName, meshId: args.meshId });
    checkRoutingOwners(imports);
    const vips = resolveVirtualIpSettings(at(path, "addresses"), args.addresses);
    const addresses =
        vips.mode === "auto"
            ? new Map<string, string>()
            : allocateVirtualIps(
                  at(path, "addresses"),
                  imports.map((i) => ({ host: i.host, pinned: i.address, pinPath: at(i.path, "address") })),
                  { cidr: vips.block, reserved: vips.reserved },
                  args.declaredAddresses ?? [],
              );
    const egress = viaEgress(imports) ? resolveEgressGateway(at(path, "egressGateway"), args.egressGateway) : undefined;
    return { clusterDomain: args.clusterDomain ?? "cluster.local", imports, addresses, egress };
}

function resolveEgressGateway(path: string, raw: unknown): RemoteServicesResolution["egress"] {
    const { namespace, ...settings } = requireObject(path, raw ?? {});
    return { namespace: requireDnsLabel(at(path, "namespace"), namespace ?? "istio-network-egress"), spec: resolveEgress(path, settings) };
}

/** One VirtualService per local Service: two imports routing the same callers would overwrite each other. */
function checkRoutingOwners(imports: BoundNetworkImport[]): void {
    const owners = new Map<string, string>();
    for (const i of imports) {
        if (!i.routing) continue;
        const k = `${i.namespace}/${i.routing.service}`;
        if (owners.has(k)) throw new InputError(at(at(i.path, "routing"), "service"), k, `${owners.get(k)} already routes the callers of ${k}, and Istio would keep one VirtualService of the two; route them from one import`);
        owners.set(k, i.path);
    }
}
