/**
 * The stack config, read once and checked whole before the program creates anything: a bad value stops
 * `pulumi up` (and `npm run plan`) with the key, the value and what is allowed, and nothing is half-applied.
 */
import * as pulumi from "@pulumi/pulumi";
import { requireDnsLabel, requireObject, rejectUnknownKeys, requireString } from "../components/core/checks";
import { InputError } from "../components/core/input-error";
import { ResolvedClusterObjectsArgs, resolveClusterObjectsArgs } from "../components/cluster/cluster-objects";
import { key, PROJECT } from "./config-key";
import { checkConfigKeys, checkKubeconfig } from "./config-checks";
import { ResolvedIdentityStackArgs, resolveIdentityStackArgs } from "../components/stacks/identity-stack";
import { FederationSettings, readFederation } from "./federation-settings";
import { readGateways } from "./gateway-settings";
import { readTrust } from "./trust-settings";


export interface Settings {
    cluster: { name: string; context?: string };
    /** The cluster's kubeconfig, a secret. */
    kubeconfig: pulumi.Output<string>;
    /**
     * An identity stack's `IdentityStack` args (`meshfed:trust`, `meshfed:gateways`, `meshfed:exports`), resolved
     * once, before anything registers. Absent: this stack does not manage a federation identity.
     */
    identity?: ResolvedIdentityStackArgs;
    /** Present in a federation stack: its peers and imports. */
    federation?: FederationSettings;
    /** `meshfed:objects`, checked as `ClusterObjects` args: applied as they are to the stack's cluster. */
    objects: ResolvedClusterObjectsArgs;
}

export function readSettings(config = new pulumi.Config(PROJECT)): Settings {
    checkConfigKeys();
    checkKubeconfig(config);
    const cluster = requireObject(key("cluster"), structured(config, "cluster") ?? missing("cluster", "name: <the cluster's federation name>"));
    rejectUnknownKeys(key("cluster"), cluster, ["name", "context"]);
    const name = requireDnsLabel(`${key("cluster")}.name`, cluster.name);
    const rawTrust = structured(config, "trust");
    if (structured(config, "exports") !== undefined && rawTrust === undefined) {
        throw new InputError(key("exports"), structured(config, "exports"), `exports are published by the cluster's identity stack: set ${key("trust")} too`);
    }
    if (structured(config, "federation") !== undefined && rawTrust !== undefined) {
        throw new InputError(
            key("federation"),
            "(set)",
            `a stack is either a cluster's identity stack (${key("trust")}) or its federation stack (${key("federation")}), not both: peers read identity stacks, so keeping them apart avoids StackReference cycles`,
        );
    }
    const identity = readIdentity({ trust: rawTrust, gateways: structured(config, "gateways"), exports: structured(config, "exports") }, name);
    return {
        cluster: {
            name,
            context: cluster.context === undefined ? undefined : requireString(`${key("cluster")}.context`, cluster.context),
        },
        kubeconfig: config.requireSecret("kubeconfig"),
        identity,
        federation: structured(config, "federation") === undefined ? undefined : readFederation(structured(config, "federation"), name),
        objects: resolveClusterObjectsArgs({ objects: structured(config, "objects") }, { paths: { objects: key("objects") } }),
    };
}

/**
 * The identity stack's three keys as `IdentityStack` args, checked by its resolver, which names these keys:
 * the config's own rules first (which key needs which), then every value, once.
 */
export function readIdentity(raw: { trust: unknown; gateways: unknown; exports: unknown }, clusterName: string): ResolvedIdentityStackArgs | undefined {
    const gateways = readGateways(raw.gateways, raw.trust !== undefined, exporting(raw.exports));
    if (raw.trust === undefined) return undefined;
    const trust = readTrust(raw.trust);
    return resolveIdentityStackArgs({ clusterName, trust, gateways, exports: raw.exports }, {
        paths: { trust: key("trust"), gateways: key("gateways"), exports: key("exports") },
    });
}

/** Whether the identity stack exports anything: only then does it run an ingress gateway. */
function exporting(raw: unknown): boolean {
    return Array.isArray(raw) ? raw.length > 0 : raw !== undefined;
}

/**
 * A structured config value (a YAML map or list in the stack file). Pulumi's own reader says "is not a valid
 * JSON object" of a plain string; this names the key and says what was expected.
 */
function structured(config: pulumi.Config, k: string): unknown {
    const raw = config.get(k);
    if (raw === undefined) return undefined;
    try {
        return JSON.parse(raw);
    } catch {
        throw new InputError(key(k), raw, "expected a YAML map or list under this key, not a plain string");
    }
}

function missing(k: string, example: string): never {
    throw new InputError(key(k), undefined, `required in every meshfed stack, e.g. ${key(k)}: { ${example} }`);
}
