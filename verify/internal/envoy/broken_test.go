package envoy

import (
	"strings"
	"testing"

	"meshfed/verify/internal/envoy/fixture"
	"meshfed/verify/internal/plan"
)

// Each case breaks the fixture in one way the federation can break, and names the failure the check must
// report.
func TestBrokenFixtures(t *testing.T) {
	obj := func(cs []*plan.Cluster, cluster, kind, ns, name string) plan.Object {
		o := fixture.Find(fixture.Get(cs, cluster), kind, ns, name)
		if o == nil {
			t.Fatalf("fixture has no %s %s/%s in %s", kind, ns, name, cluster)
		}
		return o
	}
	add := func(cs []*plan.Cluster, cluster string, o plan.Object) {
		c := fixture.Get(cs, cluster)
		c.Objects = append(c.Objects, o)
	}
	secret := func(ns, name string, data map[string]any) plan.Object {
		return plan.Object{"apiVersion": "v1", "kind": "Secret", "metadata": map[string]any{"name": name, "namespace": ns}, "stringData": data}
	}
	cases := []struct {
		name   string
		break_ func(cs []*plan.Cluster, pki *fixture.PKI)
		want   []string
	}{
		{"sidecar DestinationRule without workloadSelector: Istio drops its TLS", func(cs []*plan.Cluster, _ *fixture.PKI) {
			fixture.Set(obj(cs, "cluster3", "DestinationRule", "bookinfo", "peer-cluster2"), "spec.workloadSelector", nil)
		}, []string{"sidecar bookinfo/caller: import bookinfo/reviews from cluster2: cluster outbound|15443||c2.example.com has no upstream TLS context"}},
		{"sidecar caller without Role/RoleBinding: istiod withholds the key", func(cs []*plan.Cluster, _ *fixture.PKI) {
			fixture.Remove(fixture.Get(cs, "cluster3"), "RoleBinding", "bookinfo", "federation-credential-reader")
		}, []string{"istiod serves no certificate for SDS kubernetes://federation-egress-cluster2 to this proxy"}},
		{"consumer bundle Secret missing on the exporter", func(cs []*plan.Cluster, _ *fixture.PKI) {
			fixture.Remove(fixture.Get(cs, "cluster2"), "Secret", "istio-federation-ingress", "federation-ingress-ca-cluster1-cacert")
		}, []string{"for consumer cluster1: istiod serves no CA bundle for SDS kubernetes://federation-ingress-ca-cluster1-cacert"}},
		{"caCertCredentialName not ending in -cacert: istiod reads it as a key pair and serves nothing", func(cs []*plan.Cluster, _ *fixture.PKI) {
			fixture.Set(obj(cs, "cluster2", "Secret", "istio-federation-ingress", "federation-ingress-ca-cluster1-cacert"), "metadata.name", "federation-ingress-ca-cluster1")
			fixture.Set(obj(cs, "cluster2", "Gateway", "istio-federation-ingress", "federation-ingress"), "spec.servers.0.tls.caCertCredentialName", "federation-ingress-ca-cluster1")
			fixture.Set(fixture.Get(cs, "cluster2").Stacks[1].Outputs, "exports.0.consumers.0.caBundleName", "federation-ingress-ca-cluster1")
		}, []string{"istiod serves no CA bundle for SDS kubernetes://federation-ingress-ca-cluster1 to the ingress gateway"}},
		{"consumer bundle pools two CAs", func(cs []*plan.Cluster, pki *fixture.PKI) {
			obj(cs, "cluster2", "Secret", "istio-federation-ingress", "federation-ingress-ca-cluster1-cacert")["stringData"] =
				map[string]any{"ca.crt": pki.CA("cluster1").CertPEM + pki.CA("cluster3").CertPEM}
		}, []string{"for consumer cluster1 (server bundle): CA bundle holds 2 certificate(s)"}},
		{"wrong SNI on the consumer's peer DestinationRule", func(cs []*plan.Cluster, _ *fixture.PKI) {
			fixture.Set(obj(cs, "cluster1", "DestinationRule", "istio-federation-egress", "peer-cluster2"), "spec.trafficPolicy.tls.sni", "c2.example.com")
		}, []string{`sends SNI "c2.example.com", want "cluster1.c2.example.com"`}},
		{"exporter Gateway server without the consumer's SNI host", func(cs []*plan.Cluster, _ *fixture.PKI) {
			fixture.Set(obj(cs, "cluster2", "Gateway", "istio-federation-ingress", "federation-ingress"), "spec.servers.0.hosts", []any{"c2.example.com"})
		}, []string{"has no filter chain for SNI cluster1.c2.example.com"}},
		{"ingress gateway shares its namespace with the egress client credential", func(cs []*plan.Cluster, pki *fixture.PKI) {
			c := pki.Leaf("cluster2", "client", "c2.example.com")
			add(cs, "cluster2", secret("istio-federation-ingress", "federation-egress-cluster1", map[string]any{"tls.crt": c.CertPEM, "tls.key": c.KeyPEM}))
			fixture.Set(fixture.Get(cs, "cluster2").Stacks[0].Outputs, "gateways.egress", map[string]any{"namespace": "istio-federation-ingress",
				"releaseName": "istio-private-egressgateway", "serviceHost": "istio-private-egressgateway.istio-federation-ingress.svc.cluster.local",
				"selector": map[string]any{"istio": "private-egressgateway"}, "credentials": map[string]any{"cluster1": "federation-egress-cluster1"}})
		}, []string{"istiod serves it the egress client credential federation-egress-cluster1",
			"Secret istio-federation-ingress/federation-egress-cluster1 is readable by the ingress gateway"}},
		{"peer ServiceEntry visible to the ingress gateway", func(cs []*plan.Cluster, _ *fixture.PKI) {
			add(cs, "cluster2", plan.Object{"apiVersion": "networking.istio.io/v1", "kind": "ServiceEntry",
				"metadata": map[string]any{"name": "peer-cluster1", "namespace": "istio-system"},
				"spec": map[string]any{"hosts": []any{"c1.example.com"}, "location": "MESH_EXTERNAL", "resolution": "DNS",
					"ports": []any{map[string]any{"number": 15443, "name": "https-federation", "protocol": "HTTPS"}}}})
		}, []string{"ingress istio-federation-ingress/istio-private-ingressgateway: has cluster outbound|15443||c1.example.com for peer host c1.example.com"}},
		{"peer ServiceEntry exported to every namespace", func(cs []*plan.Cluster, _ *fixture.PKI) {
			fixture.Set(obj(cs, "cluster3", "ServiceEntry", "bookinfo", "peer-cluster2"), "spec.exportTo", []any{"*"})
		}, []string{"sidecar shop/bystander: a namespace that imports nothing has cluster outbound|15443||c2.example.com"}},
		{"caller VirtualService exported to every namespace", func(cs []*plan.Cluster, _ *fixture.PKI) {
			fixture.Set(obj(cs, "cluster1", "VirtualService", "bookinfo", "import-bookinfo-reviews"), "spec.exportTo", []any{"*"})
		}, []string{"sidecar shop/bystander: a namespace that imports nothing routes"}},
		{"AuthorizationPolicy without paths admits everything", func(cs []*plan.Cluster, _ *fixture.PKI) {
			fixture.Set(obj(cs, "cluster2", "AuthorizationPolicy", "istio-federation-ingress", "federation-ingress"), "spec.rules.0.to", nil)
		}, []string{"RBAC admits cluster1 outside the exported prefixes"}},
		{"AuthorizationPolicy lets cluster3 in on cluster1's SNI", func(cs []*plan.Cluster, _ *fixture.PKI) {
			fixture.Set(obj(cs, "cluster2", "AuthorizationPolicy", "istio-federation-ingress", "federation-ingress"),
				"spec.rules.0.from.0.source.principals", []any{"c1.example.com", "c3.example.com"})
		}, []string{"for consumer cluster1: RBAC admits cluster3 (principal spiffe://c3.example.com) on cluster1.c2.example.com"}},
		{"caller weights differ from the import's remoteWeight", func(cs []*plan.Cluster, _ *fixture.PKI) {
			vs := obj(cs, "cluster1", "VirtualService", "bookinfo", "import-bookinfo-reviews")
			fixture.Set(vs, "spec.http.1.route.0.weight", 50)
			fixture.Set(vs, "spec.http.1.route.1.weight", 50)
		}, []string{"sidecar bookinfo/caller: import bookinfo/reviews from cluster2: a request goes to"}},
		{"canary header route missing", func(cs []*plan.Cluster, _ *fixture.PKI) {
			vs := obj(cs, "cluster1", "VirtualService", "bookinfo", "import-bookinfo-reviews")
			fixture.Set(vs, "spec.http.0.match.0.headers", map[string]any{"x-other": map[string]any{"exact": "true"}})
		}, []string{"a canary request goes to"}},
		{"egress route rewrites the wrong authority", func(cs []*plan.Cluster, _ *fixture.PKI) {
			fixture.Set(obj(cs, "cluster1", "VirtualService", "istio-federation-egress", "peer-cluster2"), "spec.http.0.rewrite.authority", "c2.example.com")
		}, []string{`route rewrites the authority to "c2.example.com", want "cluster1.c2.example.com"`}},
		{"exporter route to the wrong subset", func(cs []*plan.Cluster, _ *fixture.PKI) {
			fixture.Set(obj(cs, "cluster2", "VirtualService", "istio-federation-ingress", "export-bookinfo-reviews-v2"), "spec.http.0.route.0.destination.subset", "v1")
			fixture.Set(obj(cs, "cluster2", "DestinationRule", "istio-federation-ingress", "export-bookinfo-myreviews"), "spec.subsets.0.name", "v1")
		}, []string{"want outbound|9080|v2|myreviews.bookinfo.svc.cluster.local"}},
		{"egress route forwards the export header to the peer", func(cs []*plan.Cluster, _ *fixture.PKI) {
			fixture.Set(obj(cs, "cluster1", "VirtualService", "istio-federation-egress", "peer-cluster2"), "spec.http.0.headers", map[string]any{})
		}, []string{"route forwards the export header x-meshfed-export to the peer"}},
		{"the caller marks its local share for the peer", func(cs []*plan.Cluster, _ *fixture.PKI) {
			fixture.Set(obj(cs, "cluster1", "VirtualService", "bookinfo", "import-bookinfo-reviews"), "spec.http.1.route.0.headers",
				map[string]any{"request": map[string]any{"set": map[string]any{"x-meshfed-export": "/bookinfo/reviews-v2/"}}})
		}, []string{"the local share is marked for the peer"}},
		{"the caller's remote share lacks the export header", func(cs []*plan.Cluster, _ *fixture.PKI) {
			fixture.Set(obj(cs, "cluster1", "VirtualService", "bookinfo", "import-bookinfo-reviews"), "spec.http.1.route.1.headers",
				map[string]any{"request": map[string]any{"set": map[string]any{":authority": "cluster1.c2.example.com"}}})
		}, []string{`the share to the egress gateway carries x-meshfed-export=""`}},
		{"egress client bundle missing", func(cs []*plan.Cluster, _ *fixture.PKI) {
			fixture.Remove(fixture.Get(cs, "cluster1"), "Secret", "istio-federation-egress", "federation-egress-cluster2-cacert")
		}, []string{"istiod serves no CA bundle for SDS kubernetes://federation-egress-cluster2-cacert"}},
		{"an all-remote import without its Service: Kubernetes DNS cannot resolve the local name", func(cs []*plan.Cluster, _ *fixture.PKI) {
			fixture.Remove(fixture.Get(cs, "cluster3"), "Service", "bookinfo", "reviews")
		}, []string{"import bookinfo/reviews from cluster2: Kubernetes DNS cannot resolve reviews.bookinfo.svc.cluster.local"}},
		{"callers on the DNS proxy, local name declared with resolution NONE: istiod allocates it no address", func(cs []*plan.Cluster, _ *fixture.PKI) {
			declareByServiceEntry(cs, "NONE")
		}, []string{"import bookinfo/reviews from cluster2: the caller's DNS proxy has no address for reviews.bookinfo.svc.cluster.local"}},
		{"peer ServiceEntry points at another address", func(cs []*plan.Cluster, _ *fixture.PKI) {
			fixture.Set(obj(cs, "cluster1", "ServiceEntry", "istio-federation-egress", "peer-cluster2"), "spec.endpoints", []any{map[string]any{"address": "192.0.2.99"}})
		}, []string{"want the peer's published address 192.0.2.2:15443"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			pki := fixture.NewPKI()
			cs, err := fixture.Load(fixtureDir, pki)
			if err != nil {
				t.Fatal(err)
			}
			tc.break_(cs, pki)
			expectFailure(t, runFixture(t, cs), tc.want...)
		})
	}
}

