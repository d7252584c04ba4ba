/** Refusal catalogue: meshfed:exports. */
import type { ErrorCase } from "../cases";
import { exp } from "./edits";

export const EXPORTS_CASES: ErrorCase[] = [
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
];
