import * as pulumi from "@pulumi/pulumi";
import { requireDnsLabel } from "../core/checks";
import { ArgsPaths, argsPaths, Resolved, Unchecked } from "../core/resolved";
import { GatewayAddress } from "./gateway-address";
import { gatewayAddress } from "./gateway-release";
import { IngressSettings, resolveIngress, ResolvedIngress } from "./gateway-specs";
import { buildIngressValues } from "./gateway-values";
import { gatewayPlacement, PrivateGateway, PrivateGatewayBaseArgs, PrivateGatewayResolution } from "./private-gateway";

export interface IngressGatewayArgs extends PrivateGatewayBaseArgs, IngressSettings {}

/** Args as a stack's config gives them: every setting checked by the resolver. */
export type UncheckedIngressGatewayArgs = Unchecked<IngressGatewayArgs, "provider" | "dependsOn">;

/** What `resolveIngressGatewayArgs` made of the args: the constructor takes it as it is. */
export type ResolvedIngressGatewayArgs = Resolved<UncheckedIngressGatewayArgs, PrivateGatewayResolution<ResolvedIngress> & { path: string }>;

const TYPE = "IngressGateway";

/**
 * The args checked, defaults filled in, registering nothing: the constructor calls it, and a program that
 * creates the cluster's provider calls it first, with `where` naming its config keys, and hands the result in.
 */
export function resolveIngressGatewayArgs(args: UncheckedIngressGatewayArgs | ResolvedIngressGatewayArgs, where: ArgsPaths<"namespace"> = {}): ResolvedIngressGatewayArgs {
    const { root, of } = argsPaths(TYPE, where);
    return Resolved.once(TYPE, args, ({ provider: _p, dependsOn: _d, namespace, ...settings }) => ({
        namespace: requireDnsLabel(of("namespace"), namespace),
        spec: resolveIngress(root, settings),
        path: root,
    }));
}

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

    constructor(name: string, args: IngressGatewayArgs | ResolvedIngressGatewayArgs, opts?: pulumi.ComponentResourceOptions) {
        const resolved = resolveIngressGatewayArgs(args);
        const { spec, path } = resolved.value;
        super("meshfed:gateway:IngressGateway", name, "ingress", { ...resolved.value, ...gatewayPlacement(TYPE, resolved.args, opts) }, buildIngressValues(spec), opts);
        this.spec = spec;
        this.port = spec.port;
        // The chart names the Service after the release; its status carries the cloud's address.
        this.address = gatewayAddress(name, this.release, { provider: this.provider, pinned: spec.address, service: `${this.namespace}/${this.releaseName}`, pinPath: `${path}.address` }, this);
        this.registerOutputs({ address: this.address, port: this.port, releaseName: this.releaseName });
    }
}
