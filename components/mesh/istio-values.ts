/**
 * The values meshfed installs `istio/base` and `istio/istiod` with, as plain data a test can read: the
 * cluster's place in the mesh (mesh ID, cluster name, network), DNS proxying with address auto-allocation
 * (so callers resolve and reach ServiceEntry hosts of other clusters), and the plugged CA (see plugged-ca.ts).
 * Neither chart has a values schema; `validate/chart-keys.ts` checks these keys against the charts' own.
 */
import { deepMerge } from "../gateway/gateway-values";
import { pluggedCaValues } from "./plugged-ca";

/** Where a cluster sits in a multi-cluster mesh. */
export interface MeshPlacement {
    /** `global.meshID`: the same in every cluster of the mesh. */
    meshId: string;
    /** `global.multiCluster.clusterName`: this cluster, unique in the mesh. */
    clusterName: string;
    /** `global.network`: clusters on one network reach each other's pods directly. */
    network: string;
}

/**
 * Agent DNS proxying, and auto-allocated addresses for ServiceEntries without one. In Istio 1.30 istiod's
 * allocation controller is on by default (PILOT_ENABLE_IP_AUTOALLOCATE) and a proxy uses its addresses once
 * DNS capture is on; `ISTIO_META_DNS_AUTO_ALLOCATE` is the older per-proxy switch, still honoured
 * (pilot/pkg/model/service.go, nodeUsesAutoallocatedIPs), set for proxies of older istiods in the mesh.
 */
export const DNS_PROXY_METADATA = { ISTIO_META_DNS_CAPTURE: "true", ISTIO_META_DNS_AUTO_ALLOCATE: "true" } as const;

export function buildIstiodValues(placement: MeshPlacement, extra?: Record<string, unknown>): Record<string, unknown> {
    const values = deepMerge(
        {
            global: { meshID: placement.meshId, multiCluster: { clusterName: placement.clusterName }, network: placement.network },
            meshConfig: { defaultConfig: { proxyMetadata: { ...DNS_PROXY_METADATA } } },
        },
        pluggedCaValues(),
    );
    return extra ? deepMerge(values, extra) : values;
}

/** `istio/base`: the CRDs and cluster roles, with the chart's defaults unless told otherwise. */
export function buildBaseValues(extra?: Record<string, unknown>): Record<string, unknown> {
    return extra ? deepMerge({}, extra) : {};
}
