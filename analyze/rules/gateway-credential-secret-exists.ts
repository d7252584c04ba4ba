/**
 * A Gateway's credentialName is Istio's own check (gateway.SecretAnalyzer, IST0101, which also finds the
 * gateway pods' namespace and checks the certificate: run by `npm run verify`); no Istio analyzer checks a
 * DestinationRule's, so this rule does.
 *
 * Where Istio reads a `credentialName` Secret from: the namespace of the proxy that uses it. For a
 * Gateway that is its workload's namespace; meshfed puts each Gateway with its gateway deployment,
 * so the Gateway's own namespace stands in for it. For a DestinationRule that originates TLS the
 * proxy is an egress gateway, and meshfed puts such rules in the gateway's namespace: the rule's
 * namespace stands in for it too.
 */
import type { Context } from "../context";
import { KINDS } from "../kinds";
import type { Resource } from "../object";
import type { Rule } from "../rule";
import { ruleCredentialsOf } from "../specs";

export const gatewayCredentialSecretExists: Rule = {
    name: "destinationrule.CredentialSecretExists",
    description: "Every credentialName of a DestinationRule names a Secret in the namespace of the proxy that reads it.",
    inputs: [KINDS.DestinationRule, KINDS.Secret],
    analyze(ctx) {
        ctx.forEach(KINDS.DestinationRule, (dr) => checkSecrets(ctx, dr, ruleCredentialsOf(dr)));
    },
};

function checkSecrets(ctx: Context, on: Resource, credentialNames: string[]): void {
    for (const credentialName of credentialNames) {
        const secret = secretOf(credentialName, on.namespace);
        if (secret && !ctx.find(KINDS.Secret, secret.namespace, secret.name)) {
            ctx.report(on, "ReferencedCredentialNotFound", { secret: `${secret.namespace}/${secret.name}` });
        }
    }
}

/**
 * The Secret a credentialName names. `kubernetes://name` is the explicit form of `name`;
 * `kubernetes-gateway://ns/name` (what Istio writes for Gateway API listeners) names another
 * namespace. Other `scheme://` values are not Kubernetes Secrets, so there is nothing to look up.
 */
function secretOf(credentialName: string, namespace: string): { namespace: string; name: string } | undefined {
    const [, scheme, rest] = /^([a-z-]+):\/\/(.*)$/.exec(credentialName) ?? [undefined, undefined, credentialName];
    if (scheme === undefined || scheme === "kubernetes") return { namespace, name: rest };
    if (scheme !== "kubernetes-gateway") return undefined;
    const slash = rest.indexOf("/");
    return slash < 0 ? { namespace, name: rest } : { namespace: rest.slice(0, slash), name: rest.slice(slash + 1) };
}
