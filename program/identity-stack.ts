/**
 * A cluster's identity stack: the `IdentityStack` component from `meshfed:trust`, `meshfed:gateways` and
 * `meshfed:exports`, and the outputs peers and the cluster's federation stack read.
 */
import * as k8s from "@pulumi/kubernetes";
import { CONTRACT_OUTPUT } from "../components/federation/contract";
import { EXPORTS_OUTPUT, GATEWAYS_OUTPUT } from "../components/federation/peer-contracts";
import { IdentityStack, ResolvedIdentityStackArgs } from "../components/stacks/identity-stack";

export function identityStack(name: string, args: ResolvedIdentityStackArgs, provider: k8s.Provider): Record<string, unknown> {
    const stack = new IdentityStack(name, args, { provider });
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
