// Package analyze runs all of Istio's configuration analyzers (the code behind `istioctl analyze`) over a
// cluster's whole planned object set.
//
// What is fed to the analyzers, and why:
//   - every object of every stack of the cluster, the objects Helm renders from its releases, and
//     `meshfed:offline.clusterObjects` (plan.Cluster.Objects);
//   - Secrets as the API server stores them: `stringData` moved into base64 `data`;
//   - the control plane, when the plan has none: `helm install istiod istio/istiod -n istio-system` with the
//     chart's default values, rendered from the vendored chart (the `istio` mesh ConfigMap, the sidecar
//     injector ConfigMap and webhook, istiod's Deployment and Service…), plus the istio-system Namespace. The
//     mesh config the analyzers use is that ConfigMap's `mesh`, as istioctl reads it from a live cluster;
//   - one Pod per Deployment / StatefulSet / DaemonSet, as their controllers would create it, with the
//     istio-proxy container Istio's injector would add (image from the injector's values) when the pod is
//     injected (namespace `istio-injection=enabled` or `istio.io/rev`, or pod label
//     `sidecar.istio.io/inject=true`; not when it says `false`). Analyzers match Gateway, DestinationRule,
//     Sidecar and Telemetry selectors against Pods, so without them every selector would be "not found".
//
// Runtime kinds (Service, Secret, Namespace, Pod) are read like a live cluster's (istioctl without
// `--use-kube=false` drops them from files, and then skips the analyzers that need them; here we know the
// cluster's objects, so they are all analyzed). istioctl's files-only stand-in ingress gateway
// (AddDefaultResources: an `istio: ingressgateway` Service and Pod in istio-system) is not added: meshfed
// installs no default ingress gateway, and a Gateway selecting one must be reported.
package analyze

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"istio.io/istio/pkg/config/analysis/analyzers"
	"istio.io/istio/pkg/config/analysis/diag"
	"istio.io/istio/pkg/config/analysis/local"
	"istio.io/istio/pkg/config/resource"
	istiolog "istio.io/istio/pkg/log"
	"sigs.k8s.io/yaml"

	"meshfed/verify/internal/plan"
	"meshfed/verify/internal/render"
)

// IstioNamespace is where the control plane lives (Istio's default).
const IstioNamespace = "istio-system"

// Options configure an analysis.
type Options struct {
	// Renderer renders the istiod chart when the cluster has no control plane.
	Renderer *render.Renderer
	// IstioVersion picks the vendored istiod chart (default: the version of the cluster's first release,
	// else DefaultIstioVersion).
	IstioVersion string
}

// DefaultIstioVersion is the Istio line meshfed targets.
const DefaultIstioVersion = "1.30.3"

// Finding is one analyzer message.
type Finding struct {
	Level, Code, Resource, Text string
	// Origin says where the object comes from (`<stack>/manifests.yaml`, `<stack>/rendered.yaml`,
	// `<stack>/cluster-objects.yaml`, or `assumed: …`).
	Origin string
}

// String prints a finding as istioctl does: `Error [IST0101] (VirtualService ns/name) …`.
func (f Finding) String() string {
	s := fmt.Sprintf("%s [%s] (%s) %s", f.Level, f.Code, f.Resource, f.Text)
	if f.Origin != "" {
		s += "  [from " + f.Origin + "]"
	}
	return s
}

// Result is the analysis of one cluster.
type Result struct {
	Cluster string
	// Objects is how many objects were analyzed (Assumed included).
	Objects int
	// Assumed lists, by origin, the objects added that the plan does not hold (control plane, Pods).
	Assumed map[string]int
	// Analyzers run, and those Istio skipped for lack of an input kind.
	Analyzers, Skipped []string
	// Findings are the messages of level Warning or Error: each one fails verify.
	Findings []Finding
	// Notes are the Info messages, printed but not failing (istioctl's default failure threshold is
	// Error; ours is Warning).
	Notes []Finding
}

func init() { QuietIstioLogs(false) }

// QuietIstioLogs sets every Istio log scope registered so far to warnings and above (verbose) or to none:
// Istio's packages log their own internals (the fake discovery server's CRD and SDS chatter); what verify
// finds is printed as findings, not logs. Call it again once every package is initialized (from main).
func QuietIstioLogs(verbose bool) {
	level := istiolog.NoneLevel
	if verbose {
		level = istiolog.WarnLevel
	}
	for _, s := range istiolog.Scopes() {
		s.SetOutputLevel(level)
	}
}

