import * as pulumi from "@pulumi/pulumi";
import * as tls from "@pulumi/tls";
import { at, InputError } from "../core/input-error";
import { requireDnsLabel, requireOneOf } from "../core/checks";
import { ArgsPaths, Resolved } from "../core/resolved";
import { CaSettings, ResolvedCa, Validity } from "../trust/cert-specs";
import { MeshCa, ResolvedMeshCaArgs, resolveMeshCaArgs } from "../trust/mesh-ca";
import { joinComputedBundle } from "../trust/pem-bundle";
import { SignedIntermediate } from "./mesh-contracts";
import { intermediateCertArgs, resolveIntermediateValidity, resolveRootCa, ROOT_MAX_PATH_LENGTH } from "./mesh-ca-specs";
import { ROLLOVER_PHASES, RolloverPhase, RootRoles, rootRoles } from "./root-rollover";

export interface SharedRootArgs {
    /** The mesh's ID (`global.meshID` of every member): a DNS label, names the roots' default subject. */
    meshId: string;
    /** The root CA. Its `rotation` names it. @default ECDSA P-256, 10 years, renewed in its last year, not protected */
    ca?: CaSettings;
    /** The lifetime of the intermediates it signs. @default one year, renewed in the last 60 days; shorter than the root */
    intermediates?: Validity;
    /**
     * Each member cluster's intermediate CA request (PEM), by cluster name. Only requests cross into this
     * stack: the intermediates' keys stay with their clusters.
     */
    requests: Record<string, pulumi.Input<string>>;
    /**
     * A root rollover in progress: `phase`, and `next`, the new root (its `rotation` must differ from
     * `ca`'s). See `root-rollover.ts` for what each phase changes. @default none
     */
    rollover?: { phase: RolloverPhase; next: CaSettings };
}

/**
 * What the resolver checks: SharedRootArgs, or the same read from stack config by the root stack, whose
 * certificate settings only this resolver checks (so their refusals name `SharedRootArgs`, as they always have).
 */
export type UncheckedSharedRootArgs = Pick<SharedRootArgs, "requests"> & {
    /** @see SharedRootArgs.meshId */
    meshId: unknown;
    /** @see SharedRootArgs.ca @default as SharedRootArgs.ca */
    ca?: unknown;
    /** @see SharedRootArgs.intermediates @default as SharedRootArgs.intermediates */
    intermediates?: unknown;
    /** @see SharedRootArgs.rollover @default none */
    rollover?: { phase: unknown; next: unknown };
};

/** SharedRootArgs as resolved: which roots this phase keeps and how each is made, and the intermediates' lifetime. */
export interface SharedRootResolution {
    meshId: string;
    phase?: RolloverPhase;
    roles: RootRoles;
    /** The MeshCa args of each root this phase keeps, resolved. */
    roots: Partial<Record<"current" | "next", ResolvedMeshCaArgs>>;
    intermediates: Required<Validity>;
}

/** What `resolveSharedRootArgs` made of the args: the constructor takes it as it is. */
export type ResolvedSharedRootArgs = Resolved<UncheckedSharedRootArgs, SharedRootResolution>;

/**
 * Checks SharedRootArgs (or the root stack's config) whole, naming `where.path` (a stack's config key) in its
 * refusals; a resolution given again passes through unchanged.
 */
export function resolveSharedRootArgs(args: UncheckedSharedRootArgs | ResolvedSharedRootArgs, where: ArgsPaths = {}): ResolvedSharedRootArgs {
    return Resolved.once("SharedRoot", args, (a) => resolveSharedRoot(a, where.path ?? "SharedRootArgs"));
}

