/** meshfed: Pulumi components that federate independent Istio meshes. */
export { InputError } from "./core/input-error";
export { Cluster, ClusterArgs } from "./cluster/cluster";
export { ClusterObjects, ClusterObjectsArgs, KubeObject } from "./cluster/cluster-objects";