// declareByServiceEntry turns cluster3's import into what dnsProxy: true plans: its callers on Istio's DNS
// proxy, its local name a ServiceEntry host (with the given resolution) instead of a Service.
func declareByServiceEntry(cs []*plan.Cluster, resolution string) {
	c := fixture.Get(cs, "cluster3")
	fixture.Set(c.Stacks[1].Outputs, "imports.0.dnsProxy", true)
	fixture.Remove(c, "Service", "bookinfo", "reviews")
	c.Objects = append(c.Objects, plan.Object{"apiVersion": "networking.istio.io/v1", "kind": "ServiceEntry",
		"metadata": map[string]any{"name": "imports-cluster2-9080", "namespace": "bookinfo"},
		"spec": map[string]any{"hosts": []any{"reviews.bookinfo.svc.cluster.local"}, "exportTo": []any{"."}, "location": "MESH_INTERNAL",
			"resolution": resolution, "ports": []any{map[string]any{"number": 9080, "name": "http-9080", "protocol": "HTTP"}}}})
}

// What dnsProxy: true plans passes every check: the caller's DNS proxy answers for the ServiceEntry host
// with the address istiod allocated, and routes it as before.
func TestImportDeclaredByServiceEntry(t *testing.T) {
	cs := load(t)
	declareByServiceEntry(cs, "STATIC")
	if fs := failures(runFixture(t, cs)); len(fs) > 0 {
		t.Errorf("failures:\n%s", strings.Join(fs, "\n"))
	}
}
