/**
 * The three stack kinds of a shared-root mesh, read from stack config and checked whole before anything is
 * created. References run one way: `<cluster>-ca-request` (`meshfed:caRequest`) → `mesh-root`
 * (`meshfed:meshRoot`) → `<cluster>-mesh` (`meshfed:mesh`), which also reads its own CA-request stack.
 */
import * as pulumi from "@pulumi/pulumi";
import { at, InputError } from "../components/core/input-error";
import { rejectUnknownKeys, requireDnsLabel, requireObject, requireOneOf, requireString } from "../components/core/checks";
import { CA_REQUEST_KEYS } from "../components/mesh/mesh-ca-specs";
import { ROLLOVER_PHASES, RolloverPhase } from "../components/mesh/root-rollover";
import { isSchemalessChart, undeclaredKeys, vendoredChartKeys } from "../validate/chart-keys";
import { key } from "./config-key";
import { CLUSTER_STACK_KEYS, exclusiveStackKind } from "./stack-kind";

export const MESH_STACK_KEYS = ["meshRoot", "caRequest", "mesh"] as const;
export type MeshStackKind = (typeof MESH_STACK_KEYS)[number];

/**
 * Which shared-root stack this is, if any. Each kind is a stack of its own: combined with another kind,
 * or with a federation key, its StackReferences would run both ways.
 */
export function meshStackKind(config: Record<string, string> = pulumi.runtime.allConfig()): MeshStackKind | undefined {
    return exclusiveStackKind(
        MESH_STACK_KEYS,
        "the CA-request, root and mesh stacks are separate so that references run one way (<cluster>-ca-request → mesh-root → <cluster>-mesh)",
        config,
        // The root stack deploys to no cluster: it holds no cluster, objects or offline cluster state.
        (kind) => (kind === "meshRoot" ? ["meshRoot", "kubeconfig", "offline"] : [kind, ...CLUSTER_STACK_KEYS]),
    );
}

/**
 * `meshfed:meshRoot` as read. The certificate settings are maps as the config gives them: only SharedRoot's
 * resolver (`resolveSharedRootArgs`) checks what is in them, before anything registers.
 */
export interface MeshRootSettings {
    meshId: string;
    ca?: Record<string, unknown>;
    intermediates?: Record<string, unknown>;
    /** The member clusters and the CA-request stack of each. */
    clusters: Record<string, { stack: string }>;
    rollover?: { phase: RolloverPhase; next: Record<string, unknown> };
}

/** `meshfed:meshRoot`. */
export function readMeshRootSettings(raw: unknown): MeshRootSettings {
    const path = key("meshRoot");
    const s = requireObject(path, raw);
    rejectUnknownKeys(path, s, ["meshId", "ca", "intermediates", "clusters", "rollover"]);
    const clusters = requireObject(at(path, "clusters"), s.clusters);
    if (Object.keys(clusters).length === 0) throw new InputError(at(path, "clusters"), clusters, "list at least one member: <cluster>: { stack: <its CA-request stack> }");
    const members = Object.fromEntries(
        Object.entries(clusters).map(([name, c]) => {
            const p = at(at(path, "clusters"), name);
            requireDnsLabel(p, name);
            const member = requireObject(p, c);
            rejectUnknownKeys(p, member, ["stack"]);
            return [name, { stack: requireString(at(p, "stack"), member.stack) }];
        }),
    );
    let rollover: MeshRootSettings["rollover"];
    if (s.rollover !== undefined) {
        const r = requireObject(at(path, "rollover"), s.rollover);
        rejectUnknownKeys(at(path, "rollover"), r, ["phase", "next"]);
        rollover = {
            phase: requireOneOf(at(at(path, "rollover"), "phase"), r.phase, ROLLOVER_PHASES),
            next: requireObject(at(at(path, "rollover"), "next"), r.next),
        };
    }
    return {
        meshId: requireDnsLabel(at(path, "meshId"), s.meshId),
        ca: s.ca === undefined ? undefined : requireObject(at(path, "ca"), s.ca),
        intermediates: s.intermediates === undefined ? undefined : requireObject(at(path, "intermediates"), s.intermediates),
        clusters: members,
        rollover,
    };
}

