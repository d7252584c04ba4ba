/**
 * ServiceExports and ServiceImports take their provider as a resource option and their args resolved once
 * (see test/support/component-options.ts). Both take specs as a user writes them, not resolved data.
 */
import { resolveServiceExportsArgs, ServiceExports } from "../../components/federation/service-exports";
import { resolveServiceImportsArgs, ServiceImports } from "../../components/federation/service-imports";
import { describeComponentOptions } from "../support/component-options";
import { contract } from "../stacks/fixtures";


const EXPORTS = {
    namespace: "istio-federation-ingress",
    self: contract("north", 1),
    exports: [{ service: { name: "reviews", namespace: "bookinfo", port: 9080 }, consumers: ["south"] }],
    consumers: { south: contract("south", 2) },
};
const IMPORTS = {
    clusterName: "north",
    imports: [{ peer: "south", service: { name: "ratings", namespace: "bookinfo" }, as: { name: "ratings", namespace: "bookinfo", port: 9080 } }],
    peers: { south: contract("south", 2, [{ name: "ratings", namespace: "bookinfo", pathPrefix: "/bookinfo/ratings/", consumers: ["north"] }]) },
    egress: { namespace: "istio-federation-egress", credentials: { south: "federation-egress-south" } },
};

describeComponentOptions({ type: "ServiceExports", Component: ServiceExports, args: EXPORTS, resolve: resolveServiceExportsArgs, other: () => resolveServiceImportsArgs(IMPORTS) });
describeComponentOptions({ type: "ServiceImports", Component: ServiceImports, args: IMPORTS, resolve: resolveServiceImportsArgs, other: () => resolveServiceExportsArgs(EXPORTS) });
