package envoy

import (
	"strings"
	"testing"

	"meshfed/verify/internal/envoy/fixture"
	"meshfed/verify/internal/plan"
)

const fixtureDir = "../../testdata/envoy/federation"

func load(t *testing.T) []*plan.Cluster {
	t.Helper()
	cs, err := fixture.Load(fixtureDir, fixture.NewPKI())
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

func runFixture(t *testing.T, cs []*plan.Cluster) *Result {
	t.Helper()
	r, err := Run(cs)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func failures(r *Result) []string {
	var out []string
	for _, rep := range r.Reports {
		for _, f := range rep.Failures {
			out = append(out, rep.Cluster+": "+f)
		}
	}
	return out
}

func TestFixturePasses(t *testing.T) {
	r := runFixture(t, load(t))
	for _, f := range failures(r) {
		t.Error(f)
	}
	for _, rep := range r.Reports {
		t.Logf("%s: %d Envoy resources, %d assertions, proxies %v", rep.Cluster, rep.Resources, rep.Checks, rep.Proxies)
		if rep.Checks == 0 {
			t.Errorf("%s: nothing checked", rep.Cluster)
		}
	}
	if len(r.Clients) != 2 || len(r.Servers) != 2 {
		t.Errorf("want 2 client and 2 server TLS ends, got %d and %d", len(r.Clients), len(r.Servers))
	}
}

func expectFailure(t *testing.T, r *Result, want ...string) {
	t.Helper()
	fs := failures(r)
	for _, w := range want {
		found := false
		for _, f := range fs {
			if strings.Contains(f, w) {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("no failure contains %q; failures:\n%s", w, strings.Join(fs, "\n"))
		}
	}
}
