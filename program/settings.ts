/**
 * The stack config, read once and checked whole before the program creates anything: a bad value stops
 * `pulumi up` (and `npm run plan`) with the key, the value and what is allowed, and nothing is half-applied.
 */
import * as pulumi from "@pulumi/pulumi";
import { requireDnsLabel, requireObject, rejectUnknownKeys, requireString } from "../components/core/checks";
import { InputError } from "../components/core/input-error";
import { resolveKubeObjects } from "../components/cluster/cluster-objects";
import { NamedKubeObject } from "../components/core/kube-object";
import { key, PROJECT } from "./config-key";
import { ResolvedExport } from "../components/federation/export-specs";
import { FederationSettings, readExports, readFederation } from "./federation-settings";
import { GatewaySettings, readGateways } from "./gateway-settings";
import { readTrust, TrustSettings } from "./trust-settings";


export interface Settings {
    cluster: { name: string; context?: string };
    /** The cluster's kubeconfig, a secret. */
    kubeconfig: pulumi.Output<string>;
    /** Absent: this stack does not manage a federation identity. */
    trust?: TrustSettings;
    /** The private gateways, each in its own namespace with its own credentials (identity stack). */
    gateways: GatewaySettings;
    /** What this cluster exports (identity stack). */
    exports: ResolvedExport[];
    /** Present in a federation stack: its peers and imports. */
    federation?: FederationSettings;
    objects: NamedKubeObject[];
}

export function readSettings(config = new pulumi.Config(PROJECT)): Settings {
    const cluster = requireObject(key("cluster"), config.requireObject("cluster"));
    rejectUnknownKeys(key("cluster"), cluster, ["name", "context"]);
    const name = requireDnsLabel(`${key("cluster")}.name`, cluster.name);
    const rawTrust = config.getObject("trust");
    if (config.getObject("exports") !== undefined && rawTrust === undefined) {
        throw new InputError(key("exports"), config.getObject("exports"), `exports are published by the cluster's identity stack: set ${key("trust")} too`);
    }
    if (config.getObject("federation") !== undefined && rawTrust !== undefined) {
        throw new InputError(
            key("federation"),
            "(set)",
            `a stack is either a cluster's identity stack (${key("trust")}) or its federation stack (${key("federation")}), not both: peers read identity stacks, so keeping them apart avoids StackReference cycles`,
        );
    }
    return {
        cluster: {
            name,
            context: cluster.context === undefined ? undefined : requireString(`${key("cluster")}.context`, cluster.context),
        },
        kubeconfig: config.requireSecret("kubeconfig"),
        trust: rawTrust === undefined ? undefined : readTrust(rawTrust, name),
        gateways: readGateways(config.getObject("gateways"), rawTrust !== undefined, exporting(config.getObject("exports")), name),
        exports: readExports(config.getObject("exports"), name),
        federation: config.getObject("federation") === undefined ? undefined : readFederation(config.getObject("federation"), name),
        objects: resolveKubeObjects(key("objects"), config.getObject("objects")),
    };
}

/** Whether the identity stack exports anything: only then does it run an ingress gateway. */
function exporting(raw: unknown): boolean {
    return Array.isArray(raw) ? raw.length > 0 : raw !== undefined;
}
