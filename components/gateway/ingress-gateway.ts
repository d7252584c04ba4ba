import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { addressFromServiceStatus, GatewayAddress } from "./gateway-address";
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
        if (spec.address) {
            this.address = pulumi.output(spec.address);
        } else {
            // The chart names the Service after the release; its status carries the cloud's address. The id
            // comes from the release's status: unknown until the release exists, so a first `pulumi
            // preview` skips the read instead of failing on a Service not created yet.
            const id = pulumi.interpolate`${this.release.status.namespace}/${this.release.status.name}`;
            const service = k8s.core.v1.Service.get(`${name}-service`, id, { parent: this, provider });
            this.address = service.status.apply((status) => addressFromServiceStatus(`${this.namespace}/${this.releaseName}`, status));
        }
        this.registerOutputs({ address: this.address, port: this.port, releaseName: this.releaseName });
    }
}
