/** meshfed: Pulumi components that federate independent Istio meshes. */
export { InputError } from "./core/input-error";
export { Resolved, Unchecked, ArgsPaths } from "./core/resolved";
export { Cluster, ClusterArgs } from "./cluster/cluster";
export { ClusterObjects, ClusterObjectsArgs, UncheckedClusterObjectsArgs, ResolvedClusterObjectsArgs, resolveClusterObjectsArgs } from "./cluster/cluster-objects";
export { KubeObject, NamedKubeObject } from "./core/kube-object";
export { KEY_ALGORITHMS, KeyAlgorithm } from "./trust/key-algorithm";
export { CaSettings, CertificateSubject, LeafSettings, Validity, CA_DEFAULTS, LEAF_DEFAULTS } from "./trust/cert-specs";
export { MeshCa, MeshCaArgs, MeshCaResolution, ResolvedMeshCaArgs, resolveMeshCaArgs } from "./trust/mesh-ca";
export { GatewayCert, GatewayCertArgs, CertificateUsage } from "./trust/gateway-cert";
export { GatewayCredential, GatewayCredentialArgs } from "./trust/gateway-credential";
export { TrustBundle, TrustBundleArgs } from "./trust/trust-bundle";
export { FederationTrust, FederationTrustArgs, UncheckedFederationTrustArgs, ResolvedFederationTrustArgs, resolveFederationTrustArgs, FederationTrustResolution } from "./trust/federation-trust";
export { GatewayAddress } from "./gateway/gateway-address";
export {
    GatewayServiceType,
    SERVICE_TYPES,
    ChartSource,
    Autoscaling,
    Resources,
    GatewayDeploymentSettings,
    IngressSettings,
    EgressSettings,
    DEFAULT_CHART_VERSION,
} from "./gateway/gateway-specs";
export { GATEWAY_IDENTITY, GatewayRole } from "./gateway/gateway-values";
export { PrivateGateway, PrivateGatewayBaseArgs, PrivateGatewayResolution } from "./gateway/private-gateway";
export { IngressGateway, IngressGatewayArgs, UncheckedIngressGatewayArgs, ResolvedIngressGatewayArgs, resolveIngressGatewayArgs } from "./gateway/ingress-gateway";
export { EgressGateway, EgressGatewayArgs, UncheckedEgressGatewayArgs, ResolvedEgressGatewayArgs, resolveEgressGatewayArgs } from "./gateway/egress-gateway";
export { FederationContract, ReachableContract, ExportedService, CONTRACT_VERSION, CONTRACT_OUTPUT, readContract, checkContract, isExportedTo, isReachable, consumerSni } from "./federation/contract";
export { ServiceExportSpec, ResolvedExport, resolveExports } from "./federation/export-specs";
export { ServiceImportSpec, ResolvedImport, HeaderMatch, ImportCallers, OutlierDetection, resolveImports } from "./federation/import-specs";
export { bindImports, ImportBinding } from "./federation/import-resolution";
export { readPeerStack, PeerStack } from "./federation/peer-contracts";
export { federationContract, FederationContractArgs, exportedServices } from "./federation/federation-contract";
export { ServiceExports, ServiceExportsArgs, UncheckedServiceExportsArgs, ResolvedServiceExportsArgs, resolveServiceExportsArgs, ServiceExportsResolution, AdmittedConsumer } from "./federation/service-exports";
export { Origin } from "./federation/specs/import-objects";
export { ServiceImports, ServiceImportsArgs, UncheckedServiceImportsArgs, ResolvedServiceImportsArgs, resolveServiceImportsArgs, ServiceImportsResolution, ImportsResolutionOptions } from "./federation/service-imports";
export { IdentityStack, IdentityStackArgs, UncheckedIdentityStackArgs, ResolvedIdentityStackArgs, resolveIdentityStackArgs, IdentityStackResolution } from "./stacks/identity-stack";
export { FederationStack, FederationStackArgs, UncheckedFederationStackArgs, ResolvedFederationStackArgs, resolveFederationStackArgs, FederationStackResolution } from "./stacks/federation-stack";
export { IdentityTrust, IdentityGatewaySettings } from "./stacks/identity-settings";
export { IdentityGateways, PublishedGateway } from "./federation/peer-contracts";
export { SharedRoot, SharedRootArgs, UncheckedSharedRootArgs, SharedRootResolution, ResolvedSharedRootArgs, resolveSharedRootArgs } from "./mesh/shared-root";
export { IntermediateCaRequest, IntermediateCaRequestArgs, UncheckedIntermediateCaRequestArgs, IntermediateCaRequestResolution, ResolvedIntermediateCaRequestArgs, resolveIntermediateCaRequestArgs } from "./mesh/intermediate-ca-request";
export { PluggedCaCerts, PluggedCaCertsArgs, pluggedCaValues, CA_KEY_SECRET, CA_CERTS_SECRET } from "./mesh/plugged-ca";
export { IstioControlPlane, IstioControlPlaneArgs, UncheckedIstioControlPlaneArgs, IstioControlPlaneResolution, ResolvedIstioControlPlaneArgs, resolveIstioControlPlaneArgs } from "./mesh/istio-control-plane";
export { buildIstiodValues, buildBaseValues, MeshPlacement } from "./mesh/istio-values";
export { ROLLOVER_PHASES, RolloverPhase, RootRoles, rootRoles } from "./mesh/root-rollover";
export { CaRequestContract, MeshRootContract, SignedIntermediate, CA_REQUEST_OUTPUT, MESH_ROOT_OUTPUT, readCaRequest, readMeshRoot } from "./mesh/mesh-contracts";
export { CaRequestSettings, INTERMEDIATE_DEFAULTS, ROOT_MAX_PATH_LENGTH } from "./mesh/mesh-ca-specs";
export { CrossNetworkGateway, CrossNetworkGatewayArgs, UncheckedCrossNetworkGatewayArgs, ResolvedCrossNetworkGatewayArgs, resolveCrossNetworkGatewayArgs, CrossNetworkGatewayResolution } from "./multinetwork/cross-network-gateway";
export { RemoteServices, RemoteServicesArgs, UncheckedRemoteServicesArgs, ResolvedRemoteServicesArgs, resolveRemoteServicesArgs, RemoteServicesResolution, VirtualIpSettings } from "./multinetwork/remote-services";
export { NetworkGatewayContract, NetworkExportedService, NETWORK_GATEWAY_OUTPUT, passthroughSni, readNetworkContract } from "./multinetwork/network-contract";
export { NetworkExportSpec, ResolvedNetworkExport } from "./multinetwork/network-exports";
export { NetworkImportSpec, RouteTarget, BoundNetworkImport, ResolvedRoute } from "./multinetwork/network-imports";
export { allocateVirtualIps, DEFAULT_VIP_BLOCK, ISTIO_AUTOALLOCATE_PREFIX, VipBlock, VipRequest, DeclaredAddress } from "./multinetwork/virtual-ips";
export { PrimaryEastWestGateway, PrimaryEastWestGatewayArgs, UncheckedPrimaryEastWestGatewayArgs, ResolvedPrimaryEastWestGatewayArgs, resolvePrimaryEastWestGatewayArgs, PrimaryEastWestGatewayResolution } from "./primary-remote/primary-east-west-gateway";
export { RemoteControlPlane, RemoteControlPlaneArgs, UncheckedRemoteControlPlaneArgs, ResolvedRemoteControlPlaneArgs, resolveRemoteControlPlaneArgs, RemoteControlPlaneResolution } from "./primary-remote/remote-control-plane";
export { RemoteEastWestGateway, RemoteEastWestGatewayArgs, UncheckedRemoteEastWestGatewayArgs, ResolvedRemoteEastWestGatewayArgs, resolveRemoteEastWestGatewayArgs, RemoteEastWestGatewayResolution } from "./primary-remote/remote-east-west-gateway";
export { ReaderToken, ReaderTokenArgs, ResolvedReaderTokenArgs, resolveReaderTokenArgs, ReaderTokenResolution, READER_SERVICE_ACCOUNT } from "./primary-remote/reader-token";
export { RemoteSecret, RemoteSecretArgs, ResolvedRemoteSecretArgs, resolveRemoteSecretArgs, RemoteSecretResolution } from "./primary-remote/remote-secret";
export { PrimaryContract, RemoteClusterContract, RemoteAccess, PRIMARY_OUTPUT, REMOTE_CLUSTER_OUTPUT, REMOTE_ACCESS_OUTPUT, readPrimaryContract, readRemoteAccess, readRemoteClusterContract } from "./primary-remote/control-plane-contract";
export { buildRemoteIstiodValues, buildRemoteBaseValues, injectionPath } from "./primary-remote/remote-istio-values";
export { buildRemoteKubeconfig, remoteSecretName } from "./primary-remote/specs/remote-kubeconfig";
