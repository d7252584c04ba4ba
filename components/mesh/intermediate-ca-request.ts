import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import * as tls from "@pulumi/tls";
import { requireDnsLabel } from "../core/checks";
import { privateKeyArgs } from "../trust/key-algorithm";
import { generationTrigger } from "../trust/key-generation";
import { CaRequestSettings, ResolvedCaRequest, resolveCaRequest } from "./mesh-ca-specs";
import { CA_KEY_FILE, CA_KEY_SECRET } from "./plugged-ca";

export interface IntermediateCaRequestArgs extends CaRequestSettings {
    /** The explicit provider of the cluster. */
    provider: k8s.Provider;
    /** The cluster whose Istio CA this is; names the request's default subject (`<cluster> intermediate CA`). */
    clusterName: string;
    /** Istio's namespace, where istiod reads its CA key; it must exist (list it in `dependsOn`). */
    namespace: pulumi.Input<string>;
}

/**
 * A cluster's Istio intermediate CA before it is signed: its key, generated here and written only to the
 * cluster (Secret `meshfed-ca-key`, which only istiod mounts), and a certificate request, which is public
 * and is all the root stack ever sees. The key is replaced when `rotation` changes; the root then signs the
 * new request on its next `pulumi up`.
 */
export class IntermediateCaRequest extends pulumi.ComponentResource {
    /** The PKCS#10 request (PEM), public: the root stack signs it. */
    readonly certRequestPem: pulumi.Output<string>;
    /** The intermediate's public key (PEM). */
    readonly publicKeyPem: pulumi.Output<string>;
    /** The Secret holding `ca-key.pem`. */
    readonly keySecret: k8s.core.v1.Secret;
    readonly spec: ResolvedCaRequest;

    constructor(name: string, args: IntermediateCaRequestArgs, opts?: pulumi.ComponentResourceOptions) {
        super("meshfed:mesh:IntermediateCaRequest", name, {}, opts);
        const { provider, clusterName, namespace, ...settings } = args;
        const spec = resolveCaRequest("IntermediateCaRequestArgs", settings, requireDnsLabel("IntermediateCaRequestArgs.clusterName", clusterName));
        this.spec = spec;

        const generation = new random.RandomId(`${name}-generation`, { byteLength: 8, keepers: { rotation: spec.rotation } }, { parent: this });
        const key = new tls.PrivateKey(`${name}-key`, privateKeyArgs(spec.algorithm), {
            parent: this,
            protect: spec.protect,
            replacementTrigger: generationTrigger(generation),
        });
        const csr = new tls.CertRequest(`${name}-csr`, { privateKeyPem: key.privateKeyPem, subject: spec.subject }, { parent: this });
        this.keySecret = new k8s.core.v1.Secret(
            `${name}-key-secret`,
            {
                metadata: { name: CA_KEY_SECRET, namespace, labels: { "app.kubernetes.io/managed-by": "meshfed" } },
                type: "Opaque",
                stringData: pulumi.secret({ [CA_KEY_FILE]: key.privateKeyPem }),
            },
            { parent: this, provider, protect: spec.protect },
        );
        this.certRequestPem = csr.certRequestPem;
        this.publicKeyPem = key.publicKeyPem;
        this.registerOutputs({ certRequestPem: this.certRequestPem, publicKeyPem: this.publicKeyPem });
    }
}
