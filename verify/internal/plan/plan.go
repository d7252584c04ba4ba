// Package plan reads the output of `npm run plan` (one directory per stack under an out directory) into
// clusters: every stack of a cluster, the Kubernetes objects they would apply, the Helm releases they would
// install, the objects the offline world says the cluster already has, and the objects Helm renders from the
// releases.
package plan

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	yamlv3 "go.yaml.in/yaml/v3"
	"sigs.k8s.io/yaml"
)

// Object is one Kubernetes object, as YAML/JSON decoded.
type Object = map[string]any

// Release is one Helm release a stack installs (a `kubernetes:helm.sh/v3:Release` resource).
type Release struct {
	Stack, Name, Namespace, Chart, Version string
	Values                                 map[string]any
}

// Stack is one planned stack directory.
type Stack struct {
	Name    string
	Cluster string
	Outputs map[string]any
	// Objects are the stack's manifests.yaml (what it applies itself).
	Objects  []Object
	Releases []Release
	// ClusterObjects are `meshfed:offline.clusterObjects`: what the cluster already has (cluster-objects.yaml).
	ClusterObjects []Object
	// Rendered are the objects Helm renders from the stack's releases (rendered.yaml, or the Renderer's).
	Rendered []Object
	Dir      string
	// Resources are the raw records of resources.json.
	Resources []map[string]any
}

// Cluster gathers the stacks that share one cluster (`meshfed:cluster.name`).
type Cluster struct {
	Name   string
	Stacks []*Stack
	// Objects: every stack's manifests + offline clusterObjects + rendered chart objects, deduplicated by
	// (apiVersion group, kind, namespace, name); the first occurrence wins.
	Objects []Object
	// Rendered are the chart-rendered objects of all the cluster's releases.
	Rendered []Object
}

// Renderer renders one Helm release into the objects it creates.
type Renderer func(r Release) ([]Object, error)

// ReleaseType is the Pulumi type token of a Helm release.
const ReleaseType = "kubernetes:helm.sh/v3:Release"

// Load reads every stack directory under outDir (a directory holding resources.json). Chart objects come from
// each stack's rendered.yaml when present (written by `npm run verify`).
func Load(outDir string) ([]*Cluster, error) { return LoadWith(outDir, nil) }

// LoadWith is Load with the releases rendered by render (when not nil) instead of read from rendered.yaml.
func LoadWith(outDir string, render Renderer) ([]*Cluster, error) {
	entries, err := os.ReadDir(outDir)
	if err != nil {
		return nil, fmt.Errorf("reading plan directory: %w", err)
	}
	byName := map[string]*Cluster{}
	var order []string
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		dir := filepath.Join(outDir, e.Name())
		if _, err := os.Stat(filepath.Join(dir, "resources.json")); err != nil {
			continue
		}
		s, err := LoadStack(dir, render)
		if err != nil {
			return nil, err
		}
		c := byName[s.Cluster]
		if c == nil {
			c = &Cluster{Name: s.Cluster}
			byName[s.Cluster] = c
			order = append(order, s.Cluster)
		}
		c.Stacks = append(c.Stacks, s)
	}
	if len(order) == 0 {
		return nil, fmt.Errorf("%s holds no planned stack (no <stack>/resources.json); run `npm run plan -- --out %s --show-secrets` first", outDir, outDir)
	}
	sort.Strings(order)
	var out []*Cluster
	for _, name := range order {
		c := byName[name]
		c.assemble()
		out = append(out, c)
	}
	return out, nil
}

func (c *Cluster) assemble() {
	seen := map[string]bool{}
	c.Objects, c.Rendered = nil, nil
	add := func(objs []Object) {
		for _, o := range objs {
			k := Key(o)
			if seen[k] {
				continue
			}
			seen[k] = true
			c.Objects = append(c.Objects, o)
		}
	}
	for _, s := range c.Stacks {
		add(s.Objects)
	}
	for _, s := range c.Stacks {
		add(s.Rendered)
		c.Rendered = append(c.Rendered, s.Rendered...)
	}
	for _, s := range c.Stacks {
		add(s.ClusterObjects)
	}
}

// Key identifies an object in a cluster: group/kind namespace/name.
func Key(o Object) string {
	group := ""
	if av, _ := o["apiVersion"].(string); strings.Contains(av, "/") {
		group = av[:strings.Index(av, "/")]
	}
	kind, _ := o["kind"].(string)
	return group + "/" + kind + " " + Namespace(o) + "/" + Name(o)
}

// Name is metadata.name.
func Name(o Object) string {
	m, _ := o["metadata"].(map[string]any)
	n, _ := m["name"].(string)
	return n
}

// Namespace is metadata.namespace.
func Namespace(o Object) string {
	m, _ := o["metadata"].(map[string]any)
	n, _ := m["namespace"].(string)
	return n
}

// Kind is the object's kind.
func Kind(o Object) string { k, _ := o["kind"].(string); return k }

// Ref names an object like istioctl does: `Kind namespace/name`.
func Ref(o Object) string {
	if ns := Namespace(o); ns != "" {
		return Kind(o) + " " + ns + "/" + Name(o)
	}
	return Kind(o) + " " + Name(o)
}

