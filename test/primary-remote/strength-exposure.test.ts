/**
 * istiod behind the primary's east-west gateway, object by object: what a remote's proxies (15012) and API
 * server (15017) reach, and that nothing else is opened or terminated on the way.
 */
import { expect } from "chai";
import { withIstiodPorts } from "../../components/primary-remote/primary-east-west-gateway";
import { buildIstiodExposure } from "../../components/primary-remote/specs/istiod-exposure";

describe("istiod exposed on the primary's east-west gateway", () => {
    const selector = { istio: "network-gateway", "topology.istio.io/network": "network1" };
    const [gateway, vs] = buildIstiodExposure("istio-network-gateway", selector, "istio-cp", "north.example.com") as any[];

    it("listens on 15012 and 15017 as TLS passed through untouched, whatever name the remote dials (SNI)", () => {
        expect(gateway).to.deep.equal({
            apiVersion: "networking.istio.io/v1",
            kind: "Gateway",
            metadata: { name: "istiod", namespace: "istio-network-gateway" },
            spec: {
                selector,
                servers: [
                    { port: { number: 15012, name: "tls-istiod", protocol: "TLS" }, tls: { mode: "PASSTHROUGH" }, hosts: ["*"] },
                    { port: { number: 15017, name: "tls-webhook", protocol: "TLS" }, tls: { mode: "PASSTHROUGH" }, hosts: ["*"] },
                ],
            },
        });
    });

    it("routes any SNI on 15012 to istiod's xDS port and on 15017 to its webhook Service port, in istiod's namespace and domain", () => {
        expect(vs.metadata).to.deep.equal({ name: "istiod", namespace: "istio-network-gateway" });
        expect(vs.spec.hosts).to.deep.equal(["*"]);
        expect(vs.spec.tls).to.deep.equal([
            { match: [{ port: 15012, sniHosts: ["*"] }], route: [{ destination: { host: "istiod.istio-cp.svc.north.example.com", port: { number: 15012 } } }] },
            { match: [{ port: 15017, sniHosts: ["*"] }], route: [{ destination: { host: "istiod.istio-cp.svc.north.example.com", port: { number: 443 } } }] },
        ]);
    });

    it("opens 15012 and 15017 on the gateway's Service as TCP, each to the same container port", () => {
        const ports = (withIstiodPorts("p", { cloud: "gcp" }, "network1").values as any).service.ports.slice(-2);
        expect(ports).to.deep.equal([
            { name: "tls-istiod", port: 15012, targetPort: 15012, protocol: "TCP" },
            { name: "tls-webhook", port: 15017, targetPort: 15017, protocol: "TCP" },
        ]);
    });
});
