/** A service as a `<cluster>-network` stack publishes it, HTTP and exported to west unless said otherwise. */
import { NETWORK_CONTRACT_VERSION, NetworkExportedService, NetworkGatewayContract } from "../../components/multinetwork/network-contract";

export const exportedService = (name: string, namespace: string, port: number, more: Partial<NetworkExportedService> = {}): NetworkExportedService => ({
    name,
    namespace,
    host: `${name}.${namespace}.svc.cluster.local`,
    port,
    protocol: "HTTP",
    subsets: [],
    consumers: ["west"],
    ...more,
});

/**
 * east's `-network` contract (mesh1, network1, its gateway at 192.0.2.21): reviews.bookinfo:9080 exported to
 * `consumer`, unless other `services` are given.
 */
export const eastGateway = (consumer: string, services = [exportedService("reviews", "bookinfo", 9080, { consumers: [consumer] })]): NetworkGatewayContract => ({
    version: NETWORK_CONTRACT_VERSION,
    cluster: "east",
    meshId: "mesh1",
    network: "network1",
    address: { ip: "192.0.2.21" },
    port: 15443,
    services,
});
