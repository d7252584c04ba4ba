/** Refusal catalogue: meshfed:gateways. */
import type { ErrorCase } from "../cases";
import { ingress } from "./edits";

export const GATEWAYS_CASES: ErrorCase[] = [
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
];
