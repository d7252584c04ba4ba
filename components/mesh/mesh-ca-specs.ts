/**
 * What the shared root, the intermediates it signs and the clusters' CA requests look like, resolved from
 * Args or stack config before any key is generated. The root and the request reuse the federation CA's
 * settings (algorithm, subject, protection, rotation); only their default names and lifetimes differ.
 */
import * as tls from "@pulumi/tls";
import { at, InputError } from "../core/input-error";
import { rejectUnknownKeys, requireDnsLabel, requireObject } from "../core/checks";
import { CaSettings, ResolvedCa, resolveCa, resolveValidity, Validity } from "../trust/cert-specs";

const HOURS_PER_DAY = 24;

/**
 * Intermediates: one year, renewed in their last 60 days. Istio signs workload certificates for 24 hours,
 * so a renewed intermediate is in every workload's chain within a day of the mesh stack's `pulumi up`.
 */
export const INTERMEDIATE_DEFAULTS = { validityHours: 365 * HOURS_PER_DAY, earlyRenewalHours: 60 * HOURS_PER_DAY };

/**
 * A shared root allows one CA below it (the cluster's intermediate), none below that. `@pulumi/tls` cannot
 * write pathLen 0 on the intermediate (the provider sets Go's MaxPathLen but never MaxPathLenZero, so 0
 * means "no constraint"), so the constraint sits on the root: pathLen 1 refuses any chain with a second CA.
 */
export const ROOT_MAX_PATH_LENGTH = 1;

/** The root's subject names its rotation: two roots live side by side during a rollover and must not share a name. */
export function resolveRootCa(path: string, raw: unknown, meshId: string): ResolvedCa {
    const spec = resolveCa(path, raw, meshId);
    const rotation = requireDnsLabel(at(path, "rotation"), spec.rotation);
    return withDefaultCommonName(spec, raw, `${meshId} root CA ${rotation}`);
}

/** A cluster's intermediate CA key and request: a CA's settings without a lifetime, which the root decides. */
export type CaRequestSettings = Omit<CaSettings, keyof Validity>;
export type ResolvedCaRequest = Omit<ResolvedCa, keyof Validity>;

/** What an intermediate's key and request are made of: a CA's settings without a lifetime. */
export const CA_REQUEST_KEYS = ["algorithm", "subject", "protect", "rotation"];

export function resolveCaRequest(path: string, raw: unknown, clusterName: string): ResolvedCaRequest {
    const s = requireObject(path, raw ?? {});
    rejectUnknownKeys(path, s, CA_REQUEST_KEYS);
    const { validityHours: _v, earlyRenewalHours: _e, ...spec } = withDefaultCommonName(resolveCa(path, s, clusterName), s, `${clusterName} intermediate CA`);
    return spec;
}

/** The intermediates' lifetime: shorter than the root's, or a renewed root would outlive nothing. */
export function resolveIntermediateValidity(path: string, raw: unknown, roots: ResolvedCa[]): Required<Validity> {
    const s = requireObject(path, raw ?? {});
    rejectUnknownKeys(path, s, ["validityHours", "earlyRenewalHours"]);
    const validity = resolveValidity(path, s, INTERMEDIATE_DEFAULTS);
    const shortest = Math.min(...roots.map((r) => r.validityHours));
    if (validity.validityHours >= shortest) {
        throw new InputError(at(path, "validityHours"), validity.validityHours, `an intermediate must expire before its root (root validity: ${shortest} hours)`);
    }
    return validity;
}

/** The `tls.LocallySignedCert` inputs of an intermediate, apart from the request and the signing root. */
export function intermediateCertArgs(validity: Required<Validity>): Omit<tls.LocallySignedCertArgs, "certRequestPem" | "caCertPem" | "caPrivateKeyPem"> {
    return {
        isCaCertificate: true,
        // Istio's CA signs workload certificates and its CRL with this key; nothing else.
        allowedUses: ["cert_signing", "crl_signing", "digital_signature"],
        validityPeriodHours: validity.validityHours,
        earlyRenewalHours: validity.earlyRenewalHours,
        setSubjectKeyId: true,
    };
}

function withDefaultCommonName<T extends { subject: ResolvedCa["subject"] }>(spec: T, raw: unknown, commonName: string): T {
    const given = (raw as { subject?: { commonName?: unknown } } | undefined)?.subject?.commonName;
    return given === undefined ? { ...spec, subject: { ...spec.subject, commonName } } : spec;
}
