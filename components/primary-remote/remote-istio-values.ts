/**
 * The values a remote cluster's `istio/base` and `istio/istiod` are installed with (Istio's `remote`
 * profile), as plain data a test can read. The istiod chart then installs no istiod at all: a selectorless
 * `istiod` Service whose endpoint is the primary's east-west gateway (`global.remotePilotAddress`), which
 * the remote's proxies dial for xDS and certificates (15012) and the API server for sidecar injection
 * (Service port 443 → 15017), and the injection webhook with the path that tells the primary's istiod
 * which cluster and network a pod is in. Checked against the charts' keys by `npm run plan`.
 */
import { GatewayAddress } from "../gateway/gateway-address";
import { deepMerge } from "../gateway/gateway-values";
import { MeshPlacement } from "../mesh/istio-values";
import { ISTIOD_PORTS } from "./control-plane-contract";

/** istiod's injection handler for pods of another cluster (pkg/kube/inject/webhook.go reads `cluster` and `net` from the path). */
export function injectionPath(cluster: string, network: string): string {
    return `/inject/cluster/${cluster}/net/${network}`;
}

export function buildRemoteIstiodValues(placement: MeshPlacement, primary: GatewayAddress, extra?: Record<string, unknown>): Record<string, unknown> {
    const path = injectionPath(placement.clusterName, placement.network);
    const values: Record<string, unknown> = {
        profile: "remote",
        global: {
            meshID: placement.meshId,
            multiCluster: { clusterName: placement.clusterName },
            network: placement.network,
            remotePilotAddress: primary.ip ?? primary.hostname,
        },
        // An IP becomes the istiod Service's endpoint, so the webhook keeps the Service (port 443 → 15017).
        // A DNS name becomes an ExternalName Service, which cannot map 443 to 15017: the webhook then dials
        // the gateway's 15017 by URL (the chart's documented form), and the primary's istiod must serve a
        // certificate for that name (ISTIOD_CUSTOM_HOST on the primary; see the README).
        istiodRemote: primary.ip ? { injectionPath: path } : { injectionURL: `https://${primary.hostname}:${ISTIOD_PORTS.webhook}${path}` },
    };
    return extra ? deepMerge(values, extra) : values;
}

/** `istio/base` for a remote: CRDs, and the reader ServiceAccount the primary's istiod will use. */
export function buildRemoteBaseValues(extra?: Record<string, unknown>): Record<string, unknown> {
    const values = { profile: "remote", global: { enableReaderRBAC: true } };
    return extra ? deepMerge(values, extra) : values;
}