// LoadReleases reads only a stack's resources.json and Helm releases (secrets may be hidden: release values
// hold none). For `npm run plan`'s summary.
func LoadReleases(dir string) (*Stack, error) {
	s := &Stack{Name: filepath.Base(dir), Dir: dir}
	raw, err := os.ReadFile(filepath.Join(dir, "resources.json"))
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(raw, &s.Resources); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, "resources.json"), err)
	}
	for _, r := range s.Resources {
		if r["type"] == ReleaseType {
			rel, err := releaseOf(s.Name, r)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", dir, err)
			}
			s.Releases = append(s.Releases, rel)
		}
	}
	return s, nil
}

func releaseOf(stack string, r map[string]any) (Release, error) {
	in, _ := r["inputs"].(map[string]any)
	rel := Release{Stack: stack}
	rel.Name, _ = in["name"].(string)
	rel.Namespace, _ = in["namespace"].(string)
	rel.Chart, _ = in["chart"].(string)
	rel.Version, _ = in["version"].(string)
	rel.Values, _ = in["values"].(map[string]any)
	if rel.Values == nil {
		rel.Values = map[string]any{}
	}
	if rel.Name == "" {
		rel.Name, _ = r["name"].(string)
	}
	if err := secretFree(rel.Values, "values"); err != nil {
		return rel, fmt.Errorf("Helm release %s/%s: %w", rel.Namespace, rel.Name, err)
	}
	return rel, nil
}

// LoadStack reads one stack directory.
func LoadStack(dir string, render Renderer) (*Stack, error) {
	s, err := LoadReleases(dir)
	if err != nil {
		return nil, err
	}
	if raw, err := os.ReadFile(filepath.Join(dir, "outputs.json")); err == nil {
		if err := json.Unmarshal(raw, &s.Outputs); err != nil {
			return nil, fmt.Errorf("%s: %w", filepath.Join(dir, "outputs.json"), err)
		}
	}
	for _, r := range s.Resources {
		if r["type"] == "meshfed:cluster:Cluster" {
			if out, ok := r["outputs"].(map[string]any); ok {
				if n, ok := out["clusterName"].(string); ok && n != "" {
					s.Cluster = n
				}
			}
		}
	}
	if s.Cluster == "" {
		if n, ok := s.Outputs["cluster"].(string); ok && n != "" {
			s.Cluster = n
		} else {
			s.Cluster = s.Name
		}
	}
	if s.Objects, err = readYAMLFile(filepath.Join(dir, "manifests.yaml"), true); err != nil {
		return nil, err
	}
	if s.ClusterObjects, err = readYAMLFile(filepath.Join(dir, "cluster-objects.yaml"), false); err != nil {
		return nil, err
	}
	for _, o := range append(append([]Object{}, s.Objects...), s.ClusterObjects...) {
		if err := secretFree(o, ""); err != nil {
			return nil, fmt.Errorf("%s: %s: %w", dir, Ref(o), err)
		}
	}
	if render != nil {
		for _, r := range s.Releases {
			objs, err := render(r)
			if err != nil {
				return nil, fmt.Errorf("stack %s: rendering Helm release %s/%s (chart %s %s): %w", s.Name, r.Namespace, r.Name, r.Chart, r.Version, err)
			}
			s.Rendered = append(s.Rendered, objs...)
		}
	} else if s.Rendered, err = readYAMLFile(filepath.Join(dir, "rendered.yaml"), false); err != nil {
		return nil, err
	}
	return s, nil
}

// secretFree fails when the plan was written without --show-secrets: secret values then read "[secret]".
func secretFree(v any, path string) error {
	switch t := v.(type) {
	case string:
		if t == "[secret]" {
			return fmt.Errorf("%s reads \"[secret]\": the plan was written without --show-secrets; plan with `npm run plan -- --out DIR --show-secrets` (npm run verify does)", strings.TrimPrefix(path, "."))
		}
	case map[string]any:
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if err := secretFree(t[k], path+"."+k); err != nil {
				return err
			}
		}
	case []any:
		for i, x := range t {
			if err := secretFree(x, fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
	}
	return nil
}

func readYAMLFile(path string, required bool) ([]Object, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		if !required && errors.Is(err, os.ErrNotExist) {
			return nil, nil
		}
		return nil, err
	}
	objs, err := ParseYAML(raw)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return objs, nil
}

// ParseYAML splits a multi-document YAML stream into objects (empty documents skipped). Values decode as
// JSON would (map[string]any, []any, float64/int64, string, bool).
func ParseYAML(raw []byte) ([]Object, error) {
	dec := yamlv3.NewDecoder(bytes.NewReader(raw))
	var out []Object
	for i := 0; ; i++ {
		var node yamlv3.Node
		err := dec.Decode(&node)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("document %d: %w", i+1, err)
		}
		doc, err := yamlv3.Marshal(&node)
		if err != nil {
			return nil, err
		}
		var o Object
		if err := yaml.Unmarshal(doc, &o); err != nil {
			return nil, fmt.Errorf("document %d: %w", i+1, err)
		}
		if len(o) == 0 {
			continue
		}
		out = append(out, o)
	}
	return out, nil
}

// WriteYAML writes objects as a multi-document YAML stream, each preceded by a `# comment` line if given.
func WriteYAML(w io.Writer, objs []Object, comment func(Object) string) error {
	for i, o := range objs {
		if i > 0 {
			if _, err := io.WriteString(w, "---\n"); err != nil {
				return err
			}
		}
		if comment != nil {
			if c := comment(o); c != "" {
				if _, err := io.WriteString(w, "# "+c+"\n"); err != nil {
					return err
				}
			}
		}
		b, err := yaml.Marshal(o)
		if err != nil {
			return err
		}
		if _, err := w.Write(b); err != nil {
			return err
		}
	}
	return nil
}
