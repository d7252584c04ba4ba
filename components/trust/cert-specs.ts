/**
 * What a federation CA and its gateway certificates look like, resolved from Args or stack config: the
 * defaults filled in and every value checked before a key is generated.
 */
import { at, InputError } from "../core/input-error";
import { rejectUnknownKeys, requireBoolean, requireInteger, requireObject, requireOneOf, requireString } from "../core/checks";
import { KEY_ALGORITHMS, KeyAlgorithm } from "./key-algorithm";

const HOURS_PER_DAY = 24;
/** Longest validity accepted: 20 years. Longer-lived roots outlast the algorithms that sign them. */
const MAX_VALIDITY_HOURS = 20 * 365 * HOURS_PER_DAY;

export interface CertificateSubject {
    /** @default derived from the certificate's purpose (CA name, or the gateway's host) */
    commonName?: string;
    /** Organisation (O): usually the team or company owning the cluster. @default "meshfed" */
    organization?: string;
    /** Organisational unit (OU). @default none */
    organizationalUnit?: string;
    /** Two-letter country code (C). @default none */
    country?: string;
}

/** Lifetime of a certificate: it is replaced on the first `pulumi up` inside the renewal window. */
export interface Validity {
    /** How long the certificate is valid, in hours. @default 10 years for a CA, 90 days for a gateway certificate */
    validityHours?: number;
    /**
     * How many hours before expiry `pulumi up` replaces it. Must be shorter than the validity.
     * @default a CA's last year, a gateway certificate's last 30 days (at most a third of the validity)
     */
    earlyRenewalHours?: number;
}

export interface CaSettings extends Validity {
    /** @default "ECDSA-P256" */
    algorithm?: KeyAlgorithm;
    /** @default `{ commonName: "<cluster> federation CA", organization: "meshfed" }` */
    subject?: CertificateSubject;
    /** Protect the CA key from deletion: `pulumi destroy` refuses until unprotected. @default false */
    protect?: boolean;
    /**
     * Any string; changing it generates a new CA key and certificate on the next `pulumi up` (a CA
     * rollover: publish the new certificate to peers' bundles next to the old one first).
     * @default "initial"
     */
    rotation?: string;
}

export interface LeafSettings extends Validity {
    /** @default "ECDSA-P256" */
    algorithm?: KeyAlgorithm;
    /** Organisation and unit of gateway certificates; the common name is always the host. @default the CA's organisation */
    subject?: Omit<CertificateSubject, "commonName">;
}

export type ResolvedCa = Required<Omit<CaSettings, "subject">> & { subject: CertificateSubject };
export type ResolvedLeaf = Required<Omit<LeafSettings, "subject">> & { subject: Omit<CertificateSubject, "commonName"> };

/** CA: 10 years, replaced in its last year. */
export const CA_DEFAULTS = { validityHours: 10 * 365 * HOURS_PER_DAY, earlyRenewalHours: 365 * HOURS_PER_DAY };
/** Gateway certificates: 90 days, replaced in their last 30 days, as ACME CAs do. */
export const LEAF_DEFAULTS = { validityHours: 90 * HOURS_PER_DAY, earlyRenewalHours: 30 * HOURS_PER_DAY };

export function resolveCa(path: string, raw: unknown, clusterName: string): ResolvedCa {
    const s = requireObject(path, raw ?? {});
    rejectUnknownKeys(path, s, ["algorithm", "subject", "validityHours", "earlyRenewalHours", "protect", "rotation"]);
    const validity = resolveValidity(path, s, CA_DEFAULTS);
    return {
        algorithm: resolveAlgorithm(at(path, "algorithm"), s.algorithm),
        subject: {
            commonName: `${clusterName} federation CA`,
            organization: "meshfed",
            ...resolveSubject(at(path, "subject"), s.subject, true),
        },
        ...validity,
        protect: s.protect === undefined ? false : requireBoolean(at(path, "protect"), s.protect),
        rotation: s.rotation === undefined ? "initial" : requireString(at(path, "rotation"), s.rotation),
    };
}

export function resolveLeaf(path: string, raw: unknown, ca: ResolvedCa): ResolvedLeaf {
    const s = requireObject(path, raw ?? {});
    rejectUnknownKeys(path, s, ["algorithm", "subject", "validityHours", "earlyRenewalHours"]);
    const validity = resolveValidity(path, s, LEAF_DEFAULTS);
    if (validity.validityHours > ca.validityHours) {
        throw new InputError(
            at(path, "validityHours"),
            validity.validityHours,
            `a gateway certificate may not outlive its CA (CA validity: ${ca.validityHours} hours)`,
        );
    }
    return {
        algorithm: resolveAlgorithm(at(path, "algorithm"), s.algorithm),
        subject: { organization: ca.subject.organization, ...resolveSubject(at(path, "subject"), s.subject, false) },
        ...validity,
    };
}

function resolveAlgorithm(path: string, value: unknown): KeyAlgorithm {
    return value === undefined ? "ECDSA-P256" : requireOneOf(path, value, KEY_ALGORITHMS);
}

export function resolveValidity(path: string, s: Record<string, unknown>, defaults: Required<Validity>): Required<Validity> {
    const validityHours =
        s.validityHours === undefined ? defaults.validityHours : requireInteger(at(path, "validityHours"), s.validityHours, 1, MAX_VALIDITY_HOURS);
    const earlyRenewalHours =
        s.earlyRenewalHours === undefined
            ? Math.min(defaults.earlyRenewalHours, Math.floor(validityHours / 3))
            : requireInteger(at(path, "earlyRenewalHours"), s.earlyRenewalHours, 0, MAX_VALIDITY_HOURS);
    if (earlyRenewalHours >= validityHours) {
        throw new InputError(
            at(path, "earlyRenewalHours"),
            earlyRenewalHours,
            `must be shorter than validityHours (${validityHours}), or the certificate would be renewed on every update`,
        );
    }
    return { validityHours, earlyRenewalHours };
}

function resolveSubject(path: string, raw: unknown, allowCommonName: boolean): CertificateSubject {
    if (raw === undefined) return {};
    const s = requireObject(path, raw);
    const fields = ["organization", "organizationalUnit", "country", ...(allowCommonName ? ["commonName"] : [])];
    rejectUnknownKeys(path, s, fields);
    const subject: CertificateSubject = {};
    for (const f of fields) {
        if (s[f] !== undefined) (subject as Record<string, string>)[f] = requireString(at(path, f), s[f]);
    }
    if (subject.country !== undefined && !/^[A-Z]{2}$/.test(subject.country)) {
        throw new InputError(at(path, "country"), subject.country, "expected an ISO 3166 two-letter country code such as CH");
    }
    return subject;
}
