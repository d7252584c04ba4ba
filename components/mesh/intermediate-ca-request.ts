import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import * as tls from "@pulumi/tls";
import { requireDnsLabel } from "../core/checks";
import { clusterProvider, dependenciesOf } from "../core/cluster-provider";
import { ArgsPaths, argsPaths, Resolved, Unchecked } from "../core/resolved";
import { privateKeyArgs } from "../trust/key-algorithm";
import { generationTrigger } from "../trust/key-generation";
import { CaRequestSettings, ResolvedCaRequest, resolveCaRequest } from "./mesh-ca-specs";
import { CA_KEY_FILE, CA_KEY_SECRET } from "./plugged-ca";

export interface IntermediateCaRequestArgs extends CaRequestSettings {
    /**
     * The cluster's provider.
     * @deprecated pass it as a resource option: `{ provider }`; still read.
     * @default the Kubernetes provider of the resource options (or of the parent)
     */
    provider?: k8s.Provider;
    /** The cluster whose Istio CA this is; names the request's default subject (`<cluster> intermediate CA`). */
    clusterName: string;
    /**
     * Istio's namespace, where istiod reads its CA key; it must exist (an Output of it, or list it in the
     * `dependsOn` resource option, which the key Secret waits for).
     */
    namespace: pulumi.Input<string>;
}

/** IntermediateCaRequestArgs as resolved: the key and request settings after defaults. */
export type IntermediateCaRequestResolution = ResolvedCaRequest;

/** Args as a stack's config gives them: the key and request settings checked by the resolver. */
export type UncheckedIntermediateCaRequestArgs = Unchecked<IntermediateCaRequestArgs, "provider" | "namespace">;

/** What `resolveIntermediateCaRequestArgs` made of the args: the constructor takes it as it is. */
export type ResolvedIntermediateCaRequestArgs = Resolved<UncheckedIntermediateCaRequestArgs, IntermediateCaRequestResolution>;

/**
 * Checks IntermediateCaRequestArgs and applies their defaults, naming `where.path` (a stack's config key) in its
 * refusals; a resolution given again passes through unchanged.
 */
export function resolveIntermediateCaRequestArgs(
    args: UncheckedIntermediateCaRequestArgs | ResolvedIntermediateCaRequestArgs,
    where: ArgsPaths = {},
): ResolvedIntermediateCaRequestArgs {
    const { root: path } = argsPaths("IntermediateCaRequest", where);
    return Resolved.once("IntermediateCaRequest", args, ({ provider: _p, clusterName, namespace: _n, ...settings }) =>
        resolveCaRequest(path, settings, requireDnsLabel("IntermediateCaRequestArgs.clusterName", clusterName)),
    );
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
    /** The intermediate's key: in state and in `keySecret`, nowhere else. */
    readonly key: tls.PrivateKey;
    readonly certRequest: tls.CertRequest;
    /** Replaced when `rotation` changes, and the key with it. */
    readonly generation: random.RandomId;
    readonly spec: ResolvedCaRequest;

    constructor(name: string, args: IntermediateCaRequestArgs | ResolvedIntermediateCaRequestArgs, opts?: pulumi.ComponentResourceOptions) {
        const { args: given, value: spec } = resolveIntermediateCaRequestArgs(args);
        const provider = clusterProvider("IntermediateCaRequest", given.provider, opts);
        super("meshfed:mesh:IntermediateCaRequest", name, {}, opts);
        this.spec = spec;

        this.generation = new random.RandomId(`${name}-generation`, { byteLength: 8, keepers: { rotation: spec.rotation } }, { parent: this });
        this.key = new tls.PrivateKey(`${name}-key`, privateKeyArgs(spec.algorithm), {
            parent: this,
            protect: spec.protect,
            replacementTrigger: generationTrigger(this.generation),
        });
        this.certRequest = new tls.CertRequest(`${name}-csr`, { privateKeyPem: this.key.privateKeyPem, subject: spec.subject }, { parent: this });
        this.keySecret = new k8s.core.v1.Secret(
            `${name}-key-secret`,
            {
                metadata: { name: CA_KEY_SECRET, namespace: given.namespace, labels: { "app.kubernetes.io/managed-by": "meshfed" } },
                type: "Opaque",
                stringData: pulumi.secret({ [CA_KEY_FILE]: this.key.privateKeyPem }),
            },
            // The component's dependsOn holds for the component alone: the Secret waits for the namespace itself.
            { parent: this, provider, protect: spec.protect, dependsOn: dependenciesOf(opts) },
        );
        this.certRequestPem = this.certRequest.certRequestPem;
        this.publicKeyPem = this.key.publicKeyPem;
        // Where the key waits, not the key: nothing this component publishes is secret.
        this.registerOutputs({
            certRequestPem: this.certRequestPem,
            publicKeyPem: this.publicKeyPem,
            keySecret: { namespace: this.keySecret.metadata.namespace, name: this.keySecret.metadata.name },
        });
    }
}
