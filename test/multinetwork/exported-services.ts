/** A service as a `<cluster>-network` stack publishes it, HTTP and exported to west unless said otherwise. */
import { NetworkExportedService } from "../../components/multinetwork/network-contract";

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
