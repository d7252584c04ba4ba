import * as pulumi from "@pulumi/pulumi";
import { EgressSettings, resolveEgress, ResolvedDeployment } from "./gateway-specs";
import { buildEgressValues, EGRESS_PORTS } from "./gateway-values";
import { PrivateGateway, PrivateGatewayBaseArgs } from "./private-gateway";

export interface EgressGatewayArgs extends PrivateGatewayBaseArgs, EgressSettings {}

/**
 * A cluster's private egress gateway: outbound federation traffic is funnelled through it, so one place
 * holds the client certificate and one place can be audited. Reachable only inside the cluster.
 */
export class EgressGateway extends PrivateGateway {
    /** The port sidecars send federation traffic to, with Istio mutual TLS: 443. */
    readonly ports = EGRESS_PORTS.map((p) => ({ name: p.name, number: p.port }));
    readonly spec: ResolvedDeployment;

    constructor(name: string, args: EgressGatewayArgs, opts?: pulumi.ComponentResourceOptions) {
        const { provider, namespace, dependsOn, ...settings } = args;
        const spec = resolveEgress("EgressGatewayArgs", settings);
        super("meshfed:gateway:EgressGateway", name, "egress", { provider, namespace, dependsOn }, spec, buildEgressValues(spec), opts);
        this.spec = spec;
        this.registerOutputs({ releaseName: this.releaseName, serviceHost: this.serviceHost });
    }
}
