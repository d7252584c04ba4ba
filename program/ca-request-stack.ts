/**
 * A cluster's `<cluster>-ca-request` stack: its place in a shared-root mesh (mesh ID, network) and its
 * Istio intermediate CA's key and request. The key goes to the cluster only; the request and the public key
 * are published for the root stack and the cluster's own mesh stack. It reads no other stack.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { CA_REQUEST_OUTPUT, CaRequestContract, MESH_CONTRACT_VERSION } from "../components/mesh/mesh-contracts";
import { IntermediateCaRequest, ResolvedIntermediateCaRequestArgs, resolveIntermediateCaRequestArgs } from "../components/mesh/intermediate-ca-request";
import { CA_KEY_SECRET } from "../components/mesh/plugged-ca";
import { key } from "./config-key";
import { CaRequestSettings } from "./mesh-settings";

/** The label istiod reads a namespace's network from (Istio's topology.istio.io/network). */
export const NETWORK_LABEL = "topology.istio.io/network";

/** What a CA-request stack creates, resolved before the cluster's provider registers. */
export interface CaRequestPlan {
    settings: CaRequestSettings;
    request: ResolvedIntermediateCaRequestArgs;
}

/** The intermediate's args from `meshfed:caRequest`, resolved once: the constructor takes them as they are. */
export function resolveCaRequestPlan(cluster: string, settings: CaRequestSettings): CaRequestPlan {
    return { settings, request: resolveIntermediateCaRequestArgs({ ...settings.ca, clusterName: cluster, namespace: settings.namespace }, { path: `${key("caRequest")}.ca` }) };
}

export function caRequestStack(cluster: string, { settings, request: resolved }: CaRequestPlan, provider: k8s.Provider): Record<string, unknown> {
    const namespace = new k8s.core.v1.Namespace(
        `${cluster}-istio-namespace`,
        { metadata: { name: settings.namespace, labels: { "app.kubernetes.io/managed-by": "meshfed", [NETWORK_LABEL]: settings.network } } },
        { provider },
    );
    // The key Secret goes into that namespace: it waits for it.
    const request = new IntermediateCaRequest(`${cluster}-ca`, resolved, { provider, dependsOn: [namespace] });
    const contract = pulumi.all([request.certRequestPem, request.publicKeyPem]).apply(
        ([certRequestPem, publicKeyPem]): CaRequestContract => ({
            version: MESH_CONTRACT_VERSION,
            cluster,
            meshId: settings.meshId,
            network: settings.network,
            certRequestPem,
            publicKeyPem,
            keySecret: { namespace: settings.namespace, name: CA_KEY_SECRET },
        }),
    );
    return { cluster, [CA_REQUEST_OUTPUT]: contract };
}
