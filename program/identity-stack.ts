/**
 * A cluster's identity stack: the `IdentityStack` component from `meshfed:trust`, `meshfed:gateways` and
 * `meshfed:exports`, and the outputs peers and the cluster's federation stack read.
 */
import * as k8s from "@pulumi/kubernetes";
import { CONTRACT_OUTPUT } from "../components/federation/contract";
import { EXPORTS_OUTPUT, GATEWAYS_OUTPUT } from "../components/federation/peer-contracts";
import { IdentityStack } from "../components/stacks/identity-stack";
import { IdentityTrust } from "../components/stacks/identity-settings";
import { Settings } from "./settings";

export function identityStack(settings: Settings & { trust: IdentityTrust }, provider: k8s.Provider): Record<string, unknown> {
    const name = settings.cluster.name;
    const stack = new IdentityStack(name, { provider, clusterName: name, trust: settings.trust, gateways: settings.gateways, exports: settings.exports });
    return {
        cluster: name,
        federationHost: stack.trust.hosts[0],
        caCertPem: stack.trust.caCertPem,
        ...(stack.ingress ? { ingressAddress: stack.ingress.address, ingressPort: stack.ingress.port } : {}),
        [CONTRACT_OUTPUT]: stack.contract,
        [EXPORTS_OUTPUT]: stack.exports,
        [GATEWAYS_OUTPUT]: stack.gateways,
    };
}
