/**
 * The private gateways' settings, resolved from Args or stack config: defaults filled in and each value
 * checked, so a typo fails `pulumi up` before Helm installs anything.
 */
import { at, InputError } from "../core/input-error";
import {
    rejectUnknownKeys,
    requireAnnotations,
    requireBoolean,
    requireCidr,
    requireDnsLabel,
    requireQuantity,
    requireServicePort,
    requireInteger,
    requireObject,
    requireOneOf,
    requireString,
} from "../core/checks";
import { GatewayAddress, resolveAddress } from "./gateway-address";

/** The istio/gateway chart line meshfed's schemas are vendored from. */
export const DEFAULT_CHART_VERSION = "1.30.3";
export const DEFAULT_CHART_REPOSITORY = "https://istio-release.storage.googleapis.com/charts";

/**
 * How the ingress gateway is reached. `LoadBalancer`: the cloud assigns an address (the default).
 * `NodePort` / `ClusterIP`: reached some other way, so its `address` must be pinned.
 */
export const SERVICE_TYPES = ["LoadBalancer", "NodePort", "ClusterIP"] as const;
export type GatewayServiceType = (typeof SERVICE_TYPES)[number];

export interface ChartSource {
    /** @default "1.30.3", the Istio line of the vendored schemas */
    version?: string;
    /** @default "https://istio-release.storage.googleapis.com/charts" */
    repository?: string;
}

export interface Autoscaling {
    /** Fewest replicas, 1–100. */
    minReplicas: number;
    /** Most replicas, at least `minReplicas`. */
    maxReplicas: number;
    /** @default 80 */
    targetCPUUtilizationPercentage?: number;
}

/** Kubernetes container resources, as quantities (`"200m"`, `"256Mi"`). */
export interface Resources {
    /** What the scheduler reserves for each gateway pod. */
    requests?: { cpu?: string; memory?: string };
    /** What a gateway pod may use at most. */
    limits?: { cpu?: string; memory?: string };
}

/** What both private gateways share: their deployment and chart. */
export interface GatewayDeploymentSettings {
    /** A fixed number of replicas (turns autoscaling off). @default the chart's autoscaling, 1 to 5 replicas */
    replicas?: number;
    /** Autoscaling bounds; exclusive with `replicas`. @default the chart's: 1 to 5 replicas at 80 % CPU */
    autoscaling?: Autoscaling;
    /** Container resources. @default the chart's: requests 100m / 128Mi, limits 2 CPUs / 1Gi */
    resources?: Resources;
    /** A PodDisruptionBudget, e.g. `{ minAvailable: 1 }`; needs more than one replica. @default none */
    podDisruptionBudget?: { minAvailable?: number | string; maxUnavailable?: number | string };
    /** Envoy access logs for this gateway only (Istio Telemetry API), for troubleshooting. @default false */
    accessLogging?: boolean;
    /** The chart to install. @default version "1.30.3" from the istio-release repository */
    chart?: ChartSource;
    /**
     * The Istio control-plane revision whose istiod injects the gateway pods (chart value `revision`), for
     * meshes installed with revisions only: without it, their pods are never injected. @default the default revision
     */
    revision?: string;
    /** Further chart values, merged last; checked against the chart's values schema by `npm run plan`. @default none */
    values?: Record<string, unknown>;
}

/** Clouds whose internal load-balancer annotation meshfed knows. */
export const CLOUDS = ["aws", "gcp", "azure"] as const;
export type Cloud = (typeof CLOUDS)[number];

/** Whether the ingress load balancer is reachable only from the cloud network (`internal`) or from anywhere. */
export const EXPOSURES = ["internal", "public"] as const;
export type Exposure = (typeof EXPOSURES)[number];

/**
 * The Service annotation that makes each cloud's load balancer internal. AWS gets both the AWS Load
 * Balancer Controller's and the in-tree controller's, since either may own the Service.
 */
export const INTERNAL_LB_ANNOTATIONS: Record<Cloud, Record<string, string>> = {
    aws: { "service.beta.kubernetes.io/aws-load-balancer-scheme": "internal", "service.beta.kubernetes.io/aws-load-balancer-internal": "true" },
    gcp: { "networking.gke.io/load-balancer-type": "Internal" },
    azure: { "service.beta.kubernetes.io/azure-load-balancer-internal": "true" },
};

