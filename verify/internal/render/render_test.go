package render

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sigs.k8s.io/yaml"

	"meshfed/verify/internal/plan"
)

type fixture struct {
	Release struct{ Name, Namespace, Chart, Version string }
	Values  map[string]any
	Expect  struct{ Kinds, Error string }
}

// Each fixture under testdata/render is a release and what rendering it must give: the kinds of objects, or
// an error (the broken fixtures prove the renderer refuses what helm install refuses).
func TestFixtures(t *testing.T) {
	root, err := FindRoot(".")
	if err != nil {
		t.Fatal(err)
	}
	r := New(root)
	files, _ := filepath.Glob("../../testdata/render/*.yaml")
	if len(files) < 4 {
		t.Fatalf("fixtures missing: %v", files)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var fx fixture
			if err := yaml.Unmarshal(raw, &fx); err != nil {
				t.Fatal(err)
			}
			rel := plan.Release{Name: fx.Release.Name, Namespace: fx.Release.Namespace, Chart: fx.Release.Chart, Version: fx.Release.Version, Values: fx.Values}
			objs, err := r.Release(rel)
			if fx.Expect.Error != "" {
				if err == nil || !strings.Contains(err.Error(), fx.Expect.Error) {
					t.Fatalf("want error containing %q, got %v", fx.Expect.Error, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := KindCounts(objs); got != fx.Expect.Kinds {
				t.Fatalf("kinds: got %q, want %q", got, fx.Expect.Kinds)
			}
			for _, o := range objs {
				if !ClusterScoped(plan.Kind(o)) && plan.Namespace(o) != rel.Namespace {
					t.Errorf("%s not in the release namespace", plan.Ref(o))
				}
				if plan.Kind(o) == "Deployment" {
					labels := o["metadata"].(map[string]any)["labels"].(map[string]any)
					if labels["helm.sh/chart"] != "gateway-"+rel.Version {
						t.Errorf("chart version not set to the release's: %v", labels["helm.sh/chart"])
					}
				}
			}
		})
	}
}