export interface CaRequestSettings {
    meshId: string;
    network: string;
    /** Istio's namespace, which this stack creates (labelled with the network) for the key Secret. */
    namespace: string;
    /** The intermediate's key and request settings, as configured: IntermediateCaRequest's resolver checks them. */
    ca: Record<string, unknown>;
}

/** `meshfed:caRequest`. */
export function readCaRequestSettings(raw: unknown): CaRequestSettings {
    const path = key("caRequest");
    const s = requireObject(path, raw);
    rejectUnknownKeys(path, s, ["meshId", "network", "namespace", "ca"]);
    return {
        meshId: requireDnsLabel(at(path, "meshId"), s.meshId),
        network: requireDnsLabel(at(path, "network"), s.network),
        namespace: s.namespace === undefined ? "istio-system" : requireDnsLabel(at(path, "namespace"), s.namespace),
        ca: readCaRequestCa(at(path, "ca"), s.ca),
    };
}

/**
 * `meshfed:caRequest.ca`, as configured: IntermediateCaRequest's resolver checks the values. Only its keys are
 * checked here, because the stack puts the cluster's name and namespace beside them in the component's args.
 */
function readCaRequestCa(path: string, raw: unknown): Record<string, unknown> {
    const ca = requireObject(path, raw ?? {});
    rejectUnknownKeys(path, ca, CA_REQUEST_KEYS);
    return ca;
}

export interface MeshMemberSettings {
    caRequestStack: string;
    rootStack: string;
    /** Absent: Istio is installed some other way (give its istiod the values of `buildIstiodValues`). */
    istio?: MeshIstioSettings;
}

/** The IstioControlPlane args a mesh stack takes from its config: the rest comes from its CA request and its root. */
export interface MeshIstioSettings {
    /** As configured: IstioControlPlane's resolver checks it, naming this key. */
    chart?: unknown;
    values?: { base?: Record<string, unknown>; istiod?: Record<string, unknown> };
}

/** `meshfed:mesh`. Extra chart values are checked against the charts' declared keys here, naming the key. */
export function readMeshMemberSettings(raw: unknown): MeshMemberSettings {
    const path = key("mesh");
    const s = requireObject(path, raw);
    rejectUnknownKeys(path, s, ["caRequestStack", "rootStack", "istio"]);
    let istio: MeshMemberSettings["istio"] = {};
    if (typeof s.istio === "boolean") {
        if (!s.istio) istio = undefined;
    } else if (s.istio !== undefined) {
        const i = requireObject(at(path, "istio"), s.istio);
        rejectUnknownKeys(at(path, "istio"), i, ["chart", "values"]);
        istio = { chart: i.chart, values: i.values === undefined ? undefined : readValues(at(at(path, "istio"), "values"), i.values) };
    }
    return {
        caRequestStack: requireString(at(path, "caRequestStack"), s.caRequestStack),
        rootStack: requireString(at(path, "rootStack"), s.rootStack),
        istio,
    };
}

/** `meshfed:mesh.istio.values`: a map per chart, each key declared by the chart (Helm ignores any other silently). */
function readValues(path: string, raw: unknown): NonNullable<MeshIstioSettings["values"]> {
    const values = requireObject(path, raw);
    rejectUnknownKeys(path, values, ["base", "istiod"]);
    const read: NonNullable<MeshIstioSettings["values"]> = {};
    // In the config's order, so that of two mistakes the first is named; both charts are schemaless.
    for (const chartName of Object.keys(values).filter(isSchemalessChart)) {
        const v = requireObject(at(path, chartName), values[chartName]);
        const [undeclared] = undeclaredKeys(v, vendoredChartKeys(chartName));
        if (undeclared) {
            throw new InputError(`${at(path, chartName)}.${undeclared.path}`, "(set)", `the ${chartName} chart declares no such value and Helm would silently ignore it; declared beside it: ${undeclared.known.join(", ")}`);
        }
        read[chartName] = v;
    }
    return read;
}