// Cluster analyzes one planned cluster.
func Cluster(c *plan.Cluster, opts Options) (*Result, error) {
	origins := map[string]string{}
	var objs []plan.Object
	add := func(list []plan.Object, origin string) {
		for _, o := range list {
			k := plan.Key(o)
			if _, dup := origins[k]; dup {
				continue
			}
			origins[k] = origin
			objs = append(objs, o)
		}
	}
	for _, s := range c.Stacks {
		add(s.Objects, s.Name+"/manifests.yaml")
	}
	for _, s := range c.Stacks {
		add(s.Rendered, s.Name+"/rendered.yaml")
	}
	for _, s := range c.Stacks {
		add(s.ClusterObjects, s.Name+"/cluster-objects.yaml")
	}
	if opts.IstioVersion == "" {
		for _, s := range c.Stacks {
			for _, r := range s.Releases {
				if opts.IstioVersion == "" && r.Version != "" {
					opts.IstioVersion = r.Version
				}
			}
		}
	}
	return Objects(c.Name, objs, origins, opts)
}

// Objects analyzes an object set (origins, by plan.Key, may be nil).
func Objects(cluster string, in []plan.Object, origins map[string]string, opts Options) (*Result, error) {
	if origins == nil {
		origins = map[string]string{}
	}
	if opts.IstioVersion == "" {
		opts.IstioVersion = DefaultIstioVersion
	}
	res := &Result{Cluster: cluster, Assumed: map[string]int{}}
	objs := make([]plan.Object, 0, len(in))
	for _, o := range in {
		objs = append(objs, asStored(o))
	}

	// The control plane, when the plan has none.
	var meshConfig string
	if !hasIstiod(objs) {
		if opts.Renderer == nil {
			return nil, fmt.Errorf("cluster %s has no istiod and no renderer to stand one in", cluster)
		}
		cp, err := opts.Renderer.Release(plan.Release{Name: "istiod", Namespace: IstioNamespace, Chart: "istiod", Version: opts.IstioVersion, Values: map[string]any{}})
		if err != nil {
			return nil, fmt.Errorf("rendering the stand-in control plane (istiod chart %s): %w", opts.IstioVersion, err)
		}
		origin := fmt.Sprintf("assumed: istiod chart %s, default values, in %s (the plan installs no control plane)", opts.IstioVersion, IstioNamespace)
		if !hasObject(objs, "Namespace", "", IstioNamespace) {
			cp = append([]plan.Object{{"apiVersion": "v1", "kind": "Namespace", "metadata": map[string]any{"name": IstioNamespace}}}, cp...)
		}
		for _, o := range cp {
			k := plan.Key(o)
			if _, dup := origins[k]; !dup {
				origins[k] = origin
			}
			objs = append(objs, o)
			res.Assumed[origin]++
		}
	}
	for _, o := range objs {
		if plan.Kind(o) == "ConfigMap" && plan.Name(o) == "istio" && plan.Namespace(o) == IstioNamespace {
			if d, ok := o["data"].(map[string]any); ok {
				meshConfig, _ = d["mesh"].(string)
			}
		}
	}

	// Pods, as the workload controllers and the sidecar injector would create them.
	pods := podsOf(objs)
	for _, p := range pods {
		origin := "assumed: Pod of " + p.owner
		origins[plan.Key(p.pod)] = origin
		objs = append(objs, p.pod)
		res.Assumed["assumed: one Pod per workload (Deployment/StatefulSet/DaemonSet), injected as Istio would"]++
	}
	res.Objects = len(objs)

	var stream bytes.Buffer
	for _, o := range objs {
		b, err := yaml.Marshal(o)
		if err != nil {
			return nil, err
		}
		stream.WriteString("---\n")
		stream.Write(b)
	}

	sa := local.NewIstiodAnalyzer(analyzers.AllCombined(), "", resource.Namespace(IstioNamespace), nil)
	if meshConfig != "" {
		dir, err := os.MkdirTemp("", "meshfed-verify-mesh")
		if err != nil {
			return nil, err
		}
		defer os.RemoveAll(dir)
		f := filepath.Join(dir, "mesh.yaml")
		if err := os.WriteFile(f, []byte(meshConfig), 0o600); err != nil {
			return nil, err
		}
		if err := sa.AddFileKubeMeshConfig(f); err != nil {
			return nil, fmt.Errorf("mesh config of ConfigMap %s/istio: %w", IstioNamespace, err)
		}
	}
	// Runtime kinds included: the analyzers see Services, Secrets, Namespaces and Pods as in a live cluster.
	if err := sa.AddTestReaderKubeSource([]local.ReaderSource{{Name: cluster, Reader: &stream}}); err != nil {
		return nil, fmt.Errorf("Istio could not read the cluster's objects: %w", err)
	}
	cancel := make(chan struct{})
	defer close(cancel)
	result, err := sa.Analyze(cancel)
	if err != nil {
		return nil, err
	}
	skipped := map[string]bool{}
	for _, s := range result.SkippedAnalyzers {
		skipped[s] = true
	}
	res.Skipped = append(res.Skipped, result.SkippedAnalyzers...)
	for _, a := range result.ExecutedAnalyzers {
		if !skipped[a] {
			res.Analyzers = append(res.Analyzers, a)
		}
	}
	sort.Strings(res.Analyzers)
	for _, m := range result.Messages {
		f := finding(m, origins)
		if m.Type.Level() == diag.Info {
			res.Notes = append(res.Notes, f)
		} else if why := selectsServiceEntryEndpoint(m, objs); why != "" {
			f.Text += " — not failing: " + why
			res.Notes = append(res.Notes, f)
		} else {
			res.Findings = append(res.Findings, f)
		}
	}
	return res, nil
}

