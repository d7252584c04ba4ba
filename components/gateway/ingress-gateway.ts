import * as pulumi from "@pulumi/pulumi";
import { GatewayAddress } from "./gateway-address";
import { gatewayAddress } from "./gateway-release";
import { IngressSettings, resolveIngress, ResolvedIngress } from "./gateway-specs";
import { buildIngressValues } from "./gateway-values";
import { PrivateGateway, PrivateGatewayBaseArgs } from "./private-gateway";

export interface IngressGatewayArgs extends PrivateGatewayBaseArgs, IngressSettings {}

/**
 * A cluster's private ingress gateway: the one door through which peers reach the services it exports,
 * over mutual TLS on the federation port. Its address is what peers dial.
 */
export class IngressGateway extends PrivateGateway {
    /** Where peers reach the gateway: the pinned address, or the one its load balancer reports. */
    readonly address: pulumi.Output<GatewayAddress>;
    /** The federation port (TLS). */
    readonly port: number;
    readonly spec: ResolvedIngress;

    constructor(name: string, args: IngressGatewayArgs, opts?: pulumi.ComponentResourceOptions) {
        const { provider, namespace, dependsOn, ...settings } = args;
        const spec = resolveIngress("IngressGatewayArgs", settings);
        super("meshfed:gateway:IngressGateway", name, "ingress", { provider, namespace, dependsOn }, spec, buildIngressValues(spec), opts);
        this.spec = spec;
        this.port = spec.port;
        // The chart names the Service after the release; its status carries the cloud's address.
        this.address = gatewayAddress(name, this.release, { provider, pinned: spec.address, service: `${this.namespace}/${this.releaseName}`, pinPath: "IngressGatewayArgs.address" }, this);
        this.registerOutputs({ address: this.address, port: this.port, releaseName: this.releaseName });
    }
}
