import { expect } from "chai";
import { loadBalancerIngress } from "../../engine/addresses";

describe("load-balancer addresses of the offline engine", () => {
    it("always hands out a usable TEST-NET-1 host address, the same for the same Service", () => {
        for (let i = 0; i < 500; i++) {
            const { ip } = loadBalancerIngress(`cluster${i}`, "istio-private-gateways", "istio-private-ingressgateway", "ip");
            const host = Number(/^192\.0\.2\.(\d+)$/.exec(ip!)![1]);
            expect(host).to.be.within(1, 254);
            expect(loadBalancerIngress(`cluster${i}`, "istio-private-gateways", "istio-private-ingressgateway", "ip").ip).to.equal(ip);
        }
    });

    it("spreads clusters over the range, so two example clusters do not share an address", () => {
        const ips = new Set(
            Array.from({ length: 50 }, (_, i) => loadBalancerIngress(`cluster${i}`, "istio-private-gateways", "istio-private-ingressgateway", "ip").ip),
        );
        expect(ips.size).to.be.above(40);
        const [c1, c2] = ["cluster1", "cluster2"].map((c) => loadBalancerIngress(c, "istio-private-gateways", "istio-private-ingressgateway", "ip").ip);
        expect(c1).not.to.equal(c2);
    });

    const known: [string, string, string, "ip" | "hostname", RegExp][] = [
        ["cluster2", "istio-private-gateways", "istio-private-ingressgateway", "ip", /^192\.0\.2\.201$/],
        ["cluster1", "istio-private-gateways", "istio-private-ingressgateway", "hostname", /^a[0-9a-f]{32}-\d+\.elb\.offline\.example\.com$/],
    ];
    for (const [cluster, ns, svc, kind, expected] of known) {
        it(`gives ${cluster}'s ${svc} a ${kind} matching ${expected}`, () => {
            const ingress = loadBalancerIngress(cluster, ns, svc, kind);
            expect(ingress[kind]).to.match(expected);
        });
    }
});