// selectsServiceEntryEndpoint answers IST0173 (a subset selects no Pod) when the subset does select
// endpoints: destinationrule.SubsetSelectPodAnalyzer only looks at Pods, but Istio also builds a subset from
// a ServiceEntry's endpoints whose labels match (e.g. a remote network's gateway standing for the remote
// pods). It returns why the message does not fail, or "" when it must.
func selectsServiceEntryEndpoint(m diag.Message, objs []plan.Object) string {
	if m.Type.Code() != "IST0173" || m.Resource == nil || len(m.Parameters) == 0 {
		return ""
	}
	subset, _ := m.Parameters[0].(string)
	ns := m.Resource.Metadata.FullName.Namespace.String()
	name := m.Resource.Metadata.FullName.Name.String()
	var host string
	var want map[string]any
	for _, o := range objs {
		if plan.Kind(o) != "DestinationRule" || plan.Namespace(o) != ns || plan.Name(o) != name {
			continue
		}
		spec, _ := o["spec"].(map[string]any)
		host, _ = spec["host"].(string)
		subsets, _ := spec["subsets"].([]any)
		for _, ss := range subsets {
			sm, _ := ss.(map[string]any)
			if sm["name"] == subset {
				want, _ = sm["labels"].(map[string]any)
			}
		}
	}
	if host == "" || len(want) == 0 {
		return ""
	}
	for _, o := range objs {
		if plan.Kind(o) != "ServiceEntry" {
			continue
		}
		spec, _ := o["spec"].(map[string]any)
		hosts, _ := spec["hosts"].([]any)
		if !containsString(hosts, host) || !visibleFrom(spec, plan.Namespace(o), ns) {
			continue
		}
		eps, _ := spec["endpoints"].([]any)
		for _, e := range eps {
			em, _ := e.(map[string]any)
			labels, _ := em["labels"].(map[string]any)
			if matchesAll(labels, want) {
				return fmt.Sprintf("subset %s selects endpoint %v of ServiceEntry %s/%s (Istio's analyzer counts Pods only)", subset, em["address"], plan.Namespace(o), plan.Name(o))
			}
		}
	}
	return ""
}