export interface IngressSettings extends GatewayDeploymentSettings {
    /** @default "LoadBalancer" */
    serviceType?: GatewayServiceType;
    /**
     * Who can reach the load balancer. `internal` (the default) adds the cloud's internal annotation, so
     * peers reach it over private networking (peering, VPN, interconnect); `public` gives it an internet
     * address, which `loadBalancerSourceRanges` should then narrow to the peers' egress addresses.
     * @default "internal"
     */
    exposure?: Exposure;
    /**
     * The cloud, for the internal annotation: `aws`, `gcp` or `azure`. Required for an internal LoadBalancer
     * unless `serviceAnnotations` say it themselves. @default none
     */
    cloud?: Cloud;
    /** The federation port, TLS; the only port exposed. @default 15443 */
    port?: number;
    /** Service annotations, e.g. for an internal load balancer. @default none */
    serviceAnnotations?: Record<string, string>;
    /** Client CIDRs the load balancer admits. @default any */
    loadBalancerSourceRanges?: string[];
    /** A known address peers use instead of the one the load balancer reports. Required unless LoadBalancer. @default the load balancer's */
    address?: GatewayAddress;
}

export type EgressSettings = GatewayDeploymentSettings;

const DEPLOYMENT_KEYS = ["replicas", "autoscaling", "resources", "podDisruptionBudget", "accessLogging", "chart", "revision", "values"];
export const INGRESS_KEYS = [...DEPLOYMENT_KEYS, "serviceType", "exposure", "cloud", "port", "serviceAnnotations", "loadBalancerSourceRanges", "address"];
export const EGRESS_KEYS = DEPLOYMENT_KEYS;

export type ResolvedDeployment = Omit<GatewayDeploymentSettings, "chart" | "accessLogging"> & {
    chart: Required<ChartSource>;
    accessLogging: boolean;
};
export type ResolvedIngress = ResolvedDeployment & {
    serviceType: GatewayServiceType;
    exposure: Exposure;
    port: number;
    serviceAnnotations: Record<string, string>;
    loadBalancerSourceRanges: string[];
    address?: GatewayAddress;
};

export function resolveDeployment(path: string, s: Record<string, unknown>): ResolvedDeployment {
    if (s.replicas !== undefined && s.autoscaling !== undefined) {
        throw new InputError(at(path, "autoscaling"), s.autoscaling, "set either replicas or autoscaling, not both");
    }
    const replicas = s.replicas === undefined ? undefined : requireInteger(at(path, "replicas"), s.replicas, 1, 100);
    const autoscaling = s.autoscaling === undefined ? undefined : resolveAutoscaling(at(path, "autoscaling"), s.autoscaling);
    const pdb = s.podDisruptionBudget === undefined ? undefined : requireObject(at(path, "podDisruptionBudget"), s.podDisruptionBudget);
    if (pdb) {
        rejectUnknownKeys(at(path, "podDisruptionBudget"), pdb, ["minAvailable", "maxUnavailable"]);
        // The chart silently skips the budget for a single replica (kubernetes/kubernetes#93476): say so.
        const minimum = replicas ?? autoscaling?.minReplicas ?? 1;
        if (minimum < 2) {
            throw new InputError(at(path, "podDisruptionBudget"), pdb, "a PodDisruptionBudget needs at least 2 replicas (replicas or autoscaling.minReplicas)");
        }
    }
    return {
        replicas,
        autoscaling,
        resources: s.resources === undefined ? undefined : resolveResources(at(path, "resources"), s.resources),
        podDisruptionBudget: pdb as GatewayDeploymentSettings["podDisruptionBudget"],
        accessLogging: s.accessLogging === undefined ? false : requireBoolean(at(path, "accessLogging"), s.accessLogging),
        chart: resolveChartSource(at(path, "chart"), s.chart),
        revision: s.revision === undefined ? undefined : requireDnsLabel(at(path, "revision"), s.revision),
        values: s.values === undefined ? undefined : requireObject(at(path, "values"), s.values),
    };
}

/**
 * Where an Istio chart comes from (the gateway's, or istio/base and istio/istiod): a pinned version such as
 * 1.30.3, which Helm would otherwise refuse only while deploying, and a repository.
 */
export function resolveChartSource(path: string, raw: unknown): Required<ChartSource> {
    const chart = requireObject(path, raw ?? {});
    rejectUnknownKeys(path, chart, ["version", "repository"]);
    const version = chart.version ?? DEFAULT_CHART_VERSION;
    // A YAML 1.30 is the number 1.3: refused with the rest, as no version.
    if (typeof version !== "string" || !/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(version)) {
        throw new InputError(at(path, "version"), chart.version, "expected a chart version such as 1.30.3");
    }
    return { version, repository: chart.repository === undefined ? DEFAULT_CHART_REPOSITORY : requireString(at(path, "repository"), chart.repository) };
}

