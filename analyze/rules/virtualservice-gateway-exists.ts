import { KINDS } from "../kinds";
import type { Rule } from "../rule";
import { gatewayRefsOf } from "../specs";

/** The reserved gateway name for the sidecars of the mesh: never a Gateway object. */
const MESH = "mesh";

export const virtualServiceGatewayExists: Rule = {
    name: "virtualservice.GatewayExists",
    description: "Every gateway a VirtualService names, in spec.gateways or a route's match, exists as an Istio Gateway.",
    inputs: [KINDS.VirtualService, KINDS.Gateway],
    analyze(ctx) {
        ctx.forEach(KINDS.VirtualService, (vs) => {
            for (const ref of gatewayRefsOf(vs)) {
                if (ref === MESH) continue;
                // `name` means the VirtualService's namespace; `namespace/name` any other.
                const slash = ref.indexOf("/");
                const namespace = slash < 0 ? vs.namespace : ref.slice(0, slash);
                const name = slash < 0 ? ref : ref.slice(slash + 1);
                if (!ctx.find(KINDS.Gateway, namespace, name)) {
                    ctx.report(vs, "ReferencedGatewayNotFound", { gateway: `${namespace}/${name}` });
                }
            }
        });
    },
};
