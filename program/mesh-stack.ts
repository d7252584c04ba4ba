/**
 * A cluster's `<cluster>-mesh` stack: it reads its own CA-request stack and the root stack, installs the
 * public half of its plugged CA (`meshfed-cacerts`) and, unless told otherwise, Istio itself. It checks that
 * the root signed the key this cluster holds before it changes anything: an intermediate for an older
 * request would leave istiod with a certificate its key does not match.
 */
import { createPublicKey, X509Certificate } from "node:crypto";
import * as k8s from "@pulumi/kubernetes";
import { at, InputError } from "../components/core/input-error";
import { CA_REQUEST_OUTPUT, CaRequestContract, MESH_ROOT_OUTPUT, MeshRootContract, readCaRequest, readMeshRoot, readStackOutput, SignedIntermediate } from "../components/mesh/mesh-contracts";
import { IstioControlPlane, ResolvedIstioControlPlaneArgs, resolveIstioControlPlaneArgs } from "../components/mesh/istio-control-plane";
import { PluggedCaCerts } from "../components/mesh/plugged-ca";
import { key } from "./config-key";
import { MeshMemberSettings } from "./mesh-settings";

export interface MeshMemberInputs {
    request: CaRequestContract;
    root: MeshRootContract;
    intermediate: SignedIntermediate;
}

/** Reads both stacks and checks them against each other and this cluster; creates nothing. */
export async function readMeshMemberInputs(cluster: string, settings: MeshMemberSettings): Promise<MeshMemberInputs> {
    const path = key("mesh");
    const request = readCaRequest(settings.caRequestStack, await readStackOutput(settings.caRequestStack, CA_REQUEST_OUTPUT));
    if (request.cluster !== cluster) {
        throw new InputError(at(path, "caRequestStack"), settings.caRequestStack, `that stack holds the CA request of ${request.cluster}, not ${cluster}`);
    }
    const root = readMeshRoot(settings.rootStack, await readStackOutput(settings.rootStack, MESH_ROOT_OUTPUT));
    if (root.meshId !== request.meshId) {
        throw new InputError(at(path, "rootStack"), settings.rootStack, `that stack is the root of mesh ${root.meshId}; ${cluster} joins ${request.meshId}`);
    }
    const intermediate = root.intermediates[cluster];
    if (!intermediate) {
        throw new InputError(at(path, "rootStack"), settings.rootStack, `that root signs no intermediate for ${cluster}: add ${cluster}: { stack: ${settings.caRequestStack} } to its ${key("meshRoot")}.clusters and run it first`);
    }
    const signedKey = new X509Certificate(intermediate.certPem).publicKey;
    if (!signedKey.equals(createPublicKey(request.publicKeyPem))) {
        throw new InputError(
            at(path, "rootStack"),
            settings.rootStack,
            `its intermediate for ${cluster} certifies another key than ${settings.caRequestStack} holds (the request changed since the root last ran): run ${settings.rootStack} again, then this stack`,
        );
    }
    return { request, root, intermediate };
}

/** What a mesh stack creates, resolved before the cluster's provider registers. */
export interface MeshMemberPlan extends MeshMemberInputs {
    /** Istio's args, resolved; absent when Istio is installed some other way. */
    istio?: ResolvedIstioControlPlaneArgs;
}

/** Istio's args from the config, the CA request and the root, resolved once: the constructor takes them as they are. */
export function resolveMeshMember(cluster: string, settings: MeshMemberSettings, inputs: MeshMemberInputs): MeshMemberPlan {
    const { request, root } = inputs;
    const istio =
        settings.istio &&
        resolveIstioControlPlaneArgs({
            namespace: request.keySecret.namespace,
            meshId: root.meshId,
            clusterName: cluster,
            network: request.network,
            chart: settings.istio.chart,
            values: settings.istio.values,
        }, { paths: { chart: `${key("mesh")}.istio.chart` } });
    return { ...inputs, istio };
}

export function meshStack(cluster: string, plan: MeshMemberPlan, provider: k8s.Provider): Record<string, unknown> {
    const { request, root, intermediate } = plan;
    const cacerts = new PluggedCaCerts(`${cluster}-cacerts`, { namespace: request.keySecret.namespace, intermediate, rootCertPem: root.rootCertPem }, { provider });
    const outputs: Record<string, unknown> = {
        cluster,
        meshId: root.meshId,
        network: request.network,
        rootCertPem: root.rootCertPem,
        intermediateCertPem: intermediate.certPem,
        ...(root.phase ? { rolloverPhase: root.phase } : {}),
    };
    if (plan.istio) {
        // istiod starts only with both halves of the plugged CA: the key's is the CA-request stack's, already deployed.
        const istio = new IstioControlPlane(`${cluster}-istio`, plan.istio, { provider, dependsOn: [cacerts.secret] });
        outputs.istio = { namespace: istio.namespace, releases: [istio.base.name, istio.istiod.name] };
    }
    return outputs;
}
