/** Refusal catalogue: Keys of the stack as a whole (program/config-checks.ts, program/settings.ts). */
import type { ErrorCase } from "../cases";
import { fed } from "./edits";

export const STACK_KEY_CASES: ErrorCase[] = [
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
];