export function resolveIngress(path: string, raw: unknown): ResolvedIngress {
    const s = requireObject(path, raw ?? {});
    rejectUnknownKeys(path, s, INGRESS_KEYS);
    const serviceType = s.serviceType === undefined ? "LoadBalancer" : requireOneOf(at(path, "serviceType"), s.serviceType, SERVICE_TYPES);
    const address = s.address === undefined ? undefined : resolveAddress(at(path, "address"), s.address);
    if (serviceType !== "LoadBalancer" && !address) {
        throw new InputError(at(path, "address"), undefined, `a ${serviceType} ingress gateway has no load-balancer address: pin the address peers use`);
    }
    const ranges = s.loadBalancerSourceRanges ?? [];
    if (!Array.isArray(ranges)) throw new InputError(at(path, "loadBalancerSourceRanges"), ranges, "expected a list of CIDRs");
    ranges.forEach((r, i) => requireCidr(at(at(path, "loadBalancerSourceRanges"), i), r));
    const exposure = s.exposure === undefined ? "internal" : requireOneOf(at(path, "exposure"), s.exposure, EXPOSURES);
    const cloud = s.cloud === undefined ? undefined : requireOneOf(at(path, "cloud"), s.cloud, CLOUDS);
    const annotations = s.serviceAnnotations === undefined ? {} : requireAnnotations(at(path, "serviceAnnotations"), s.serviceAnnotations);
    if (serviceType === "LoadBalancer" && exposure === "internal" && !cloud && Object.keys(annotations).length === 0) {
        throw new InputError(
            at(path, "cloud"),
            undefined,
            `the ingress load balancer is internal by default, which each cloud spells with its own annotation: set cloud (${CLOUDS.join(", ")}), or serviceAnnotations, or exposure: public`,
        );
    }
    return {
        ...resolveDeployment(path, s),
        serviceType,
        exposure,
        port: s.port === undefined ? 15443 : requireServicePort(at(path, "port"), s.port),
        // The user's own annotations win: they may spell "internal" in a way meshfed does not know.
        serviceAnnotations: { ...(exposure === "internal" && cloud ? INTERNAL_LB_ANNOTATIONS[cloud] : {}), ...annotations },
        loadBalancerSourceRanges: ranges as string[],
        address,
    };
}

export function resolveEgress(path: string, raw: unknown): ResolvedDeployment {
    const s = requireObject(path, raw ?? {});
    rejectUnknownKeys(path, s, EGRESS_KEYS);
    return resolveDeployment(path, s);
}

/** Container resources: only requests and limits of cpu and memory, each a quantity the API server accepts. */
function resolveResources(path: string, raw: unknown): Resources {
    const r = requireObject(path, raw);
    rejectUnknownKeys(path, r, ["requests", "limits"]);
    const out: Resources = {};
    for (const kind of ["requests", "limits"] as const) {
        if (r[kind] === undefined) continue;
        const q = requireObject(at(path, kind), r[kind]);
        rejectUnknownKeys(at(path, kind), q, ["cpu", "memory"]);
        out[kind] = Object.fromEntries(Object.entries(q).map(([k, v]) => [k, requireQuantity(at(at(path, kind), k), v)]));
    }
    return out;
}

function resolveAutoscaling(path: string, raw: unknown): Autoscaling {
    const a = requireObject(path, raw);
    rejectUnknownKeys(path, a, ["minReplicas", "maxReplicas", "targetCPUUtilizationPercentage"]);
    const minReplicas = requireInteger(at(path, "minReplicas"), a.minReplicas, 1, 100);
    const maxReplicas = requireInteger(at(path, "maxReplicas"), a.maxReplicas, 1, 100);
    if (maxReplicas < minReplicas) throw new InputError(at(path, "maxReplicas"), maxReplicas, `must be at least minReplicas (${minReplicas})`);
    const target = a.targetCPUUtilizationPercentage === undefined ? 80 : requireInteger(at(path, "targetCPUUtilizationPercentage"), a.targetCPUUtilizationPercentage, 1, 100);
    return { minReplicas, maxReplicas, targetCPUUtilizationPercentage: target };
}
