/** meshfed: Pulumi components that federate independent Istio meshes. */
export { InputError } from "./core/input-error";
export { Cluster, ClusterArgs } from "./cluster/cluster";
export { ClusterObjects, ClusterObjectsArgs, KubeObject } from "./cluster/cluster-objects";
export { KEY_ALGORITHMS, KeyAlgorithm } from "./trust/key-algorithm";
export { CaSettings, CertificateSubject, LeafSettings, Validity, CA_DEFAULTS, LEAF_DEFAULTS } from "./trust/cert-specs";
export { MeshCa, MeshCaArgs } from "./trust/mesh-ca";
export { GatewayCert, GatewayCertArgs, CertificateUsage } from "./trust/gateway-cert";
export { GatewayCredential, GatewayCredentialArgs } from "./trust/gateway-credential";
export { TrustBundle, TrustBundleArgs } from "./trust/trust-bundle";
export { FederationTrust, FederationTrustArgs } from "./trust/federation-trust";
