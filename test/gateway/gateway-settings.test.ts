import { expect } from "chai";
import { resolveEgress, resolveIngress } from "../../components/gateway/gateway-specs";
import { readGateways } from "../../program/gateway-settings";
import { readIdentity } from "../../program/settings";

describe("private gateway settings: bad input fails before anything is installed", () => {
    const ingress = (s: Record<string, unknown>) => resolveIngress("meshfed:gateways.ingress", { cloud: "gcp", ...s });
    const cases: [string, () => unknown, string][] = [
        ["an unknown service type", () => ingress({ serviceType: "ExternalName" }),
            'meshfed:gateways.ingress.serviceType: "ExternalName" is not valid; allowed: LoadBalancer, NodePort, ClusterIP'],
        ["a port out of range", () => ingress({ port: 70000 }),
            "meshfed:gateways.ingress.port: 70000 is not valid; expected a whole number from 1 to 65535"],
        ["a bad annotation key", () => ingress({ serviceAnnotations: { "bad key!": "x" } }),
            'meshfed:gateways.ingress.serviceAnnotations["bad key!"]: "bad key!" is not valid; an annotation key is'],
        ["a non-string annotation value", () => ingress({ serviceAnnotations: { "a/b": true } }),
            'meshfed:gateways.ingress.serviceAnnotations["a/b"]: true is not valid; annotation values are strings'],
        ["a NodePort gateway peers could not find", () => ingress({ serviceType: "NodePort" }),
            "meshfed:gateways.ingress.address: a missing value is not valid; a NodePort ingress gateway has no load-balancer address"],
        ["a pinned address that is neither IP nor DNS name", () => ingress({ address: { ip: "300.1.1.1" } }),
            'meshfed:gateways.ingress.address.ip: "300.1.1.1" is not valid; expected an IPv4 or IPv6 address'],
        ["replicas and autoscaling together", () => resolveEgress("meshfed:gateways.egress", { replicas: 2, autoscaling: { minReplicas: 1, maxReplicas: 2 } }),
            "meshfed:gateways.egress.autoscaling: {\"minReplicas\":1,\"maxReplicas\":2} is not valid; set either replicas or autoscaling, not both"],
        ["a disruption budget for a single replica", () => resolveEgress("meshfed:gateways.egress", { replicas: 1, podDisruptionBudget: { minAvailable: 1 } }),
            "needs at least 2 replicas"],
        ["a source range that is not a CIDR", () => ingress({ loadBalancerSourceRanges: ["10.0.0.1"] }),
            'meshfed:gateways.ingress.loadBalancerSourceRanges[0]: "10.0.0.1" is not valid; expected a CIDR'],
        ["a misspelt setting", () => resolveEgress("meshfed:gateways.egress", { replica: 2 }),
            "meshfed:gateways.egress.replica: 2 is not valid; unknown setting"],
        ["a cloud meshfed has no internal annotation for", () => ingress({ cloud: "openstack" }),
            'meshfed:gateways.ingress.cloud: "openstack" is not valid; allowed: aws, gcp, azure'],
        ["an exposure other than internal or public", () => ingress({ exposure: "private" }),
            'meshfed:gateways.ingress.exposure: "private" is not valid; allowed: internal, public'],
        ["a revision that is not a DNS label", () => resolveEgress("meshfed:gateways.egress", { revision: "1.30.3" }),
            'meshfed:gateways.egress.revision: "1.30.3" is not valid'],
        ["an internal load balancer without a cloud or annotations, which would be public", () => resolveIngress("meshfed:gateways.ingress", {}),
            "meshfed:gateways.ingress.cloud: a missing value is not valid; the ingress load balancer is internal by default, which each cloud spells with its own annotation: set cloud (aws, gcp, azure), or serviceAnnotations, or exposure: public"],
    ];
    for (const [what, run, message] of cases) {
        it(`rejects ${what}`, () => {
            expect(run).to.throw(message);
        });
    }
});

describe("the ingress load balancer is internal unless the user says otherwise", () => {
    const annotations = (s: Record<string, unknown>) => resolveIngress("p", s).serviceAnnotations;

    it("on AWS, with both the AWS Load Balancer Controller's and the in-tree controller's annotation", () => {
        expect(annotations({ cloud: "aws" })).to.deep.equal({
            "service.beta.kubernetes.io/aws-load-balancer-scheme": "internal",
            "service.beta.kubernetes.io/aws-load-balancer-internal": "true",
        });
    });

    it("on GCP, with GKE's internal load-balancer type", () => {
        expect(annotations({ cloud: "gcp" })).to.deep.equal({ "networking.gke.io/load-balancer-type": "Internal" });
    });

    it("on Azure, with the Azure internal annotation", () => {
        expect(annotations({ cloud: "azure" })).to.deep.equal({ "service.beta.kubernetes.io/azure-load-balancer-internal": "true" });
    });

    it("with exposure: public, gets no internal annotation, whatever the cloud", () => {
        expect(annotations({ exposure: "public" })).to.deep.equal({});
        expect(annotations({ exposure: "public", cloud: "aws" })).to.deep.equal({});
        expect(resolveIngress("p", { exposure: "public" }).exposure).to.equal("public");
    });

    it("accepts the user's own annotations instead of a cloud, and lets them win over the cloud's", () => {
        expect(annotations({ serviceAnnotations: { "example.com/internal": "yes" } })).to.deep.equal({ "example.com/internal": "yes" });
        expect(annotations({ cloud: "gcp", serviceAnnotations: { "networking.gke.io/load-balancer-type": "External" } })).to.deep.equal({
            "networking.gke.io/load-balancer-type": "External",
        });
    });

    it("needs no cloud for a gateway that is no load balancer", () => {
        expect(resolveIngress("p", { serviceType: "ClusterIP", address: { ip: "10.0.0.5" } }).serviceAnnotations).to.deep.equal({});
    });
});

