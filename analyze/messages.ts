/**
 * The one catalogue of analysis messages, in the shape of istio's `msg/messages.yaml`. Keep entries
 * sorted by code; MF0001–MF0100 are reserved; a retired code stays retired (leave a comment).
 * Templates name their args as `{arg}`; args are values taken from the configuration and are
 * always printed quoted, so that `""` and a name with spaces stay visible.
 */

/** Only `Error` is used today: meshfed's `plan` fails on any message. */
export type MessageLevel = "Error" | "Warning" | "Info";

export interface MessageType {
    readonly name: string;
    readonly code: string;
    readonly level: MessageLevel;
    readonly description: string;
    readonly template: string;
    readonly args: readonly string[];
}

export const MESSAGES = [
    // MF0101 ReferencedGatewayNotFound is retired: Istio's virtualservice.GatewayAnalyzer (IST0101) checks it,
    // run by `npm run verify` over the whole cluster.
    {
        name: "ReferencedSubsetNotFound",
        code: "MF0102",
        level: "Error",
        description:
            "A route sends traffic to a subset that no DestinationRule visible from the VirtualService's namespace defines for that host; Envoy has no cluster for it and answers 503.",
        template: "Referenced subset not found: {subset} of host {host}",
        args: ["subset", "host"],
    },
    {
        name: "ReferencedCredentialNotFound",
        code: "MF0103",
        level: "Error",
        description:
            "A DestinationRule names a credentialName whose Secret is not in the namespace Istio reads it from, so its TLS origination has no certificate (a Gateway's credentialName is checked by Istio's gateway.SecretAnalyzer in npm run verify).",
        template: "Referenced credential Secret not found: {secret}",
        args: ["secret"],
    },
    {
        name: "ReferencedHostNotFound",
        code: "MF0104",
        level: "Error",
        description:
            "A DestinationRule configures a host that is neither a Kubernetes Service nor a ServiceEntry host, so its policy applies to nothing (a VirtualService's destination hosts are checked by Istio's virtualservice.DestinationHostAnalyzer in npm run verify).",
        template: "Referenced host not found: {host} is neither a Service nor a ServiceEntry host seen from namespace {namespace}",
        args: ["host", "namespace"],
    },
] as const satisfies readonly MessageType[];

type Catalogue = (typeof MESSAGES)[number];
export type MessageName = Catalogue["name"];
/** The named args a message's template needs, e.g. `{ secret: string }` for ReferencedCredentialNotFound. */
export type MessageArgs<N extends MessageName> = { readonly [A in Extract<Catalogue, { name: N }>["args"][number]]: string };

export function messageType(name: MessageName): MessageType {
    return MESSAGES.find((m) => m.name === name)!;
}

/** The template with each `{arg}` replaced by the quoted value. */
export function renderTemplate(type: MessageType, args: Readonly<Record<string, string>>): string {
    return type.template.replace(/\{(\w+)\}/g, (_, arg: string) => {
        // A missing arg is a bug in a rule, not in the user's config: fail where it happens.
        if (!(arg in args)) throw new Error(`message ${type.name}: no value for {${arg}}`);
        return JSON.stringify(args[arg]);
    });
}
