// Package render renders planned Helm releases with Helm's own engine, from the charts vendored under
// vendor/istio/<version>/charts/, into the Kubernetes objects `helm install` would create.
package render

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"helm.sh/helm/v3/pkg/chart"
	"helm.sh/helm/v3/pkg/chart/loader"
	"helm.sh/helm/v3/pkg/chartutil"
	"helm.sh/helm/v3/pkg/engine"
	"helm.sh/helm/v3/pkg/releaseutil"

	"meshfed/verify/internal/plan"
)

// Renderer renders releases from vendored charts: `<Root>/<version>/charts/<chart>/`.
type Renderer struct {
	// Root is vendor/istio.
	Root string
	mu   sync.Mutex
	// Source records, per rendered object (by release and plan.Key), the template it came from.
	source map[string]string
}

// New returns a renderer over the charts vendored under root (vendor/istio).
func New(root string) *Renderer { return &Renderer{Root: root, source: map[string]string{}} }

// FindRoot walks up from dir to the directory holding vendor/istio.
func FindRoot(dir string) (string, error) {
	d, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for {
		p := filepath.Join(d, "vendor", "istio")
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			return p, nil
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", fmt.Errorf("no vendor/istio above %s", dir)
		}
		d = parent
	}
}

// Capabilities are those of the Kubernetes version Helm's client libraries target (k8s.io/client-go 0.35:
// Kubernetes 1.35), with its built-in API versions, as `helm template` assumes without a cluster.
func Capabilities() *chartutil.Capabilities { return chartutil.DefaultCapabilities.Copy() }

// LoadChart loads the vendored chart for a release, with version and appVersion set to the planned
// version as Istio's release builder sets them when it packages the chart (the repository's Chart.yaml
// holds the placeholder 1.0.0).
func (r *Renderer) LoadChart(name, version string) (*chart.Chart, error) {
	name = path.Base(strings.TrimSuffix(name, "/")) // "istio/gateway", "oci://…/gateway" → "gateway"
	if version == "" {
		return nil, fmt.Errorf("release has no chart version: meshfed pins one; cannot pick a vendored chart")
	}
	dir := filepath.Join(r.Root, version, "charts", name)
	if _, err := os.Stat(filepath.Join(dir, "Chart.yaml")); err != nil {
		avail, _ := filepath.Glob(filepath.Join(r.Root, "*", "charts", "*", "Chart.yaml"))
		var names []string
		for _, a := range avail {
			rel, _ := filepath.Rel(r.Root, filepath.Dir(a))
			names = append(names, rel)
		}
		return nil, fmt.Errorf("chart %s %s is not vendored (%s missing; vendored: %s)", name, version, dir, strings.Join(names, ", "))
	}
	c, err := loader.Load(dir)
	if err != nil {
		return nil, fmt.Errorf("loading chart %s: %w", dir, err)
	}
	c.Metadata.Version = version
	c.Metadata.AppVersion = version
	return c, nil
}

