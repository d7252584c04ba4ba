/**
 * ClusterObjects, the escape hatch for objects meshfed does not model, takes its provider as a resource
 * option like every component (see test/support/component-options.ts); it checks its objects itself.
 */
import { ClusterObjects } from "../../components/cluster/cluster-objects";
import { describeComponentOptions } from "../support/component-options";

describeComponentOptions({
    type: "ClusterObjects",
    Component: ClusterObjects,
    args: {
        objects: [
            { apiVersion: "security.istio.io/v1", kind: "PeerAuthentication", metadata: { name: "default", namespace: "istio-system" }, spec: { mtls: { mode: "STRICT" } } },
            { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "notes", namespace: "default" }, data: { a: "b" } },
        ],
    },
});