describe("meshfed:gateways in an identity stack", () => {
    const read = (raw: unknown, exporting = false) => readGateways(raw, true, exporting);
    /** Refusals go through the whole identity, as the program resolves it: the gateways' resolvers check the values. */
    const exported = [{ service: { name: "reviews", namespace: "bookinfo", port: 9080 }, consumers: ["cluster2"] }];
    const reject = (raw: unknown, exporting = false) => () => readIdentity({ trust: { federationHost: "c1.example.com" }, gateways: raw, exports: exporting ? exported : undefined }, "cluster1");

    it("refuses the single namespace of earlier versions, saying which keys replace it", () => {
        expect(reject({ namespace: "fed-gw" })).to.throw(
            'meshfed:gateways.namespace: "fed-gw" is not valid; each gateway now has a namespace of its own, holding only its own credentials: set ingress.namespace and egress.namespace',
        );
    });

    it("runs no gateway on a cluster that exports nothing and imports from no peer", () => {
        expect(read(undefined)).to.deep.equal({ ingress: undefined, egress: undefined });
        expect(read({})).to.deep.equal({ ingress: undefined, egress: undefined });
    });

    it("runs the ingress gateway, in istio-federation-ingress, on a cluster that exports", () => {
        const g = read({ ingress: { cloud: "aws" } }, true);

        expect(g.ingress).to.deep.include({ namespace: "istio-federation-ingress", cloud: "aws" });
        expect(g.egress).to.equal(undefined);
    });

    it("runs the ingress gateway on a cluster that exports nothing only when asked, by its settings", () => {
        expect(read({ ingress: { exposure: "public" } }).ingress).to.deep.include({ namespace: "istio-federation-ingress", exposure: "public" });
        expect(() => read({ ingress: true })).to.throw("meshfed:gateways.ingress: true is not valid; to run an ingress gateway on a cluster that exports nothing (yet), give its settings");
        expect(read({ ingress: false }).ingress).to.equal(undefined);
    });

    it("refuses to switch the ingress gateway off on a cluster that exports", () => {
        expect(reject({ ingress: false }, true)).to.throw("meshfed:gateways.ingress: false is not valid; meshfed:exports are served by the ingress gateway");
    });

    it("checks the ingress settings by their key, even when exporting with none given", () => {
        expect(reject(undefined, true)).to.throw("meshfed:gateways.ingress.cloud: a missing value is not valid; the ingress load balancer is internal by default");
    });

    it("runs the egress gateway, in istio-federation-egress, only for the peers listed", () => {
        const g = read({ egress: { peers: ["cluster2", "cluster3"], replicas: 2 } });

        expect(g.egress).to.deep.equal({ replicas: 2, namespace: "istio-federation-egress", peers: ["cluster2", "cluster3"] });
        expect(g.ingress).to.equal(undefined);
    });

    it("refuses an egress gateway without peers, which would serve nothing", () => {
        for (const egress of [{}, { peers: [] }]) {
            expect(reject({ egress }), JSON.stringify(egress)).to.throw("meshfed:gateways.egress.peers:");
            expect(reject({ egress }), JSON.stringify(egress)).to.throw("list the clusters this one imports from (at least one)");
        }
    });

    it("refuses the cluster itself, or a peer twice, among the egress peers", () => {
        expect(reject({ egress: { peers: ["cluster2", "cluster1"] } })).to.throw('meshfed:gateways.egress.peers[1]: "cluster1" is not valid; a cluster does not import from itself');
        expect(reject({ egress: { peers: ["cluster2", "cluster2"] } })).to.throw('meshfed:gateways.egress.peers[1]: "cluster2" is not valid; each peer once');
    });

    it("takes renamed namespaces", () => {
        const g = read({ ingress: { namespace: "fed-in", cloud: "gcp" }, egress: { namespace: "fed-out", peers: ["cluster2"] } }, true);

        expect([g.ingress?.namespace, g.egress?.namespace]).to.deep.equal(["fed-in", "fed-out"]);
    });

    it("refuses one namespace for both gateways: each could read the other's key", () => {
        expect(reject({ ingress: { namespace: "fed-gw", cloud: "gcp" }, egress: { namespace: "fed-gw", peers: ["cluster2"] } }, true)).to.throw(
            'meshfed:gateways.egress.namespace: "fed-gw" is not valid; the egress gateway needs a namespace apart from the ingress gateway\'s',
        );
    });

    it("refuses a gateway on a stack without a federation identity", () => {
        expect(() => readGateways({ egress: { peers: ["cluster2"] } }, false, false)).to.throw(
            "meshfed:gateways.egress: {\"peers\":[\"cluster2\"]} is not valid; a private gateway needs the cluster's federation identity: set meshfed:trust too",
        );
    });
});