// Release renders one release: values coalesced with the chart's and validated against its
// values.schema.json (as `helm install` does), templates rendered by Helm's engine, hooks and NOTES dropped,
// manifests in Helm's install order, each namespaced object placed in the release's namespace.
func (r *Renderer) Release(rel plan.Release) ([]plan.Object, error) {
	c, err := r.LoadChart(rel.Chart, rel.Version)
	if err != nil {
		return nil, err
	}
	opts := chartutil.ReleaseOptions{Name: rel.Name, Namespace: rel.Namespace, Revision: 1, IsInstall: true}
	caps := Capabilities()
	vals, err := chartutil.ToRenderValues(c, rel.Values, opts, caps)
	if err != nil {
		return nil, err
	}
	files, err := engine.Render(c, vals)
	if err != nil {
		return nil, err
	}
	// Like action.Install: partials and NOTES.txt are not manifests.
	for name := range files {
		if strings.HasSuffix(name, "NOTES.txt") || strings.HasPrefix(path.Base(name), "_") {
			delete(files, name)
		}
	}
	hooks, manifests, err := releaseutil.SortManifests(files, caps.APIVersions, releaseutil.InstallOrder)
	if err != nil {
		return nil, fmt.Errorf("parsing rendered manifests: %w", err)
	}
	if len(hooks) > 0 {
		var names []string
		for _, h := range hooks {
			names = append(names, h.Path)
		}
		return nil, fmt.Errorf("chart renders hooks (%s), which meshfed's checks do not model", strings.Join(names, ", "))
	}
	var out []plan.Object
	for _, m := range manifests {
		objs, err := plan.ParseYAML([]byte(m.Content))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", m.Name, err)
		}
		for _, o := range objs {
			if _, ok := o["kind"].(string); !ok {
				return nil, fmt.Errorf("%s renders a document without kind", m.Name)
			}
			md, _ := o["metadata"].(map[string]any)
			if md == nil {
				md = map[string]any{}
				o["metadata"] = md
			}
			if !ClusterScoped(plan.Kind(o)) && plan.Namespace(o) == "" {
				md["namespace"] = rel.Namespace
			}
			r.mu.Lock()
			r.source[rel.Namespace+"/"+rel.Name+" "+plan.Key(o)] = m.Name
			r.mu.Unlock()
			out = append(out, o)
		}
	}
	return out, nil
}

// Source names the template an object of a release was rendered from.
func (r *Renderer) Source(rel plan.Release, o plan.Object) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.source[rel.Namespace+"/"+rel.Name+" "+plan.Key(o)]
}

var clusterScoped = map[string]bool{
	"Namespace": true, "ClusterRole": true, "ClusterRoleBinding": true, "CustomResourceDefinition": true,
	"MutatingWebhookConfiguration": true, "ValidatingWebhookConfiguration": true, "PriorityClass": true,
	"StorageClass": true, "PersistentVolume": true, "Node": true, "APIService": true,
	"ValidatingAdmissionPolicy": true, "ValidatingAdmissionPolicyBinding": true, "IngressClass": true,
	"GatewayClass": true, "RuntimeClass": true, "CSIDriver": true, "VolumeAttachment": true,
}

// ClusterScoped tells whether objects of a built-in kind have no namespace.
func ClusterScoped(kind string) bool { return clusterScoped[kind] }

// KindCounts summarizes objects as "Deployment 1, Service 1, …" (sorted by kind).
func KindCounts(objs []plan.Object) string {
	counts := map[string]int{}
	for _, o := range objs {
		counts[plan.Kind(o)]++
	}
	kinds := make([]string, 0, len(counts))
	for k := range counts {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	parts := make([]string, len(kinds))
	for i, k := range kinds {
		parts[i] = fmt.Sprintf("%s %d", k, counts[k])
	}
	return strings.Join(parts, ", ")
}

// WriteStack writes a stack's rendered objects to <stack dir>/rendered.yaml, each with a comment naming its
// release and template; with no releases the file is removed.
func (r *Renderer) WriteStack(s *plan.Stack) error {
	file := filepath.Join(s.Dir, "rendered.yaml")
	if len(s.Releases) == 0 {
		if err := os.Remove(file); err != nil && !os.IsNotExist(err) {
			return err
		}
		return nil
	}
	var b strings.Builder
	b.WriteString("# Objects Helm renders from this stack's releases (npm run verify: Helm's engine, vendored charts).\n")
	for _, rel := range s.Releases {
		b.WriteString(fmt.Sprintf("# release %s/%s: chart %s %s\n", rel.Namespace, rel.Name, rel.Chart, rel.Version))
	}
	first := true
	for _, rel := range s.Releases {
		objs, err := r.Release(rel)
		if err != nil {
			return err
		}
		for _, o := range objs {
			if !first {
				b.WriteString("---\n")
			}
			first = false
			src := r.Source(rel, o)
			if err := plan.WriteYAML(&b, []plan.Object{o}, func(plan.Object) string {
				return fmt.Sprintf("release %s/%s (chart %s %s): %s", rel.Namespace, rel.Name, path.Base(rel.Chart), rel.Version, src)
			}); err != nil {
				return err
			}
		}
	}
	return os.WriteFile(file, []byte(b.String()), 0o644)
}
