/**
 * The private gateways take their provider as a resource option and their args resolved once (see
 * test/support/component-options.ts).
 */
import { EgressGateway, resolveEgressGatewayArgs } from "../../components/gateway/egress-gateway";
import { IngressGateway, resolveIngressGatewayArgs } from "../../components/gateway/ingress-gateway";
import { describeComponentOptions } from "../support/component-options";

const INGRESS = { namespace: "istio-federation-ingress", cloud: "gcp", address: { ip: "192.0.2.20" } };
const EGRESS = { namespace: "istio-federation-egress" };

describeComponentOptions({ type: "IngressGateway", Component: IngressGateway, args: INGRESS, resolve: resolveIngressGatewayArgs, other: () => resolveEgressGatewayArgs(EGRESS) });
describeComponentOptions({ type: "EgressGateway", Component: EgressGateway, args: EGRESS, resolve: resolveEgressGatewayArgs, other: () => resolveIngressGatewayArgs(INGRESS) });
