/**
 * The refusal catalogue as data: each entry of docs/errors.md is one case here, with the edit that makes
 * the mistake, the stack planned, and the three things its message must name (key or file, value, what is
 * allowed). `catalogue.test.ts` plans every case; `write-catalogue.ts` writes docs/errors.md from them.
 */
import { Stacks } from "./stacks";

export interface CatalogueContext {
    /** A real CA certificate (cluster2's), for contracts written out in the config. */
    caCertPem: string;
}

export interface ErrorCase {
    id: string;
    /** The mistake, in the user's words. */
    title: string;
    /** The stack that is planned and must be refused. */
    stack: string;
    /** The config key (or the stack file) the message must name. */
    key: string;
    /** The bad value as the catalogue shows it (YAML, in the stack file). */
    example: string;
    /** The value as the message prints it. */
    value: string;
    /** Part of the message that says what is allowed. */
    allowed: string;
    fix: string;
    /** Breaks the stacks (a copy of `baseStacks()`). */
    edit?: (s: Stacks, ctx: CatalogueContext) => void;
    /** Or: the raw text of the planned stack's file. */
    file?: string;
    /** One of the previously accepted mistakes (issue 16). */
    formerlyAccepted?: boolean;
    /** Stacks the edit changed that the planned stack reads: planned again (successfully) first. */
    replan?: string[];
}

const exp = (s: Stacks) => s.cluster2["meshfed:exports"][0];
const imp = (s: Stacks) => s["cluster1-federation"]["meshfed:federation"].imports[0];
const fed = (s: Stacks, stack = "cluster1-federation") => s[stack]["meshfed:federation"];
const ingress = (s: Stacks) => s.cluster2["meshfed:gateways"].ingress;

