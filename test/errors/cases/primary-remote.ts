/** Refusal catalogue: one control plane across networks, `<primary>-primary`, `<remote>-remote` and `<primary>-remotes` stacks. */
import type { ErrorCase } from "../cases";
import { primary, remote, remotes } from "./edits";

const PRIMARY = "meshfed:primary";
const REMOTE = "meshfed:remote";
const REMOTES = "meshfed:primaryRemotes";

export const PRIMARY_REMOTE_CASES: ErrorCase[] = [
    {
        id: "MF-E161",
        title: "A primary and a remote in one stack",
        stack: "east-primary",
        key: REMOTE,
        example: "meshfed:primary: ...\nmeshfed:remote: ...",
        value: '"(set)"',
        allowed: "a meshfed:primary stack holds only",
        fix: "Keep the primary, each remote and the primary's remote secrets in their own stacks (<primary>-primary → <remote>-remote → <primary>-remotes).",
        edit: (s) => {
            s["east-primary"][REMOTE] = remote(s);
        },
    },
    {
        id: "MF-E162",
        title: "A primary whose east-west gateway passes nothing through",
        stack: "east-primary",
        key: `${PRIMARY}.exports`,
        example: "exports: []",
        value: "[]",
        allowed: "list the services other networks reach",
        fix: "List the services other networks call, with their consumers: - service: { name, namespace, port }, consumers: [south].",
        edit: (s) => {
            primary(s).exports = [];
        },
    },
    {
        id: "MF-E163",
        title: "A primary stack reading another cluster's mesh stack",
        stack: "east-primary",
        key: `${PRIMARY}.meshStack`,
        example: "meshStack: west-mesh",
        value: '"west-mesh"',
        allowed: "that stack is the mesh stack of west, not east",
        fix: "Name the primary's own <cluster>-mesh stack (east-mesh).",
        edit: (s) => {
            primary(s).meshStack = "west-mesh";
        },
    },
    {
        id: "MF-E164",
        title: "A primary exporting to itself",
        stack: "east-primary",
        key: `${PRIMARY}.exports[0].consumers[0]`,
        example: "consumers: [east]",
        value: '"east"',
        allowed: "a cluster does not import its own services through its gateway",
        fix: "List the other clusters (the remotes) that call it.",
        edit: (s) => {
            primary(s).exports[0].consumers = ["east"];
        },
    },
    {
        id: "MF-E165",
        title: "An east-west gateway port that Istio's proxy uses itself",
        stack: "east-primary",
        key: `${PRIMARY}.gateway.port`,
        example: "gateway: { cloud: gcp, port: 15021 }",
        value: "15021",
        allowed: "Istio's proxy uses that port itself",
        fix: "Leave the port out (15443) or use another free port.",
        edit: (s) => {
            primary(s).gateway.port = 15021;
        },
    },
    {
        id: "MF-E166",
        title: "A remote naming its own cluster's primary stack",
        stack: "south-remote",
        key: `${REMOTE}.primaryStack`,
        example: "meshfed:cluster: { name: east }\nmeshfed:remote: { primaryStack: east-primary, ... }",
        value: '"east-primary"',
        allowed: "that is east's own primary stack; a cluster is a primary or a remote",
        fix: "Name the primary of another cluster, or make this cluster a primary (meshfed:primary) instead.",
        edit: (s) => {
            s["south-remote"]["meshfed:cluster"].name = "east";
        },
    },
    {
        id: "MF-E167",
        title: "A remote without its API server",
        stack: "south-remote",
        key: `${REMOTE}.apiServer`,
        example: "meshfed:remote: { primaryStack: east-primary, network: network3 }",
        value: "a missing value",
        allowed: "expected the API server's URL as the primary's istiod reaches it",
        fix: "Give the remote's API server URL as the primary reaches it, e.g. https://10.20.0.2:443.",
        edit: (s) => {
            delete remote(s).apiServer;
        },
    },
    {
        id: "MF-E168",
        title: "A remote's network that is not a DNS label",
        stack: "south-remote",
        key: `${REMOTE}.network`,
        example: "network: Network 3",
        value: '"Network 3"',
        allowed: "expected a DNS-1123 label",
        fix: "Use lower-case letters, digits and '-' (e.g. network3).",
        edit: (s) => {
            remote(s).network = "Network 3";
        },
    },
    {
        id: "MF-E169",
        title: "A remote's Istio value its chart does not declare",
        stack: "south-remote",
        key: `${REMOTE}.istio.values.istiod.pilot.replicaCont`,
        example: "istio: { values: { istiod: { pilot: { replicaCont: 2 } } } }",
        value: '"(set)"',
        allowed: "the istiod chart declares no such value and Helm would silently ignore it",
        fix: "Spell the value as the chart declares it (the message lists the keys beside it).",
        edit: (s) => {
            remote(s).istio = { values: { istiod: { pilot: { replicaCont: 2 } } } };
        },
    },
    {
        id: "MF-E170",
        title: "A remote's east-west gateway port that Istio's proxy uses itself",
        stack: "south-remote",
        key: `${REMOTE}.gateway.port`,
        example: "gateway: { cloud: gcp, port: 15021 }",
        value: "15021",
        allowed: "Istio's proxy uses that port itself",
        fix: "Leave the port out: the remote's gateway listens where the primary's does.",
        edit: (s) => {
            remote(s).gateway.port = 15021;
        },
    },
    {
        id: "MF-E171",
        title: "Remote secrets for no remote",
        stack: "east-remotes",
        key: `${REMOTES}.clusters`,
        example: "clusters: {}",
        value: "{}",
        allowed: "list the remotes",
        fix: "List each remote: <cluster>: { stack: <its -remote stack> }.",
        edit: (s) => {
            remotes(s).clusters = {};
        },
    },
    {
        id: "MF-E172",
        title: "A primary listing itself among its remotes",
        stack: "east-remotes",
        key: `${REMOTES}.clusters.east`,
        example: "clusters: { east: { stack: east-primary } }",
        value: '"east"',
        allowed: "a primary's istiod watches its own cluster already",
        fix: "List the other clusters only.",
        edit: (s) => {
            remotes(s).clusters.east = { stack: "east-primary" };
        },
    },
    {
        id: "MF-E173",
        title: "Remote secrets on a cluster whose primary stack is another cluster's",
        stack: "east-remotes",
        key: `${REMOTES}.primaryStack`,
        example: "meshfed:cluster: { name: north }\nmeshfed:primaryRemotes: { primaryStack: east-primary, ... }",
        value: '"east-primary"',
        allowed: "that is the primary stack of east, not north",
        fix: "Name this cluster's own <cluster>-primary stack: the remote secrets go where its istiod runs.",
        edit: (s) => {
            s["east-remotes"]["meshfed:cluster"].name = "north";
        },
    },
    {
        id: "MF-E174",
        title: "A remote's `stack` publishing another cluster",
        stack: "east-remotes",
        key: `${REMOTES}.clusters.west.stack`,
        example: "clusters: { west: { stack: south-remote } }",
        value: '"south-remote"',
        allowed: "that stack publishes cluster south, not west",
        fix: "Name the cluster's own <cluster>-remote stack, under the cluster's own name.",
        edit: (s) => {
            remotes(s).clusters = { west: { stack: "south-remote" } };
        },
    },
    {
        id: "MF-E175",
        title: "A remote's Istio chart version that is no version",
        stack: "south-remote",
        key: `${REMOTE}.istio.chart.version`,
        example: "istio: { chart: { version: latest } }",
        value: '"latest"',
        allowed: "expected a chart version such as 1.30.3",
        fix: "Give the istio/base and istio/istiod chart version, the primary's Istio line (1.30.3): Helm would refuse \"latest\" only while deploying, after other resources of the stack have changed.",
        edit: (s) => {
            remote(s).istio = { chart: { version: "latest" } };
        },
    },
];
