/** Refusal catalogue: Shared-root mesh stacks. */
import type { ErrorCase } from "../cases";
import { westInMesh2 } from "./edits";

export const MESH_CASES: ErrorCase[] = [
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
    {
        id: "MF-E126",
        title: "A mesh stack reading another cluster's CA-request stack",
        stack: "east-mesh",
        key: "meshfed:mesh.caRequestStack",
        example: "caRequestStack: west-ca-request",
        value: '"west-ca-request"',
        allowed: "that stack holds the CA request of west, not east",
        fix: "Name the cluster's own CA-request stack (east-ca-request).",
        edit: (s) => {
            s["east-mesh"]["meshfed:mesh"].caRequestStack = "west-ca-request";
        },
    },
    {
        id: "MF-E127",
        replan: ["west-ca-request", "mesh2-root"],
        title: "A mesh stack reading the root of another mesh",
        stack: "east-mesh",
        key: "meshfed:mesh.rootStack",
        example: "rootStack: mesh2-root   # east-ca-request asks to join mesh1",
        value: '"mesh2-root"',
        allowed: "that stack is the root of mesh mesh2; east joins mesh1",
        fix: "Name the root of the mesh the cluster's CA request joins, or change the request's meshId.",
        edit: (s) => {
            westInMesh2(s);
            s["east-mesh"]["meshfed:mesh"].rootStack = "mesh2-root";
        },
    },
    {
        id: "MF-E176",
        title: "A mesh's Istio chart version that is no version",
        stack: "east-mesh",
        key: "meshfed:mesh.istio.chart.version",
        example: "istio: { chart: { version: 1.30 } }   # YAML reads the number 1.3",
        value: "1.3",
        allowed: "expected a chart version such as 1.30.3",
        fix: "Quote the version, the whole of it: version: \"1.30.3\". Helm would refuse anything else only while deploying, after other resources of the stack have changed.",
        edit: (s) => {
            s["east-mesh"]["meshfed:mesh"].istio = { chart: { version: 1.3 } };
        },
    },
    {
        id: "MF-E177",
        title: "Intermediates that would outlive the root",
        stack: "mesh-root",
        key: "meshfed:meshRoot.intermediates.validityHours",
        example: "intermediates: { validityHours: 100000 }   # the root: 87600 (10 years)",
        value: "100000",
        allowed: "an intermediate must expire before its root",
        fix: "Give the intermediates a validity shorter than the root's (default 1 year against 10), or lengthen the root's ca.validityHours.",
        edit: (s) => {
            s["mesh-root"]["meshfed:meshRoot"].intermediates = { validityHours: 100000 };
        },
    },
];
