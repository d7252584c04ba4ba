/** Refusal catalogue: meshfed:federation. */
import type { ErrorCase } from "../cases";
import { exp, imp, fed } from "./edits";

export const FEDERATION_CASES: ErrorCase[] = [
    {
        id: "MF-E080",
        title: "A pooled `trustedCaCertificates` list in the federation stack",
        stack: "cluster1-federation",
        key: "meshfed:federation.trustedCaCertificates",
        example: "trustedCaCertificates: [<PEM>]",
        value: '"(set)"',
        allowed: "declare each peer outside meshfed as meshfed:federation.peers.<name>.contract",
        fix: "Declare each outside peer with its own contract.",
        edit: (s, ctx) => {
            fed(s).trustedCaCertificates = [ctx.caCertPem];
        },
    },
    {
        id: "MF-E081",
        title: "A cluster as its own peer",
        stack: "cluster1-federation",
        key: "meshfed:federation.peers.cluster1",
        example: "peers: { cluster1: { stack: cluster1 } }",
        value: '{"stack":"cluster1"}',
        allowed: "a cluster is not its own peer",
        fix: "Its own identity stack is `identityStack`; list other clusters as peers.",
        edit: (s) => {
            fed(s).peers.cluster1 = { stack: "cluster1" };
        },
    },
    {
        id: "MF-E082",
        title: "A peer with both `stack` and `contract`",
        stack: "cluster1-federation",
        key: "meshfed:federation.peers.cluster2",
        example: "cluster2: { stack: cluster2, contract: {...} }",
        value: '{"stack":"cluster2","contract"',
        allowed: "expected either stack (the peer's meshfed identity stack) or contract (a peer outside meshfed), not both",
        fix: "Keep one of them.",
        edit: (s) => {
            fed(s).peers.cluster2.contract = { host: "c2.example.com" };
        },
    },
    {
        id: "MF-E083",
        title: "Import from a peer that is not configured",
        stack: "cluster1-federation",
        key: "meshfed:federation.imports[0].peer",
        example: "imports: [{ peer: cluster3, ... }]",
        value: '"cluster3"',
        allowed: "not a configured peer; configured: cluster2",
        fix: "Add the peer under `peers`, or correct the name.",
        edit: (s) => {
            imp(s).peer = "cluster3";
        },
    },
    {
        id: "MF-E084",
        title: "Canary header name with a space",
        stack: "cluster1-federation",
        key: 'meshfed:federation.imports[0].canary["end user"]',
        example: "canary: { end user: { exact: jason } }",
        value: '"end user"',
        allowed: "a header name is made of letters, digits and !#$%&'*+-.^_`|~ only",
        fix: "Use the header's real name, e.g. end-user.",
        formerlyAccepted: true,
        edit: (s) => {
            Object.assign(imp(s), { localSubset: "v1", canary: { "end user": { exact: "jason" } } });
        },
    },
    {
        id: "MF-E085",
        title: "Canary header with two match kinds",
        stack: "cluster1-federation",
        key: "meshfed:federation.imports[0].canary.end-user",
        example: "canary: { end-user: { exact: jason, prefix: ja } }",
        value: '{"exact":"jason","prefix":"ja"}',
        allowed: "expected exactly one of { exact }, { prefix }, { regex }",
        fix: "Keep one match kind.",
        edit: (s) => {
            Object.assign(imp(s), { localSubset: "v1", canary: { "end-user": { exact: "jason", prefix: "ja" } } });
        },
    },
    {
        id: "MF-E086",
        title: "Remote weight above 100",
        stack: "cluster1-federation",
        key: "meshfed:federation.imports[0].remoteWeight",
        example: "remoteWeight: 101",
        value: "101",
        allowed: "expected a whole number from 0 to 100",
        fix: "A percentage: 0 (all local) to 100 (all remote).",
        edit: (s) => {
            Object.assign(imp(s), { localSubset: "v1", remoteWeight: 101 });
        },
    },
    {
        id: "MF-E087",
        title: "Keeping traffic local without a local version",
        stack: "cluster1-federation",
        key: "meshfed:federation.imports[0].remoteWeight",
        example: "remoteWeight: 50   # no localSubset",
        value: "50",
        allowed: "keeping traffic local needs a local version: set localSubset",
        fix: "Set localSubset to the local version's subset.",
        edit: (s) => {
            imp(s).remoteWeight = 50;
        },
    },
    {
        id: "MF-E088",
        title: "Weighted split with `via: sidecar`",
        stack: "cluster1-federation",
        key: "meshfed:federation.imports[0].remoteWeight",
        example: "via: sidecar\nremoteWeight: 50",
        value: "50",
        allowed: "a weighted local/remote split needs via: egressGateway",
        fix: "Use via: egressGateway, or a weight of 0 or 100.",
        edit: (s) => {
            Object.assign(imp(s), { via: "sidecar", localSubset: "v1", remoteWeight: 50, callers: { labels: { app: "productpage" }, serviceAccounts: ["bookinfo-productpage"] } });
        },
    },
    {
        id: "MF-E089",
        title: "`via: sidecar` without callers",
        stack: "cluster1-federation",
        key: "meshfed:federation.imports[0].callers",
        example: "via: sidecar",
        value: "a missing value",
        allowed: "via: sidecar needs the calling workloads",
        fix: "Name the callers: { labels: {...}, serviceAccounts: [...] }.",
        edit: (s) => {
            imp(s).via = "sidecar";
        },
    },
    {
        id: "MF-E090",
        title: "Callers named for an import through the egress gateway",
        stack: "cluster1-federation",
        key: "meshfed:federation.imports[0].callers",
        example: "callers: { labels: { app: productpage }, serviceAccounts: [...] }",
        value: '{"labels":{"app":"productpage"}',
        allowed: "callers are named only for via: sidecar",
        fix: "Drop callers, or use via: sidecar.",
        edit: (s) => {
            imp(s).callers = { labels: { app: "productpage" }, serviceAccounts: ["bookinfo-productpage"] };
        },
    },
    {
        id: "MF-E091",
        title: "Two imports under one local name",
        stack: "cluster1-federation",
        key: "meshfed:federation.imports[1].as",
        example: "- as: { name: reviews-remote, namespace: default }\n- as: { name: reviews-remote, namespace: default }",
        value: '"default/reviews-remote"',
        allowed: "each local name once",
        fix: "Give each import its own local name.",
        edit: (s) => {
            fed(s).imports.push(structuredClone(imp(s)));
        },
    },
    {
        id: "MF-E092",
        title: "Outlier detection interval that is not a duration",
        stack: "cluster1-federation",
        key: "meshfed:federation.peers.cluster2.outlierDetection.interval",
        example: 'outlierDetection: { interval: "10" }',
        value: '"10"',
        allowed: "expected a duration of at least 1ms with its unit, such as 10s, 500ms or 1m",
        fix: "interval: 10s",
        edit: (s) => {
            fed(s).peers.cluster2.outlierDetection = { interval: "10" };
        },
    },
    {
        id: "MF-E124",
        title: "Outlier detection duration given as a bare number",
        stack: "cluster1-federation",
        key: "meshfed:federation.peers.cluster2.outlierDetection.baseEjectionTime",
        example: "outlierDetection: { baseEjectionTime: 30 }",
        value: "30",
        allowed: "expected a duration of at least 1ms with its unit, such as 10s, 500ms or 1m",
        fix: "baseEjectionTime: 30s (YAML reads a bare 30 as a number: the unit is required)",
        edit: (s) => {
            fed(s).peers.cluster2.outlierDetection = { baseEjectionTime: 30 };
        },
    },
    {
        id: "MF-E093",
        title: "`identityStack` naming another cluster's identity",
        stack: "cluster1-federation",
        key: "meshfed:federation.identityStack",
        example: "identityStack: cluster2   # in cluster1-federation",
        value: '"cluster2"',
        allowed: "that stack is the identity of cluster2, not cluster1",
        fix: "Name this cluster's own identity stack.",
        edit: (s) => {
            fed(s).identityStack = "cluster2";
        },
    },
    {
        id: "MF-E094",
        title: "A peer's `stack` naming another cluster's identity",
        stack: "cluster2-federation",
        key: "meshfed:federation.peers.cluster1.stack",
        example: "peers: { cluster1: { stack: cluster2 } }",
        value: '"cluster2"',
        allowed: "that stack is the identity of cluster2, not cluster1",
        fix: "Name the peer's own identity stack.",
        edit: (s) => {
            fed(s, "cluster2-federation").peers.cluster1.stack = "cluster2";
        },
    },
    {
        id: "MF-E095",
        title: "A consumer of an export missing from the exporter's peers",
        stack: "cluster2-federation",
        key: "meshfed:federation.peers",
        example: "peers: {}   # cluster2 exports reviews-v2 to cluster1",
        value: "[]",
        allowed: "bookinfo/reviews-v2 is exported to cluster1: add cluster1's identity stack",
        fix: "Add the consumer's identity stack under peers.",
        edit: (s) => {
            fed(s, "cluster2-federation").peers = {};
        },
    },
    {
        id: "MF-E096",
        title: "Import of a service the peer does not export",
        stack: "cluster1-federation",
        key: "meshfed:federation.imports[0].service",
        example: "service: { name: ratings, namespace: bookinfo }",
        value: '"bookinfo/ratings"',
        allowed: "cluster2 does not export it; it exports: bookinfo/reviews-v2",
        fix: "Import one of the services listed, or ask the peer to export it.",
        edit: (s) => {
            imp(s).service = { name: "ratings", namespace: "bookinfo" };
        },
    },
    {
        id: "MF-E097",
        replan: ["cluster2"],
        title: "Import of a service exported to other clusters only",
        stack: "cluster1-federation",
        key: "meshfed:federation.imports[0].service",
        example: "# cluster2 exports reviews-v2 to cluster3 only",
        value: '"bookinfo/reviews-v2"',
        allowed: "cluster2 exports it only to cluster3, not to cluster1",
        fix: "Ask the peer to add this cluster to the export's consumers.",
        edit: (s) => {
            exp(s).consumers = ["cluster3"];
        },
    },
    {
        id: "MF-E098",
        replan: ["cluster1"],
        title: "Import from a peer the egress gateway has no credential for",
        stack: "cluster1-federation",
        key: "meshfed:federation.imports[0].peer",
        example: "# cluster1: egress: { peers: [cluster3] }",
        value: '"cluster2"',
        allowed: "the egress gateway of cluster1 has no credential for cluster2",
        fix: "Add the peer to meshfed:gateways.egress.peers of the identity stack.",
        edit: (s) => {
            s.cluster1["meshfed:gateways"].egress.peers = ["cluster3"];
        },
    },
    {
        id: "MF-E099",
        title: "`via: sidecar` where no sidecar credential was issued",
        stack: "cluster1-federation",
        key: "meshfed:federation.imports[0].via",
        example: "via: sidecar   # default not in sidecarCredentialNamespaces",
        value: '"sidecar"',
        allowed: "sidecars in default need the client credential for cluster2 there",
        fix: "Add the namespace to meshfed:trust.sidecarCredentialNamespaces of the identity stack, or use egressGateway.",
        edit: (s) => {
            Object.assign(imp(s), { via: "sidecar", callers: { labels: { app: "productpage" }, serviceAccounts: ["bookinfo-productpage"] } });
        },
    },
    {
        id: "MF-E100",
        title: "A peer stack that is not an identity stack (no contract)",
        stack: "cluster1-federation",
        key: 'stack "cluster2-federation": output federation',
        example: "peers: { cluster2: { stack: cluster2-federation } }",
        value: "is missing",
        allowed: "a meshfed identity stack with meshfed:trust set",
        fix: "Name the peer's identity stack.",
        edit: (s) => {
            fed(s).peers.cluster2.stack = "cluster2-federation";
        },
    },
    {
        id: "MF-E101",
        title: "A private key inside a peer's CA bundle",
        stack: "cluster1-federation",
        key: "meshfed:federation.peers.cluster2.contract.caCertPem",
        example: "caCertPem: |\n  -----BEGIN CERTIFICATE-----...\n  -----BEGIN PRIVATE KEY-----...",
        value: '"(PEM CERTIFICATE, not shown)"',
        allowed: "never a private key",
        fix: "Paste the peer's CA certificate only.",
        edit: (s, ctx) => {
            fed(s).peers.cluster2 = {
                contract: { host: "c2.example.com", address: { ip: "192.0.2.10" }, port: 15443, caCertPem: `${ctx.caCertPem}-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n-----END PRIVATE KEY-----\n` },
            };
        },
    },
    {
        id: "MF-E102",
        title: "A peer contract without its host",
        stack: "cluster1-federation",
        key: "meshfed:federation.peers.cluster2.contract",
        example: "contract: { caCertPem: ..., address: ..., port: 15443 }",
        value: "host must be a non-empty string",
        allowed: "must be a non-empty string",
        fix: "Add the peer's federation host (the SNI its ingress gateway serves).",
        edit: (s, ctx) => {
            fed(s).peers.cluster2 = { contract: { address: { ip: "192.0.2.10" }, port: 15443, caCertPem: ctx.caCertPem } };
        },
    },
    {
        id: "MF-E103",
        title: "A peer contract with an address but no port",
        stack: "cluster1-federation",
        key: "meshfed:federation.peers.cluster2.contract",
        example: "contract: { host: c2.example.com, address: { ip: 192.0.2.10 }, caCertPem: ... }",
        value: "port",
        allowed: "must be set with the other, or both left out",
        fix: "Add the port of the peer's ingress gateway (15443 by convention).",
        edit: (s, ctx) => {
            fed(s).peers.cluster2 = { contract: { host: "c2.example.com", address: { ip: "192.0.2.10" }, caCertPem: ctx.caCertPem } };
        },
    },
    {
        id: "MF-E104",
        title: "`imports` that is not a list",
        stack: "cluster1-federation",
        key: "meshfed:federation.imports",
        example: "imports: { peer: cluster2, ... }",
        value: '{"peer":"cluster2"',
        allowed: "expected a list of imported services",
        fix: "Write each import as a list item.",
        edit: (s) => {
            fed(s).imports = imp(s);
        },
    },
    {
        id: "MF-E125",
        title: "`dnsProxy` that is not a boolean",
        stack: "cluster1-federation",
        key: "meshfed:federation.dnsProxy",
        example: 'dnsProxy: "yes"',
        value: '"yes"',
        allowed: "expected true or false",
        fix: "Write `dnsProxy: true` only when every calling pod's sidecar runs Istio's DNS proxy; leave it out otherwise.",
        edit: (s) => {
            fed(s).dnsProxy = "yes";
        },
    },
];
