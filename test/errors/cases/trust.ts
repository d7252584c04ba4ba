/** Refusal catalogue: meshfed:trust. */
import type { ErrorCase } from "../cases";

export const TRUST_CASES: ErrorCase[] = [
    {
        id: "MF-E030",
        title: "IP address as `federationHost` (SNI cannot carry an IP)",
        stack: "cluster2",
        key: "meshfed:trust.federationHost",
        example: "federationHost: 192.0.2.10",
        value: '"192.0.2.10"',
        allowed: "expected a DNS name, not an IP address",
        fix: "Use a DNS name that resolves to the ingress gateway, e.g. c2.example.com.",
        formerlyAccepted: true,
        edit: (s) => {
            s.cluster2["meshfed:trust"].federationHost = "192.0.2.10";
        },
    },
    {
        id: "MF-E031",
        title: "`federationHost` of one label",
        stack: "cluster2",
        key: "meshfed:trust.federationHost",
        example: "federationHost: cluster2",
        value: '"cluster2"',
        allowed: "expected a lowercase DNS name with at least two labels",
        fix: "Use a fully qualified name, e.g. c2.example.com.",
        edit: (s) => {
            s.cluster2["meshfed:trust"].federationHost = "cluster2";
        },
    },
    {
        id: "MF-E032",
        title: "`federationHost` repeated in `additionalHosts`",
        stack: "cluster2",
        key: "meshfed:trust.additionalHosts[0]",
        example: "additionalHosts: [c2.example.com]",
        value: '"c2.example.com"',
        allowed: "the federation host is a SAN already",
        fix: "List only the other hosts.",
        edit: (s) => {
            s.cluster2["meshfed:trust"].additionalHosts = ["c2.example.com"];
        },
    },
    {
        id: "MF-E033",
        title: "IP address in `additionalHosts`",
        stack: "cluster2",
        key: "meshfed:trust.additionalHosts[0]",
        example: "additionalHosts: [2001:db8::1]",
        value: '"2001:db8::1"',
        allowed: "expected a DNS name, not an IP address",
        fix: "Use DNS names only.",
        edit: (s) => {
            s.cluster2["meshfed:trust"].additionalHosts = ["2001:db8::1"];
        },
    },
    {
        id: "MF-E034",
        title: "A pooled `trustedCaCertificates` list in the identity stack",
        stack: "cluster2",
        key: "meshfed:trust.trustedCaCertificates",
        example: "trustedCaCertificates: [<PEM>]",
        value: '"(set)"',
        allowed: "declare each peer outside meshfed in meshfed:federation.peers.<name>.contract",
        fix: "Declare each outside peer with its own contract in the federation stack.",
        edit: (s, ctx) => {
            s.cluster2["meshfed:trust"].trustedCaCertificates = [ctx.caCertPem];
        },
    },
    {
        id: "MF-E035",
        title: "Key algorithm meshfed does not issue",
        stack: "cluster2",
        key: "meshfed:trust.ca.algorithm",
        example: "ca: { algorithm: ED25519 }",
        value: '"ED25519"',
        allowed: "allowed: ECDSA-P256, ECDSA-P384, RSA-2048, RSA-3072, RSA-4096",
        fix: "Pick one of the listed algorithms.",
        edit: (s) => {
            s.cluster2["meshfed:trust"].ca = { algorithm: "ED25519" };
        },
    },
    {
        id: "MF-E036",
        title: "Gateway certificates that outlive their CA",
        stack: "cluster2",
        key: "meshfed:trust.certificates.validityHours",
        example: "ca: { validityHours: 720 }\ncertificates: { validityHours: 8760 }",
        value: "8760",
        allowed: "a gateway certificate may not outlive its CA (CA validity: 720 hours)",
        fix: "Shorten the certificates' validity, or lengthen the CA's.",
        edit: (s) => {
            Object.assign(s.cluster2["meshfed:trust"], { ca: { validityHours: 720, earlyRenewalHours: 24 }, certificates: { validityHours: 8760 } });
        },
    },
    {
        id: "MF-E037",
        title: "Early renewal as long as the validity (renewed on every update)",
        stack: "cluster2",
        key: "meshfed:trust.certificates.earlyRenewalHours",
        example: "certificates: { validityHours: 720, earlyRenewalHours: 720 }",
        value: "720",
        allowed: "must be shorter than validityHours (720)",
        fix: "Renew in the last part of the validity, e.g. earlyRenewalHours: 240.",
        edit: (s) => {
            s.cluster2["meshfed:trust"].certificates = { validityHours: 720, earlyRenewalHours: 720 };
        },
    },
    {
        id: "MF-E038",
        title: "Country that is not an ISO 3166 code",
        stack: "cluster2",
        key: "meshfed:trust.ca.subject.country",
        example: "ca: { subject: { country: Switzerland } }",
        value: '"Switzerland"',
        allowed: "expected an ISO 3166 two-letter country code",
        fix: "country: CH",
        edit: (s) => {
            s.cluster2["meshfed:trust"].ca = { subject: { country: "Switzerland" } };
        },
    },
    {
        id: "MF-E039",
        title: "A sidecar credential namespace listed twice",
        stack: "cluster1",
        key: "meshfed:trust.sidecarCredentialNamespaces[1]",
        example: "sidecarCredentialNamespaces: [default, default]",
        value: '"default"',
        allowed: "each namespace once",
        fix: "List each namespace once.",
        edit: (s) => {
            s.cluster1["meshfed:trust"].sidecarCredentialNamespaces = ["default", "default"];
        },
    },
];
