import * as pulumi from "@pulumi/pulumi";
import { requireDnsLabel } from "../core/checks";
import { ArgsPaths, argsPaths, Resolved, Unchecked } from "../core/resolved";
import { EgressSettings, resolveEgress, ResolvedDeployment } from "./gateway-specs";
import { buildEgressValues, EGRESS_PORTS } from "./gateway-values";
import { gatewayPlacement, PrivateGateway, PrivateGatewayBaseArgs, PrivateGatewayResolution } from "./private-gateway";

export interface EgressGatewayArgs extends PrivateGatewayBaseArgs, EgressSettings {}

/** Args as a stack's config gives them: every setting checked by the resolver. */
export type UncheckedEgressGatewayArgs = Unchecked<EgressGatewayArgs, "provider" | "dependsOn">;

/** What `resolveEgressGatewayArgs` made of the args: the constructor takes it as it is. */
export type ResolvedEgressGatewayArgs = Resolved<UncheckedEgressGatewayArgs, PrivateGatewayResolution<ResolvedDeployment>>;

const TYPE = "EgressGateway";

/** The args checked, defaults filled in, registering nothing (see `resolveIngressGatewayArgs`). */
export function resolveEgressGatewayArgs(args: UncheckedEgressGatewayArgs | ResolvedEgressGatewayArgs, where: ArgsPaths<"namespace"> = {}): ResolvedEgressGatewayArgs {
    const { root, of } = argsPaths(TYPE, where);
    return Resolved.once(TYPE, args, ({ provider: _p, dependsOn: _d, namespace, ...settings }) => ({
        namespace: requireDnsLabel(of("namespace"), namespace),
        spec: resolveEgress(root, settings),
    }));
}

/**
 * A cluster's private egress gateway: outbound federation traffic is funnelled through it, so one place
 * holds the client certificate and one place can be audited. Reachable only inside the cluster.
 */
export class EgressGateway extends PrivateGateway {
    /** The port sidecars send federation traffic to, with Istio mutual TLS: 443. */
    readonly ports = EGRESS_PORTS.map((p) => ({ name: p.name, number: p.port }));
    readonly spec: ResolvedDeployment;

    constructor(name: string, args: EgressGatewayArgs | ResolvedEgressGatewayArgs, opts?: pulumi.ComponentResourceOptions) {
        const resolved = resolveEgressGatewayArgs(args);
        super("meshfed:gateway:EgressGateway", name, "egress", { ...resolved.value, ...gatewayPlacement(TYPE, resolved.args, opts) }, buildEgressValues(resolved.value.spec), opts);
        this.spec = resolved.value.spec;
        this.registerOutputs({ releaseName: this.releaseName, serviceHost: this.serviceHost });
    }
}