export const CASES: ErrorCase[] = [
    // ---- The stack file (engine/stack-config.ts, cli/plan.ts)
    {
        id: "MF-E001",
        title: "YAML syntax error in a stack file",
        stack: "cluster2",
        key: "Pulumi.cluster2.yaml:3:",
        example: "config:\n  meshfed:cluster: { name: cluster2\n  meshfed:trust: ...",
        value: "Pulumi.cluster2.yaml:3:",
        allowed: "",
        fix: "Correct the YAML at the line and column named (here: the unclosed `{`).",
        file: "config:\n  meshfed:cluster: { name: cluster2\n  meshfed:trust: { federationHost: c2.example.com }\n",
    },
    {
        id: "MF-E002",
        title: "Settings outside `config:` (not indented)",
        stack: "cluster2",
        key: "Pulumi.cluster2.yaml",
        example: "config:\nmeshfed:cluster:\n  name: cluster2",
        value: '"meshfed:cluster" is at the top level',
        allowed: 'stack settings go under "config:"',
        fix: "Indent the key under `config:`.",
        file: "config:\n  meshfed:trust: { federationHost: c2.example.com }\nmeshfed:cluster:\n  name: cluster2\n",
    },
    {
        id: "MF-E003",
        title: "Config key without its project",
        stack: "cluster2",
        key: "Pulumi.cluster2.yaml",
        example: "config:\n  cluster: { name: cluster2 }",
        value: 'config key "cluster"',
        allowed: "must be namespaced as <project>:<key>, e.g. meshfed:cluster",
        fix: "Write `meshfed:cluster`.",
        file: "config:\n  cluster: { name: cluster2 }\n",
    },
    {
        id: "MF-E004",
        title: "`config` is not a map",
        stack: "cluster2",
        key: "Pulumi.cluster2.yaml",
        example: "config:\n  - meshfed:cluster",
        value: '"config"',
        allowed: "must be a map of key → value",
        fix: "Write `config:` as a map of `meshfed:<key>: value`.",
        file: "config:\n  - meshfed:cluster\n",
    },
    {
        id: "MF-E005",
        title: "A stack that does not exist",
        stack: "cluster9",
        key: "Pulumi.cluster9.yaml",
        example: "npm run plan -- --stack cluster9",
        value: '--stack "cluster9"',
        allowed: "no Pulumi.cluster9.yaml in",
        fix: "Name one of the listed stacks, or create `stacks/Pulumi.cluster9.yaml`.",
    },
    // ---- Keys of the stack as a whole (program/config-checks.ts, program/settings.ts)
    {
        id: "MF-E010",
        title: "Misspelt top-level key (a federation stack would plan with nothing in it)",
        stack: "cluster2-federation",
        key: "meshfed:federaton",
        example: "meshfed:federaton: { identityStack: cluster2 }",
        value: '"(set)"',
        allowed: "did you mean meshfed:federation?",
        fix: "Spell the key as listed.",
        formerlyAccepted: true,
        edit: (s) => {
            const f = s["cluster2-federation"];
            f["meshfed:federaton"] = f["meshfed:federation"];
            delete f["meshfed:federation"];
        },
    },
    {
        id: "MF-E011",
        title: "Misspelt `meshfed:trust` (once reported as a problem of `meshfed:exports`)",
        stack: "cluster2",
        key: "meshfed:trsut",
        example: "meshfed:trsut: { federationHost: c2.example.com }",
        value: '"(set)"',
        allowed: "did you mean meshfed:trust?",
        fix: "Spell the key `meshfed:trust`.",
        edit: (s) => {
            s.cluster2["meshfed:trsut"] = s.cluster2["meshfed:trust"];
            delete s.cluster2["meshfed:trust"];
        },
    },
    {
        id: "MF-E012",
        title: "An identity-stack key in a federation stack",
        stack: "cluster2-federation",
        key: "meshfed:exports",
        example: "meshfed:exports: [...]   # in cluster2-federation",
        value: '"(set)"',
        allowed: "this is a federation stack; meshfed:exports belongs in the cluster's identity stack",
        fix: "Move the key to the cluster's identity stack (the one with `meshfed:trust`).",
        edit: (s) => {
            s["cluster2-federation"]["meshfed:exports"] = s.cluster2["meshfed:exports"];
        },
    },
    {
        id: "MF-E013",
        title: "`meshfed:trust` and `meshfed:federation` in one stack",
        stack: "cluster2",
        key: "meshfed:trust",
        example: "meshfed:trust: ...\nmeshfed:federation: ...",
        value: '"(set)"',
        allowed: "belongs in the cluster's identity stack",
        fix: "Keep identity (`trust`, `gateways`, `exports`) and federation (`federation`) in two stacks.",
        edit: (s) => {
            delete s.cluster2["meshfed:exports"];
            delete s.cluster2["meshfed:gateways"];
            s.cluster2["meshfed:federation"] = fed(s, "cluster2-federation");
        },
    },
    {
        id: "MF-E014",
        title: "Empty `meshfed:kubeconfig` (the provider would fall back to the ambient kubeconfig)",
        stack: "cluster2",
        key: "meshfed:kubeconfig",
        example: 'meshfed:kubeconfig: ""',
        value: '""',
        allowed: "an empty kubeconfig would make the provider fall back to the ambient one",
        fix: 'pulumi config set --secret meshfed:kubeconfig "$(cat kubeconfig)"',
        formerlyAccepted: true,
        edit: (s) => {
            s.cluster2["meshfed:kubeconfig"] = "";
        },
    },
    {
        id: "MF-E015",
        title: "`meshfed:kubeconfig` in plain text in a committed stack file",
        stack: "cluster2",
        key: "meshfed:kubeconfig",
        example: "meshfed:kubeconfig: |\n  apiVersion: v1\n  kind: Config ...",
        value: '"(plain text)"',
        allowed: "must not sit in plain text in the stack file",
        fix: 'pulumi config set --secret meshfed:kubeconfig "$(cat kubeconfig)" (the file then holds `secure:` ciphertext).',
        formerlyAccepted: true,
        edit: (s) => {
            s.cluster2["meshfed:kubeconfig"] = "apiVersion: v1\nkind: Config\nclusters: []\n";
        },
    },
    {
        id: "MF-E016",
        title: "`meshfed:cluster` missing",
        stack: "cluster2",
        key: "meshfed:cluster",
        example: "(no meshfed:cluster)",
        value: "a missing value",
        allowed: "required in every meshfed stack",
        fix: "Add `meshfed:cluster: { name: <the cluster's federation name> }`.",
        edit: (s) => {
            delete s.cluster2["meshfed:cluster"];
        },
    },
    {
        id: "MF-E017",
        title: "Cluster name that is not a DNS label",
        stack: "cluster2",
        key: "meshfed:cluster.name",
        example: "meshfed:cluster: { name: Cluster_2 }",
        value: '"Cluster_2"',
        allowed: "expected a DNS-1123 label",
        fix: "Use lowercase letters, digits and '-'.",
        edit: (s) => {
            s.cluster2["meshfed:cluster"].name = "Cluster_2";
        },
    },
    {
        id: "MF-E018",
        title: "A plain string where a map is expected (once: \"is not a valid JSON object\")",
        stack: "cluster2",
        key: "meshfed:trust",
        example: "meshfed:trust: c2.example.com",
        value: '"c2.example.com"',
        allowed: "expected a YAML map or list under this key, not a plain string",
        fix: "meshfed:trust: { federationHost: c2.example.com }",
        edit: (s) => {
            s.cluster2["meshfed:trust"] = "c2.example.com";
        },
    },
    {
        id: "MF-E019",
        title: "Unknown setting inside a key",
        stack: "cluster2",
        key: "meshfed:cluster.zone",
        example: "meshfed:cluster: { name: cluster2, zone: eu }",
        value: '"eu"',
        allowed: "unknown setting; known settings at meshfed:cluster: name, context",
        fix: "Remove it, or spell it as one of the known settings listed.",
        edit: (s) => {
            s.cluster2["meshfed:cluster"].zone = "eu";
        },
    },
    {
        id: "MF-E020",
        title: "Exports in a stack with no `meshfed:trust`",
        stack: "cluster2",
        key: "meshfed:exports",
        example: "meshfed:exports: [...]   # without meshfed:trust",
        value: '[{"service"',
        allowed: "exports are published by the cluster's identity stack: set meshfed:trust too",
        fix: "Add `meshfed:trust` (the exporting cluster's identity).",
        edit: (s) => {
            delete s.cluster2["meshfed:trust"];
            delete s.cluster2["meshfed:gateways"];
        },
    },
    // ---- meshfed:trust
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
    // ---- meshfed:gateways
    {
        id: "MF-E050",
        title: "One namespace for both gateways (meshfed 0.1's `gateways.namespace`)",
        stack: "cluster2",
        key: "meshfed:gateways.namespace",
        example: "meshfed:gateways: { namespace: istio-private-gateways }",
        value: '"istio-private-gateways"',
        allowed: "set ingress.namespace and egress.namespace",
        fix: "Give each gateway its own namespace.",
        edit: (s) => {
            s.cluster2["meshfed:gateways"].namespace = "istio-private-gateways";
        },
    },
    {
        id: "MF-E051",
        title: "No ingress gateway on a cluster that exports",
        stack: "cluster2",
        key: "meshfed:gateways.ingress",
        example: "ingress: false",
        value: "false",
        allowed: "meshfed:exports are served by the ingress gateway",
        fix: "Keep the ingress gateway, or export nothing.",
        edit: (s) => {
            s.cluster2["meshfed:gateways"].ingress = false;
        },
    },
    {
        id: "MF-E052",
        title: "Egress gateway without peers",
        stack: "cluster1",
        key: "meshfed:gateways.egress.peers",
        example: "egress: { peers: [] }",
        value: "[]",
        allowed: "list the clusters this one imports from (at least one)",
        fix: "List the peers it imports from, or leave egress out.",
        edit: (s) => {
            s.cluster1["meshfed:gateways"].egress.peers = [];
        },
    },
    {
        id: "MF-E053",
        title: "A cluster importing from itself",
        stack: "cluster1",
        key: "meshfed:gateways.egress.peers[1]",
        example: "egress: { peers: [cluster2, cluster1] }",
        value: '"cluster1"',
        allowed: "a cluster does not import from itself",
        fix: "Remove the cluster's own name.",
        edit: (s) => {
            s.cluster1["meshfed:gateways"].egress.peers = ["cluster2", "cluster1"];
        },
    },
    {
        id: "MF-E054",
        title: "Ingress and egress gateway in one namespace",
        stack: "cluster2",
        key: "meshfed:gateways.egress.namespace",
        example: "ingress: { namespace: gw }\negress: { namespace: gw, peers: [cluster1] }",
        value: '"gw"',
        allowed: "the egress gateway needs a namespace apart from the ingress gateway's",
        fix: "Give each gateway its own namespace.",
        edit: (s) => {
            ingress(s).namespace = "gw";
            s.cluster2["meshfed:gateways"].egress = { namespace: "gw", peers: ["cluster1"] };
        },
    },
    {
        id: "MF-E055",
        title: "Gateway port that Istio's proxy uses itself (15021, the health port)",
        stack: "cluster2",
        key: "meshfed:gateways.ingress.port",
        example: "ingress: { port: 15021 }",
        value: "15021",
        allowed: "Istio's proxy uses that port itself (reserved: 15000, 15001, 15004, 15006, 15008, 15009, 15020, 15021, 15053, 15090)",
        fix: "Use 15443 (the federation convention) or another free port.",
        formerlyAccepted: true,
        edit: (s) => {
            ingress(s).port = 15021;
        },
    },
    {
        id: "MF-E056",
        title: "`loadBalancerSourceRanges` entry that is not a CIDR",
        stack: "cluster2",
        key: "meshfed:gateways.ingress.loadBalancerSourceRanges[0]",
        example: "loadBalancerSourceRanges: [10.0.0.0]",
        value: '"10.0.0.0"',
        allowed: "expected a CIDR block such as 203.0.113.0/24",
        fix: "Add the prefix length: 10.0.0.0/8.",
        formerlyAccepted: true,
        edit: (s) => {
            ingress(s).loadBalancerSourceRanges = ["10.0.0.0"];
        },
    },
    {
        id: "MF-E057",
        title: "`resources` value that is not a Kubernetes quantity",
        stack: "cluster2",
        key: "meshfed:gateways.ingress.resources.requests.memory",
        example: "resources: { requests: { memory: 128 MB } }",
        value: '"128 MB"',
        allowed: "expected a Kubernetes quantity such as 250m, 0.5, 128Mi or 1Gi",
        fix: "memory: 128Mi",
        formerlyAccepted: true,
        edit: (s) => {
            ingress(s).resources = { requests: { memory: "128 MB" } };
        },
    },
    {
        id: "MF-E058",
        title: "Both `replicas` and `autoscaling`",
        stack: "cluster2",
        key: "meshfed:gateways.ingress.autoscaling",
        example: "replicas: 2\nautoscaling: { minReplicas: 2, maxReplicas: 4 }",
        value: '{"minReplicas":2,"maxReplicas":4}',
        allowed: "set either replicas or autoscaling, not both",
        fix: "Keep one of them.",
        edit: (s) => {
            Object.assign(ingress(s), { replicas: 2, autoscaling: { minReplicas: 2, maxReplicas: 4 } });
        },
    },
    {
        id: "MF-E059",
        title: "`maxReplicas` below `minReplicas`",
        stack: "cluster2",
        key: "meshfed:gateways.ingress.autoscaling.maxReplicas",
        example: "autoscaling: { minReplicas: 3, maxReplicas: 2 }",
        value: "2",
        allowed: "must be at least minReplicas (3)",
        fix: "Raise maxReplicas or lower minReplicas.",
        edit: (s) => {
            ingress(s).autoscaling = { minReplicas: 3, maxReplicas: 2 };
        },
    },
    {
        id: "MF-E060",
        title: "A PodDisruptionBudget with one replica",
        stack: "cluster2",
        key: "meshfed:gateways.ingress.podDisruptionBudget",
        example: "replicas: 1\npodDisruptionBudget: { minAvailable: 1 }",
        value: '{"minAvailable":1}',
        allowed: "a PodDisruptionBudget needs at least 2 replicas",
        fix: "Run at least two replicas, or drop the budget.",
        edit: (s) => {
            Object.assign(ingress(s), { replicas: 1, podDisruptionBudget: { minAvailable: 1 } });
        },
    },
    {
        id: "MF-E061",
        title: "Chart version that is not a version",
        stack: "cluster2",
        key: "meshfed:gateways.ingress.chart.version",
        example: "chart: { version: latest }",
        value: '"latest"',
        allowed: "expected a chart version such as 1.30.3",
        fix: "Pin a release, e.g. 1.30.3.",
        edit: (s) => {
            ingress(s).chart = { version: "latest" };
        },
    },
    {
        id: "MF-E062",
        title: "Internal load balancer on an unnamed cloud",
        stack: "cluster2",
        key: "meshfed:gateways.ingress.cloud",
        example: "ingress: {}",
        value: "a missing value",
        allowed: "set cloud (aws, gcp, azure), or serviceAnnotations, or exposure: public",
        fix: "Name the cloud, or annotate the Service yourself.",
        edit: (s) => {
            delete ingress(s).cloud;
        },
    },
    {
        id: "MF-E063",
        title: "Unknown exposure",
        stack: "cluster2",
        key: "meshfed:gateways.ingress.exposure",
        example: "exposure: private",
        value: '"private"',
        allowed: "allowed: internal, public",
        fix: "exposure: internal (the default) or public.",
        edit: (s) => {
            ingress(s).exposure = "private";
        },
    },
    {
        id: "MF-E064",
        title: "Annotation key the API server refuses",
        stack: "cluster2",
        key: 'meshfed:gateways.ingress.serviceAnnotations["my annotation"]',
        example: 'serviceAnnotations: { "my annotation": "x" }',
        value: '"my annotation"',
        allowed: "an annotation key is an optional DNS-subdomain prefix",
        fix: "Use a key such as example.com/my-annotation.",
        edit: (s) => {
            ingress(s).serviceAnnotations = { "my annotation": "x" };
        },
    },
    {
        id: "MF-E065",
        title: "Pinned address that is not an IP",
        stack: "cluster2",
        key: "meshfed:gateways.ingress.address.ip",
        example: "address: { ip: c2.example.com }",
        value: '"c2.example.com"',
        allowed: "expected an IPv4 or IPv6 address",
        fix: "address: { hostname: c2.example.com } for a DNS name.",
        edit: (s) => {
            ingress(s).address = { ip: "c2.example.com" };
        },
    },
    {
        id: "MF-E066",
        title: "Replicas out of range",
        stack: "cluster2",
        key: "meshfed:gateways.ingress.replicas",
        example: "replicas: 0",
        value: "0",
        allowed: "expected a whole number from 1 to 100",
        fix: "replicas: 2",
        edit: (s) => {
            ingress(s).replicas = 0;
        },
    },
    {
        id: "MF-E067",
        title: "Private gateways without the cluster's identity",
        stack: "cluster1",
        key: "meshfed:gateways.egress",
        example: "meshfed:gateways: { egress: ... }   # without meshfed:trust",
        value: '{"peers":["cluster2"]}',
        allowed: "a private gateway needs the cluster's federation identity: set meshfed:trust too",
        fix: "Add `meshfed:trust`.",
        edit: (s) => {
            delete s.cluster1["meshfed:trust"];
        },
    },
    // ---- meshfed:exports
    {
        id: "MF-E070",
        title: "`meshfed:exports` that is not a list",
        stack: "cluster2",
        key: "meshfed:exports",
        example: "meshfed:exports: { service: ... }",
        value: '{"service"',
        allowed: "expected a list of exported services",
        fix: "Write each export as a list item (`- service: ...`).",
        edit: (s) => {
            s.cluster2["meshfed:exports"] = exp(s);
        },
    },
    {
        id: "MF-E071",
        title: "Subset label value with a space",
        stack: "cluster2",
        key: "meshfed:exports[0].subset.labels.version",
        example: "subset: { name: v2, labels: { version: v 2 } }",
        value: '"v 2"',
        allowed: "a label value is at most 63 alphanumerics",
        fix: "Use the pods' actual label value (no spaces).",
        formerlyAccepted: true,
        edit: (s) => {
            exp(s).subset.labels.version = "v 2";
        },
    },
    {
        id: "MF-E072",
        title: "Export without consumers",
        stack: "cluster2",
        key: "meshfed:exports[0].consumers",
        example: "consumers: []",
        value: "[]",
        allowed: "at least one",
        fix: "List the clusters allowed to consume it.",
        edit: (s) => {
            exp(s).consumers = [];
        },
    },
    {
        id: "MF-E073",
        title: "A cluster exporting to itself",
        stack: "cluster2",
        key: "meshfed:exports[0].consumers[0]",
        example: "consumers: [cluster2]",
        value: '"cluster2"',
        allowed: "a cluster does not import its own services",
        fix: "List other clusters only.",
        edit: (s) => {
            exp(s).consumers = ["cluster2"];
        },
    },
    {
        id: "MF-E074",
        title: "One name exported twice",
        stack: "cluster2",
        key: "meshfed:exports[1].exportAs",
        example: "- exportAs: { name: reviews-v2 }\n- exportAs: { name: reviews-v2 }",
        value: '"bookinfo/reviews-v2"',
        allowed: "is exported as bookinfo/reviews-v2 already: each exported name once",
        fix: "Give each export its own exportAs name.",
        edit: (s) => {
            s.cluster2["meshfed:exports"].push(structuredClone(exp(s)));
        },
    },
    {
        id: "MF-E075",
        title: "One subset name with two label sets",
        stack: "cluster2",
        key: "meshfed:exports[1].subset",
        example: "- subset: { name: v2, labels: { version: v2 } }\n- subset: { name: v2, labels: { version: v3 } }",
        value: '{"name":"v2","labels":{"version":"v3"}}',
        allowed: "one name, one set of pods",
        fix: "Name the second subset differently.",
        edit: (s) => {
            const second = structuredClone(exp(s));
            second.subset.labels = { version: "v3" };
            second.exportAs = { name: "reviews-v3" };
            s.cluster2["meshfed:exports"].push(second);
        },
    },
    {
        id: "MF-E076",
        title: "Exported Service name that is not a DNS label",
        stack: "cluster2",
        key: "meshfed:exports[0].service.name",
        example: "service: { name: Reviews, namespace: bookinfo, port: 9080 }",
        value: '"Reviews"',
        allowed: "expected a DNS-1123 label",
        fix: "Use the Service's name as Kubernetes has it (lowercase).",
        edit: (s) => {
            exp(s).service.name = "Reviews";
        },
    },
    // ---- meshfed:federation
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
        allowed: "expected a duration of at least 1ms, such as 10s, 500ms or 1m",
        fix: "interval: 10s",
        edit: (s) => {
            fed(s).peers.cluster2.outlierDetection = { interval: "10" };
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
    // ---- meshfed:objects and meshfed:offline
    {
        id: "MF-E110",
        title: "`meshfed:objects` that is not a list",
        stack: "cluster2",
        key: "meshfed:objects",
        example: "meshfed:objects: { apiVersion: v1, kind: ConfigMap }",
        value: '{"apiVersion":"v1"',
        allowed: "expected a list of Kubernetes objects",
        fix: "Write each object as a list item.",
        edit: (s) => {
            s.cluster2["meshfed:objects"] = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a", namespace: "default" } };
        },
    },
    {
        id: "MF-E111",
        title: "The same object twice in `meshfed:objects`",
        stack: "cluster2",
        key: "meshfed:objects[1]",
        example: "- { apiVersion: v1, kind: ConfigMap, metadata: { name: a, namespace: default } }\n- (the same again)",
        value: "ConfigMap",
        allowed: "each object may appear once",
        fix: "Remove the duplicate.",
        edit: (s) => {
            const o = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a", namespace: "default" } };
            s.cluster2["meshfed:objects"] = [o, o];
        },
    },
    {
        id: "MF-E112",
        title: "Unknown offline load-balancer kind",
        stack: "cluster2",
        key: "meshfed:offline.loadBalancer",
        example: "meshfed:offline: { loadBalancer: dns }",
        value: '"dns"',
        allowed: "allowed: ip, hostname",
        fix: "loadBalancer: hostname (as on AWS) or ip.",
        edit: (s) => {
            s.cluster2["meshfed:offline"] = { loadBalancer: "dns" };
        },
    },
    // ---- Shared-root mesh stacks
    {
        id: "MF-E120",
        title: "Two mesh stack kinds in one stack",
        stack: "east-ca-request",
        key: "meshfed:mesh",
        example: "meshfed:caRequest: ...\nmeshfed:mesh: ...",
        value: '"(set)"',
        allowed: "a meshfed:caRequest stack holds only",
        fix: "Keep the CA-request, root and mesh stacks apart.",
        edit: (s) => {
            s["east-ca-request"]["meshfed:mesh"] = s["east-mesh"]["meshfed:mesh"];
        },
    },
    {
        id: "MF-E121",
        title: "A mesh root with no member clusters",
        stack: "mesh-root",
        key: "meshfed:meshRoot.clusters",
        example: "clusters: {}",
        value: "{}",
        allowed: "list at least one member",
        fix: "List each member: <cluster>: { stack: <its CA-request stack> }.",
        edit: (s) => {
            s["mesh-root"]["meshfed:meshRoot"].clusters = {};
        },
    },
    {
        id: "MF-E122",
        title: "A mesh root signing a CA-request stack of another cluster",
        stack: "mesh-root",
        key: "meshfed:meshRoot.clusters.west.stack",
        example: "clusters: { west: { stack: east-ca-request } }",
        value: '"east-ca-request"',
        allowed: "that stack requests the intermediate of east, not west",
        fix: "Name the cluster's own CA-request stack.",
        edit: (s) => {
            s["mesh-root"]["meshfed:meshRoot"].clusters = { west: { stack: "east-ca-request" } };
        },
    },
    {
        id: "MF-E123",
        replan: ["west-ca-request", "mesh-root"],
        title: "A mesh stack whose root signs no intermediate for its cluster",
        stack: "east-mesh",
        key: "meshfed:mesh.rootStack",
        example: "# mesh-root's clusters do not list east",
        value: '"mesh-root"',
        allowed: "that root signs no intermediate for east",
        fix: "Add the cluster to the root's meshfed:meshRoot.clusters and plan the root first.",
        edit: (s) => {
            s["mesh-root"]["meshfed:meshRoot"].clusters = { west: { stack: "west-ca-request" } };
            s["west-ca-request"] = { "meshfed:cluster": { name: "west" }, "meshfed:caRequest": { meshId: "mesh1", network: "network2" } };
        },
    },
];
