package envoy

import (
	"fmt"
	"sort"
	"time"

	cluster "github.com/envoyproxy/go-control-plane/envoy/config/cluster/v3"
	endpoint "github.com/envoyproxy/go-control-plane/envoy/config/endpoint/v3"
	listener "github.com/envoyproxy/go-control-plane/envoy/config/listener/v3"
	route "github.com/envoyproxy/go-control-plane/envoy/config/route/v3"
	tlsv3 "github.com/envoyproxy/go-control-plane/envoy/extensions/transport_sockets/tls/v3"
	"k8s.io/client-go/kubernetes/fake"

	"istio.io/istio/pilot/pkg/model"
	v3 "istio.io/istio/pilot/pkg/xds/v3"
	"istio.io/istio/pilot/test/xds"
	"istio.io/istio/pkg/config/constants"
	kubelib "istio.io/istio/pkg/kube"
	"istio.io/istio/pkg/spiffe"
	"istio.io/istio/pkg/test"
	"istio.io/istio/pkg/util/sets"
)

// pilot is one cluster's istiod, in-process: Istio's fake discovery server (the one pilot's own tests use),
// fed with the cluster's planned objects.
type pilot struct {
	s    *xds.FakeDiscoveryServer
	objs *converted
}

func newPilot(t test.Failer, objs *converted) *pilot {
	s := xds.NewFakeDiscoveryServer(t, xds.FakeOptions{
		Configs:           objs.configs,
		KubernetesObjects: objs.kube,
		KubeClientModifier: func(c kubelib.Client) {
			cs := c.Kube().(*fake.Clientset)
			cs.Fake.PrependReactor("create", "subjectaccessreviews", objs.rbac.sarReactor)
		},
	})
	return &pilot{s: s, objs: objs}
}

// ProxySpec says which workload a proxy stands for.
type ProxySpec struct {
	Role           string // "ingress", "egress", "sidecar"
	Name           string
	Namespace      string
	Labels         map[string]string
	ServiceAccount string
	DNSCapture     bool // the pod's agent answers DNS itself (ISTIO_META_DNS_CAPTURE)
}

func (p ProxySpec) String() string {
	return fmt.Sprintf("%s %s/%s", p.Role, p.Namespace, p.Name)
}

// xdsConfig is everything istiod would send one proxy.
type xdsConfig struct {
	spec      ProxySpec
	proxy     *model.Proxy
	listeners []*listener.Listener
	clusters  map[string]*cluster.Cluster
	routes    map[string]*route.RouteConfiguration
	eds       map[string]*endpoint.ClusterLoadAssignment
	secrets   map[string]*tlsv3.Secret // SDS answers fetched so far
	fetched   int
}

func (p *pilot) generate(spec ProxySpec, ip string) *xdsConfig {
	typ := model.SidecarProxy
	if spec.Role != "sidecar" {
		typ = model.Router
	}
	proxy := p.s.SetupProxy(&model.Proxy{
		Type:            typ,
		ID:              spec.Name + "." + spec.Namespace,
		ConfigNamespace: spec.Namespace,
		Labels:          spec.Labels,
		IPAddresses:     []string{ip},
		Metadata: &model.NodeMetadata{
			Namespace:      spec.Namespace,
			Labels:         spec.Labels,
			ClusterID:      constants.DefaultClusterName,
			ServiceAccount: spec.ServiceAccount,
			DNSCapture:     model.StringBool(spec.DNSCapture),
		},
		VerifiedIdentity: &spiffe.Identity{TrustDomain: "cluster.local", Namespace: spec.Namespace, ServiceAccount: spec.ServiceAccount},
	})
	x := &xdsConfig{spec: spec, proxy: proxy, clusters: map[string]*cluster.Cluster{}, routes: map[string]*route.RouteConfiguration{},
		eds: map[string]*endpoint.ClusterLoadAssignment{}, secrets: map[string]*tlsv3.Secret{}}
	x.listeners = p.s.Listeners(proxy)
	for _, c := range p.s.Clusters(proxy) {
		x.clusters[c.Name] = c
	}
	for _, r := range p.s.Routes(proxy) {
		x.routes[r.Name] = r
	}
	for _, cla := range p.s.Endpoints(proxy) {
		x.eds[cla.ClusterName] = cla
	}
	return x
}

// sds asks istiod's SDS generator for the named secrets, as this proxy (its namespace and service
// account), exactly as the proxy's Envoy would through ADS. Returns what istiod answers.
func (p *pilot) sds(x *xdsConfig, names ...string) map[string]*tlsv3.Secret {
	out := map[string]*tlsv3.Secret{}
	var missing []string
	for _, n := range names {
		if s, ok := x.secrets[n]; ok {
			out[n] = s
		} else {
			missing = append(missing, n)
		}
	}
	if len(missing) == 0 {
		return out
	}
	sort.Strings(missing)
	gen := p.s.Discovery.Generators[v3.SecretType]
	res, _, err := gen.Generate(x.proxy, &model.WatchedResource{ResourceNames: sets.New(missing...)},
		&model.PushRequest{Full: true, Forced: true, Start: time.Now()})
	if err != nil {
		return out
	}
	for _, r := range res {
		s := &tlsv3.Secret{}
		if err := r.Resource.UnmarshalTo(s); err != nil {
			continue
		}
		x.secrets[r.Name] = s
		out[r.Name] = s
		x.fetched++
	}
	return out
}

func (x *xdsConfig) resources() int {
	return len(x.listeners) + len(x.clusters) + len(x.routes) + x.fetched
}
