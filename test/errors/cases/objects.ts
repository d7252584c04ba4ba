/** Refusal catalogue: meshfed:objects and meshfed:offline. */
import type { ErrorCase } from "../cases";

export const OBJECTS_CASES: ErrorCase[] = [
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
];
