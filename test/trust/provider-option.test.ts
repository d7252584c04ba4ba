/**
 * The trust components take their provider as a resource option (see test/support/component-options.ts);
 * FederationTrust its args resolved once too. TrustBundle and GatewayCredential check their few args
 * themselves: no resolver, the provider cases only.
 */
import { resolveIngressGatewayArgs } from "../../components/gateway/ingress-gateway";
import { FederationTrust, resolveFederationTrustArgs } from "../../components/trust/federation-trust";
import { GatewayCert } from "../../components/trust/gateway-cert";
import { GatewayCredential } from "../../components/trust/gateway-credential";
import { MeshCa } from "../../components/trust/mesh-ca";
import { TrustBundle } from "../../components/trust/trust-bundle";
import { describeComponentOptions } from "../support/component-options";

const pem = (body: string) => `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`;
// Both gateways, a peer and sidecars: every kind of credential Secret is among the objects checked.
const TRUST = {
    clusterName: "north",
    hosts: ["north.example.com"],
    ingressNamespace: "istio-federation-ingress",
    egress: { namespace: "istio-federation-egress", peers: ["south"] },
    sidecarCredentialNamespaces: ["web"],
};

describeComponentOptions({
    type: "FederationTrust",
    Component: FederationTrust,
    args: TRUST,
    resolve: resolveFederationTrustArgs,
    other: () => resolveIngressGatewayArgs({ namespace: "istio-federation-ingress", cloud: "gcp" }),
});
describeComponentOptions({
    type: "TrustBundle",
    Component: TrustBundle,
    args: { namespace: "istio-federation-egress", secretName: "federation-egress-south-cacert", caCertificates: [pem("U291dGg=")] },
});
describeComponentOptions({
    type: "GatewayCredential",
    Component: GatewayCredential,
    // Its certificate is a resource: made in the program, outside the component ("ca", "cert").
    args: () => ({
        namespace: "istio-federation-ingress",
        credentialName: "federation-ingress",
        certificate: new GatewayCert("cert", { ca: new MeshCa("ca", { clusterName: "north" }), dnsNames: ["north.example.com"], usage: "server" }),
    }),
});
