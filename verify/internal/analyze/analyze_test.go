package analyze

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"meshfed/verify/internal/plan"
	"meshfed/verify/internal/render"
)

func options(t *testing.T) Options {
	root, err := render.FindRoot(".")
	if err != nil {
		t.Fatal(err)
	}
	return Options{Renderer: render.New(root)}
}

func load(t *testing.T, file string) []plan.Object {
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	objs, err := plan.ParseYAML(raw)
	if err != nil {
		t.Fatal(err)
	}
	return objs
}

// overlay replaces the base's objects by those of the same kind/namespace/name, and adds the others.
func overlay(base, over []plan.Object) []plan.Object {
	byKey := map[string]int{}
	out := append([]plan.Object{}, base...)
	for i, o := range out {
		byKey[plan.Key(o)] = i
	}
	for _, o := range over {
		if i, ok := byKey[plan.Key(o)]; ok {
			out[i] = o
		} else {
			out = append(out, o)
		}
	}
	return out
}

func codes(fs []Finding) []string {
	seen := map[string]bool{}
	var out []string
	for _, f := range fs {
		if !seen[f.Code] {
			seen[f.Code] = true
			out = append(out, f.Code)
		}
	}
	sort.Strings(out)
	return out
}

func TestBaseHasNoFindings(t *testing.T) {
	res, err := Objects("base", load(t, "../../testdata/analyze/base.yaml"), nil, options(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) > 0 {
		t.Fatalf("findings on the good fixture:\n%v", res.Findings)
	}
	if len(res.Analyzers) < 40 || len(res.Skipped) > 0 {
		t.Fatalf("analyzers run %d, skipped %v", len(res.Analyzers), res.Skipped)
	}
	if res.Assumed["assumed: one Pod per workload (Deployment/StatefulSet/DaemonSet), injected as Istio would"] < 2 {
		t.Fatalf("pods not assumed: %v", res.Assumed)
	}
}

// Each testdata/analyze/*.yaml other than base.yaml, laid over base.yaml, must raise exactly the codes its
// `# expect:` line names.
func TestFixtures(t *testing.T) {
	base := load(t, "../../testdata/analyze/base.yaml")
	files, _ := filepath.Glob("../../testdata/analyze/*.yaml")
	n := 0
	for _, f := range files {
		if filepath.Base(f) == "base.yaml" {
			continue
		}
		n++
		t.Run(filepath.Base(f), func(t *testing.T) {
			raw, _ := os.ReadFile(f)
			var want []string
			found := false
			for _, line := range strings.Split(string(raw), "\n") {
				if rest, ok := strings.CutPrefix(line, "# expect:"); ok {
					want, found = strings.Fields(rest), true
					break
				}
			}
			if !found {
				t.Fatal("no `# expect:` line")
			}
			sort.Strings(want)
			res, err := Objects("fixture", overlay(base, load(t, f)), nil, options(t))
			if err != nil {
				t.Fatal(err)
			}
			if got := codes(res.Findings); strings.Join(got, " ") != strings.Join(want, " ") {
				t.Fatalf("codes: got %v, want %v\n%v", got, want, res.Findings)
			}
			for _, fd := range res.Findings {
				if !strings.HasPrefix(fd.String(), fd.Level+" ["+fd.Code+"] (") {
					t.Errorf("not istioctl's format: %s", fd)
				}
			}
		})
	}
	if n < 10 {
		t.Fatalf("only %d fixtures", n)
	}
}

func TestSecretsAsStored(t *testing.T) {
	o := asStored(plan.Object{"kind": "Secret", "stringData": map[string]any{"a": "b"}, "data": map[string]any{"c": "ZA=="}})
	d := o["data"].(map[string]any)
	if d["a"] != "Yg==" || d["c"] != "ZA==" || o["stringData"] != nil {
		t.Fatalf("%v", o)
	}
}
