/**
 * The stack config, read once and checked whole before the program creates anything: a bad value stops
 * `pulumi up` (and `npm run plan`) with the key, the value and what is allowed, and nothing is half-applied.
 */
import * as pulumi from "@pulumi/pulumi";
import { requireDnsLabel, requireObject, rejectUnknownKeys, requireString } from "../components/core/checks";
import { KubeObject, resolveKubeObjects } from "../components/cluster/cluster-objects";
import { key, PROJECT } from "./config-key";
import { GatewaySettings, readGateways } from "./gateway-settings";
import { readTrust, TrustSettings } from "./trust-settings";


export interface Settings {
    cluster: { name: string; context?: string };
    /** The cluster's kubeconfig, a secret. */
    kubeconfig: pulumi.Output<string>;
    /** Absent: this stack does not manage a federation identity. */
    trust?: TrustSettings;
    /** The private gateways; their namespace also holds the trust credentials. */
    gateways: GatewaySettings;
    objects: KubeObject[];
}

export function readSettings(config = new pulumi.Config(PROJECT)): Settings {
    const cluster = requireObject(key("cluster"), config.requireObject("cluster"));
    rejectUnknownKeys(key("cluster"), cluster, ["name", "context"]);
    const name = requireDnsLabel(`${key("cluster")}.name`, cluster.name);
    const rawTrust = config.getObject("trust");
    return {
        cluster: {
            name,
            context: cluster.context === undefined ? undefined : requireString(`${key("cluster")}.context`, cluster.context),
        },
        kubeconfig: config.requireSecret("kubeconfig"),
        trust: rawTrust === undefined ? undefined : readTrust(rawTrust, name),
        gateways: readGateways(config.getObject("gateways"), rawTrust !== undefined),
        objects: resolveKubeObjects(key("objects"), config.getObject("objects")),
    };
}
