package handshake

import (
	"strings"
	"testing"

	"meshfed/verify/internal/envoy"
	"meshfed/verify/internal/envoy/fixture"
	"meshfed/verify/internal/plan"
)

const fixtureDir = "../../testdata/envoy/federation"

func setup(t *testing.T) ([]*plan.Cluster, *fixture.PKI, map[string]CA) {
	t.Helper()
	pki := fixture.NewPKI()
	cs, err := fixture.Load(fixtureDir, pki)
	if err != nil {
		t.Fatal(err)
	}
	cas := map[string]CA{}
	for _, c := range cs {
		ca := pki.CA(c.Name)
		cas[c.Name] = CA{Cert: ca.Cert, Key: ca.Key}
	}
	return cs, pki, cas
}

func check(t *testing.T, cs []*plan.Cluster, cas map[string]CA) []Report {
	t.Helper()
	res, err := envoy.Run(cs)
	if err != nil {
		t.Fatal(err)
	}
	return Check(res, cas)
}

func allFailures(reps []Report) string {
	var out []string
	for _, r := range reps {
		out = append(out, r.Failures...)
	}
	return strings.Join(out, "\n")
}

func TestHandshakes(t *testing.T) {
	cs, _, cas := setup(t)
	reps := check(t, cs, cas)
	if len(reps) != 2 {
		t.Fatalf("want 2 imports, got %d", len(reps))
	}
	for _, r := range reps {
		t.Logf("%s: %d handshakes", r.Import, r.Handshakes)
		for _, f := range r.Failures {
			t.Error(f)
		}
		// 1 genuine + 2 client impostors (the other clusters' CAs) + 2 server impostors.
		if r.Handshakes != 5 {
			t.Errorf("%s: %d handshakes, want 5", r.Import, r.Handshakes)
		}
	}
}

// A pooled bundle on the exporter (cluster3's CA also trusted on cluster1's chain) admits cluster3's CA
// minting cluster1's identity.
func TestPooledServerBundleAdmitsImpostor(t *testing.T) {
	cs, pki, cas := setup(t)
	c2 := fixture.Get(cs, "cluster2")
	s := fixture.Find(c2, "Secret", "istio-federation-ingress", "federation-ingress-ca-cluster1-cacert")
	s["stringData"] = map[string]any{"ca.crt": pki.CA("cluster1").CertPEM + pki.CA("cluster3").CertPEM}
	f := allFailures(check(t, cs, cas))
	if !strings.Contains(f, "minted by cluster3's CA with cluster1's identity") || !strings.Contains(f, "ACCEPTED") {
		t.Errorf("impostor not detected:\n%s", f)
	}
}

// A pooled client bundle on the consumer (cluster3's CA trusted for cluster2) accepts a server certificate
// for cluster2's host minted by cluster3's CA.
func TestPooledClientBundleAcceptsImpostor(t *testing.T) {
	cs, pki, cas := setup(t)
	c1 := fixture.Get(cs, "cluster1")
	s := fixture.Find(c1, "Secret", "istio-federation-egress", "federation-egress-cluster2-cacert")
	s["stringData"] = map[string]any{"ca.crt": pki.CA("cluster2").CertPEM + pki.CA("cluster3").CertPEM}
	f := allFailures(check(t, cs, cas))
	if !strings.Contains(f, "server certificate minted by cluster3's CA for cluster2's host is ACCEPTED") {
		t.Errorf("impostor not detected:\n%s", f)
	}
}

// The consumer's egress credential issued by the wrong CA (its own CA replaced): the genuine handshake fails.
func TestWrongClientCAFailsHandshake(t *testing.T) {
	cs, pki, cas := setup(t)
	c1 := fixture.Get(cs, "cluster1")
	s := fixture.Find(c1, "Secret", "istio-federation-egress", "federation-egress-cluster2")
	other := pki.Leaf("cluster3", "client", "c1.example.com")
	s["stringData"] = map[string]any{"tls.crt": other.CertPEM, "tls.key": other.KeyPEM}
	f := allFailures(check(t, cs, cas))
	if !strings.Contains(f, "mutual TLS handshake failed") {
		t.Errorf("genuine handshake with a wrongly issued client certificate did not fail:\n%s", f)
	}
}

// A client sending an SNI no filter chain serves is refused.
func TestWrongSNIFailsHandshake(t *testing.T) {
	cs, _, cas := setup(t)
	res, err := envoy.Run(cs)
	if err != nil {
		t.Fatal(err)
	}
	res.Clients[0].SNI = "nobody." + res.Clients[0].SNI
	f := allFailures(Check(res, cas))
	if !strings.Contains(f, "no filter chain for SNI") {
		t.Errorf("wrong SNI not refused:\n%s", f)
	}
}
