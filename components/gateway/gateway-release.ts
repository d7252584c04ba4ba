/**
 * The istio/gateway chart as every meshfed gateway installs it (private ingress and egress, cross-network,
 * east-west), and the address its load balancer reports: one way to install, one way to read back.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { addressFromServiceStatus, GatewayAddress } from "./gateway-address";
import { ChartSource } from "./gateway-specs";

export interface GatewayReleaseArgs {
    provider: k8s.Provider;
    namespace: pulumi.Input<string>;
    /** Fixed per gateway role, so an upgrade never renames the release (nor its Deployment and Service). */
    releaseName: string;
    chart: Required<ChartSource>;
    values: Record<string, unknown>;
    /** What the release waits for (see `dependenciesOf`). */
    dependsOn?: pulumi.ResourceOptions["dependsOn"];
}

/** Registers `<name>-release`: the chart, pinned, atomic, in a namespace that must already exist. */
export function installGatewayChart(name: string, args: GatewayReleaseArgs, parent: pulumi.Resource): k8s.helm.v3.Release {
    return new k8s.helm.v3.Release(
        `${name}-release`,
        {
            name: args.releaseName,
            namespace: args.namespace,
            chart: "gateway",
            version: args.chart.version,
            repositoryOpts: { repo: args.chart.repository },
            values: args.values,
            createNamespace: false,
            atomic: true,
            maxHistory: 10,
        },
        { parent, provider: args.provider, dependsOn: args.dependsOn },
    );
}

/**
 * Where peers reach a gateway: the pinned address, or the one the release's LoadBalancer Service reports.
 * The Service is read by the release's status, unknown until the release exists, so a first `pulumi
 * preview` skips the read instead of failing on a Service not created yet.
 * @param service `namespace/release`, for the error when the cloud has not assigned an address yet
 * @param pinPath the field that pins the address, named by that error
 */
export function gatewayAddress(
    name: string,
    release: k8s.helm.v3.Release,
    args: { provider: k8s.Provider; pinned?: GatewayAddress; service: string; pinPath: string },
    parent: pulumi.Resource,
): pulumi.Output<GatewayAddress> {
    if (args.pinned) return pulumi.output(args.pinned);
    const id = pulumi.interpolate`${release.status.namespace}/${release.status.name}`;
    const svc = k8s.core.v1.Service.get(`${name}-service`, id, { parent, provider: args.provider });
    return svc.status.apply((status) => addressFromServiceStatus(args.service, status, args.pinPath));
}