function resolveSharedRoot(args: UncheckedSharedRootArgs, path: string): SharedRootResolution {
    const meshId = requireDnsLabel(at(path, "meshId"), args.meshId);
    const specs: { current: ResolvedCa; next?: ResolvedCa } = { current: resolveRootCa(at(path, "ca"), args.ca, meshId) };
    const phase = args.rollover && requireOneOf(at(path, "rollover.phase"), args.rollover.phase, ROLLOVER_PHASES);
    if (args.rollover) {
        specs.next = resolveRootCa(at(path, "rollover.next"), args.rollover.next, meshId);
        if (specs.next.rotation === specs.current.rotation) {
            throw new InputError(at(path, "rollover.next.rotation"), specs.next.rotation, `the new root needs a rotation other than the current one (${specs.current.rotation})`);
        }
    }
    const roles = rootRoles(phase);
    const intermediates = resolveIntermediateValidity(at(path, "intermediates"), args.intermediates, roles.roots.map((r) => specs[r]!));
    for (const cluster of Object.keys(args.requests)) requireDnsLabel(`${path}.requests.${cluster}`, cluster);
    // Each root is a MeshCa of the resolved settings: resolved here too, so nothing is checked after registering.
    const roots = Object.fromEntries(roles.roots.map((role) => [role, resolveMeshCaArgs({ clusterName: meshId, ...specs[role]!, maxPathLength: ROOT_MAX_PATH_LENGTH })]));
    return { meshId, phase, roles, roots, intermediates };
}

/**
 * The shared root of a mesh whose clusters each run their own istiod: a root CA (two during a rollover)
 * that signs every cluster's intermediate from its request, and the bundle every cluster trusts. Nothing
 * it publishes is secret, and nothing it creates is in a cluster: it takes no Kubernetes provider.
 */
export class SharedRoot extends pulumi.ComponentResource {
    /** `root-cert.pem` for every cluster: the roots trusted in this phase. */
    readonly rootCertPem: pulumi.Output<string>;
    /** Each cluster's signed intermediate, by cluster. */
    readonly intermediates: Record<string, pulumi.Output<SignedIntermediate>>;
    /** The root CAs this phase keeps, by role. */
    readonly roots: Partial<Record<"current" | "next", MeshCa>>;
    /** Each cluster's intermediate certificate, by cluster, signed by this phase's signer. */
    readonly certificates: Record<string, tls.LocallySignedCert>;
    readonly phase?: RolloverPhase;

    constructor(name: string, args: SharedRootArgs | ResolvedSharedRootArgs, opts?: pulumi.ComponentResourceOptions) {
        const { args: given, value: resolution } = resolveSharedRootArgs(args);
        super("meshfed:mesh:SharedRoot", name, {}, opts);
        const path = "SharedRootArgs";
        const { roles } = resolution;
        this.phase = resolution.phase;

        // Named by rotation, so the root a rollover introduces keeps its name and state once it is current.
        this.roots = Object.fromEntries(
            roles.roots.map((role) => {
                const root = resolution.roots[role]!;
                return [role, new MeshCa(`${name}-${root.value.rotation}`, root, { parent: this })];
            }),
        );
        const signer = this.roots[roles.signer]!;
        this.rootCertPem = pulumi
            .all(roles.trusted.map((r) => this.roots[r]!.certPem))
            .apply((pems) => joinComputedBundle(`${path}.rootCertPem`, pems));

        // Named by the signing root: a re-issue from the new root is a new certificate, the old one goes.
        this.certificates = Object.fromEntries(
            Object.entries(given.requests).map(([cluster, certRequestPem]) => [
                cluster,
                new tls.LocallySignedCert(
                    `${name}-${cluster}-${signer.spec.rotation}`,
                    { certRequestPem, caCertPem: signer.certPem, caPrivateKeyPem: signer.privateKeyPem, ...intermediateCertArgs(resolution.intermediates) },
                    { parent: this },
                ),
            ]),
        );
        this.intermediates = Object.fromEntries(
            Object.entries(this.certificates).map(([cluster, cert]) => [
                cluster,
                pulumi.all([cert.certPem, signer.certPem]).apply(([certPem, rootPem]) => ({ certPem, certChainPem: joinComputedBundle(`${path}.intermediates.${cluster}`, [certPem, rootPem]) })),
            ]),
        );
        this.registerOutputs({ rootCertPem: this.rootCertPem, intermediates: this.intermediates });
    }
}