func containsString(list []any, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// visibleFrom: a ServiceEntry in seNs with the given spec.exportTo is visible from namespace ns.
func visibleFrom(spec map[string]any, seNs, ns string) bool {
	exportTo, ok := spec["exportTo"].([]any)
	if !ok || len(exportTo) == 0 {
		return true
	}
	for _, e := range exportTo {
		if e == "*" || e == ns || (e == "." && seNs == ns) {
			return true
		}
	}
	return false
}

func matchesAll(have, want map[string]any) bool {
	for k, v := range want {
		if have[k] != v {
			return false
		}
	}
	return true
}

func finding(m diag.Message, origins map[string]string) Finding {
	f := Finding{Level: m.Type.Level().String(), Code: m.Type.Code(), Text: fmt.Sprintf(m.Type.Template(), m.Parameters...)}
	if m.Resource != nil {
		f.Resource = m.Resource.Origin.FriendlyName()
		ns := m.Resource.Metadata.FullName.Namespace.String()
		name := m.Resource.Metadata.FullName.Name.String()
		kind := m.Resource.Metadata.Schema.Kind()
		group := m.Resource.Metadata.Schema.Group()
		f.Origin = origins[group+"/"+kind+" "+ns+"/"+name]
	}
	return f
}

// asStored returns the object as the API server would store it: a Secret's stringData merged into data.
func asStored(o plan.Object) plan.Object {
	if plan.Kind(o) != "Secret" {
		return o
	}
	sd, ok := o["stringData"].(map[string]any)
	if !ok {
		return o
	}
	c := plan.Object{}
	for k, v := range o {
		c[k] = v
	}
	data := map[string]any{}
	if d, ok := o["data"].(map[string]any); ok {
		for k, v := range d {
			data[k] = v
		}
	}
	for k, v := range sd {
		s, _ := v.(string)
		data[k] = base64.StdEncoding.EncodeToString([]byte(s))
	}
	delete(c, "stringData")
	c["data"] = data
	return c
}

func hasObject(objs []plan.Object, kind, ns, name string) bool {
	for _, o := range objs {
		if plan.Kind(o) == kind && plan.Namespace(o) == ns && plan.Name(o) == name {
			return true
		}
	}
	return false
}

// hasIstiod: a Deployment labelled app=istiod (what the istiod chart creates, any revision).
func hasIstiod(objs []plan.Object) bool {
	for _, o := range objs {
		if plan.Kind(o) != "Deployment" {
			continue
		}
		md, _ := o["metadata"].(map[string]any)
		labels, _ := md["labels"].(map[string]any)
		if labels["app"] == "istiod" {
			return true
		}
	}
	return false
}

type pod struct {
	pod   plan.Object
	owner string
}

// podsOf makes one Pod per workload, from its template, and injects it as Istio's webhook would.
func podsOf(objs []plan.Object) []pod {
	nsLabels := map[string]map[string]any{}
	for _, o := range objs {
		if plan.Kind(o) == "Namespace" {
			md, _ := o["metadata"].(map[string]any)
			l, _ := md["labels"].(map[string]any)
			nsLabels[plan.Name(o)] = l
		}
	}
	proxyImage := injectorProxyImage(objs)
	var out []pod
	for _, o := range objs {
		switch plan.Kind(o) {
		case "Deployment", "StatefulSet", "DaemonSet":
		default:
			continue
		}
		spec, _ := o["spec"].(map[string]any)
		tmpl, _ := spec["template"].(map[string]any)
		if tmpl == nil {
			continue
		}
		tmpl = deepCopy(tmpl)
		md, _ := tmpl["metadata"].(map[string]any)
		if md == nil {
			md = map[string]any{}
		}
		md["name"] = plan.Name(o) + "-0"
		md["namespace"] = plan.Namespace(o)
		podSpec, _ := tmpl["spec"].(map[string]any)
		if podSpec == nil {
			podSpec = map[string]any{}
		}
		if injected(nsLabels[plan.Namespace(o)], md) && proxyImage != "" {
			inject(podSpec, proxyImage)
		}
		out = append(out, pod{
			pod:   plan.Object{"apiVersion": "v1", "kind": "Pod", "metadata": md, "spec": podSpec},
			owner: plan.Ref(o),
		})
	}
	return out
}

// injected follows the injector's namespace/pod selection: pod label sidecar.istio.io/inject decides, else
// the namespace's istio-injection / istio.io/rev labels.
func injected(ns map[string]any, podMeta map[string]any) bool {
	labels, _ := podMeta["labels"].(map[string]any)
	annotations, _ := podMeta["annotations"].(map[string]any)
	if v, ok := labels["sidecar.istio.io/inject"].(string); ok {
		return strings.EqualFold(v, "true")
	}
	if v, ok := annotations["sidecar.istio.io/inject"].(string); ok && strings.EqualFold(v, "false") {
		return false
	}
	if v, ok := ns["istio-injection"].(string); ok {
		return v == "enabled"
	}
	_, rev := ns["istio.io/rev"]
	return rev
}

// inject sets the istio-proxy container's image (the gateway chart's placeholder `auto`), or adds the
// container, as the webhook does.
func inject(spec map[string]any, image string) {
	containers, _ := spec["containers"].([]any)
	for _, c := range containers {
		cm, _ := c.(map[string]any)
		if cm["name"] == "istio-proxy" {
			if img, _ := cm["image"].(string); img == "" || img == "auto" {
				cm["image"] = image
			}
			return
		}
	}
	spec["containers"] = append(containers, map[string]any{"name": "istio-proxy", "image": image})
}

// injectorProxyImage reads hub/proxyv2:tag from the injector ConfigMap's values, as the injector renders it.
func injectorProxyImage(objs []plan.Object) string {
	for _, o := range objs {
		if plan.Kind(o) != "ConfigMap" || !strings.HasPrefix(plan.Name(o), "istio-sidecar-injector") {
			continue
		}
		d, _ := o["data"].(map[string]any)
		raw, _ := d["values"].(string)
		var v struct {
			Global struct {
				Hub   string `json:"hub"`
				Tag   any    `json:"tag"`
				Proxy struct {
					Image string `json:"image"`
				} `json:"proxy"`
			} `json:"global"`
		}
		if err := json.Unmarshal([]byte(raw), &v); err != nil {
			continue
		}
		img := v.Global.Proxy.Image
		if img == "" {
			img = "proxyv2"
		}
		if strings.Contains(img, "/") {
			return img
		}
		return fmt.Sprintf("%s/%s:%v", v.Global.Hub, img, v.Global.Tag)
	}
	return ""
}

func deepCopy(m map[string]any) map[string]any {
	b, _ := json.Marshal(m)
	var out map[string]any
	_ = json.Unmarshal(b, &out)
	return out
}
