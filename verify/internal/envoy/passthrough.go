package envoy

import (
	"fmt"
	"sort"
	"strings"

	tcp "github.com/envoyproxy/go-control-plane/envoy/extensions/filters/network/tcp_proxy/v3"

	"meshfed/verify/internal/plan"
)

// Replicated control planes (the multinetwork stacks): an exporter's cross-network gateway passes mutual
// TLS through by SNI (AUTO_PASSTHROUGH). Pilot builds one filter chain per service the Gateway's hosts
// cover, named outbound_.<port>_.<subset>_.<host>; a ClientHello with any other SNI matches no chain and
// the connection is closed. These checks read that listener as pilot builds it: every exported service
// (and subset) has its chain, no other Service of the cluster has one, and every SNI a consumer's
// DestinationRules send to that exporter is one of its chains.

// networkGateway is what a `<cluster>-network` stack publishes (outputs `networkGateway` and `gateway`).
type networkGateway struct {
	Cluster  string `json:"cluster"`
	Port     int    `json:"port"`
	Services []struct {
		Host    string   `json:"host"`
		Port    int      `json:"port"`
		Subsets []string `json:"subsets"`
	} `json:"services"`
}

type networkRelease struct {
	Namespace   string `json:"namespace"`
	ReleaseName string `json:"releaseName"`
}

// passthroughSNI is the SNI pilot gives a service's (subset's) passthrough chain: BuildDNSSrvSubsetKey.
func passthroughSNI(port int, subset, host string) string {
	return fmt.Sprintf("outbound_.%d_.%s_.%s", port, subset, host)
}

// primaryControlPlane is what a primary's `<cluster>-primary` stack publishes (one control plane across
// networks): its east-west gateway serves the shared services like a cross-network gateway, and passes
// istiod's ports through to istiod for the remotes' proxies.
type primaryControlPlane struct {
	Cluster          string `json:"cluster"`
	Port             int    `json:"port"`
	GatewayNamespace string `json:"gatewayNamespace"`
	IstioNamespace   string `json:"istioNamespace"`
}

// checkPassthrough runs on the exporter's cluster: returns the SNIs its gateway accepts, by exported host.
func (c *checker) checkPassthrough(pc *plan.Cluster, rendered []plan.Object) {
	for _, s := range pc.Stacks {
		var gw networkGateway
		var rel networkRelease
		var primary *primaryControlPlane
		if raw, ok := s.Outputs["networkGateway"]; ok && raw != nil {
			if err := decode(raw, &gw); err != nil {
				c.failf("stack %s: output networkGateway: %v", s.Name, err)
				continue
			}
			if err := decode(s.Outputs["gateway"], &rel); err != nil || rel.ReleaseName == "" {
				c.failf("stack %s: output gateway (namespace, releaseName) missing: %v", s.Name, err)
				continue
			}
		} else if raw, ok := s.Outputs["primaryControlPlane"]; ok && raw != nil {
			primary = &primaryControlPlane{}
			if err := decode(raw, primary); err != nil {
				c.failf("stack %s: output primaryControlPlane: %v", s.Name, err)
				continue
			}
			if err := decode(map[string]any{"port": primary.Port, "services": s.Outputs["services"]}, &gw); err != nil {
				c.failf("stack %s: output services: %v", s.Name, err)
				continue
			}
			rel = networkRelease{Namespace: primary.GatewayNamespace, ReleaseName: deploymentIn(rendered, primary.GatewayNamespace)}
		} else {
			continue
		}
		x := c.proxy(gatewaySpec("network", rel.ReleaseName, rel.Namespace, nil, rendered))
		if primary != nil {
			c.checkIstiodPassthrough(x, primary)
		}
		l := listenerOnPort(x.listeners, gw.Port)
		if !c.expect(l != nil, "%s: no listener on the cross-network port %d", x.spec, gw.Port) {
			c.done(x)
			continue
		}
		chains := map[string]bool{}
		for _, fc := range l.GetFilterChains() {
			for _, n := range fc.GetFilterChainMatch().GetServerNames() {
				chains[n] = true
			}
		}
		exported := map[string]bool{}
		for _, svc := range gw.Services {
			exported[svc.Host] = true
			for _, subset := range append([]string{""}, svc.Subsets...) {
				sni := passthroughSNI(svc.Port, subset, svc.Host)
				c.expect(chains[sni], "%s: exported %s: no passthrough filter chain for SNI %s", x.spec, svc.Host, sni)
			}
			c.passthrough[svc.Host] = chains
		}
		// Nothing else of the cluster is reachable: no chain for a Service that is not exported.
		for _, o := range pc.Objects {
			if o["kind"] != "Service" {
				continue
			}
			md, _ := o["metadata"].(map[string]any)
			name, _ := md["name"].(string)
			ns, _ := md["namespace"].(string)
			host := fmt.Sprintf("%s.%s.svc.cluster.local", name, ns)
			if exported[host] {
				continue
			}
			for n := range chains {
				c.expect(!strings.HasSuffix(n, "_."+host), "%s: Service %s/%s is not exported, yet the passthrough listener has a chain for %s", x.spec, ns, name, n)
			}
		}
		c.done(x)
	}
}

// checkPassthroughSNIs runs on every cluster once all exporters are known: each SNI its DestinationRules
// send for a host some exporter passes through must be one of that exporter's chains.
func (r *run) checkPassthroughSNIs(pc *plan.Cluster, rep *Report) {
	var snis []string
	for _, o := range pc.Objects {
		if o["kind"] != "DestinationRule" {
			continue
		}
		snis = append(snis, drSNIs(o)...)
	}
	sort.Strings(snis)
	for _, sni := range snis {
		if !strings.HasPrefix(sni, "outbound_.") {
			continue
		}
		parts := strings.SplitN(sni, "_.", 4)
		if len(parts) != 4 {
			continue
		}
		chains, ok := r.passthrough[parts[3]]
		if !ok {
			continue // not a cross-network import
		}
		rep.Checks++
		if !chains[sni] {
			rep.Failures = append(rep.Failures, fmt.Sprintf("a DestinationRule sends SNI %s, which the exporter's passthrough listener has no chain for: the connection would be closed", sni))
		}
	}
}

func drSNIs(o plan.Object) []string {
	var out []string
	add := func(tp any) {
		if s, ok := dig(tp, "tls", "sni").(string); ok && s != "" {
			out = append(out, s)
		}
		if pls, ok := dig(tp, "portLevelSettings").([]any); ok {
			for _, p := range pls {
				if s, ok := dig(p, "tls", "sni").(string); ok && s != "" {
					out = append(out, s)
				}
			}
		}
	}
	add(dig(o, "spec", "trafficPolicy"))
	if subsets, ok := dig(o, "spec", "subsets").([]any); ok {
		for _, s := range subsets {
			add(dig(s, "trafficPolicy"))
		}
	}
	return out
}

// checkIstiodPassthrough: a primary's east-west gateway passes istiod's ports through (TLS, not
// terminated) to istiod, so the remotes' proxies (15012, XDS and certificates) and API server (15017,
// injection and validation webhooks) reach the one control plane.
func (c *checker) checkIstiodPassthrough(x *xdsConfig, p *primaryControlPlane) {
	istiod := fmt.Sprintf("istiod.%s.svc.cluster.local", p.IstioNamespace)
	for port, target := range map[int]int{15012: 15012, 15017: 443} {
		l := listenerOnPort(x.listeners, port)
		if !c.expect(l != nil, "%s: no listener on istiod's port %d", x.spec, port) {
			continue
		}
		want := clusterName(target, "", istiod)
		var got []string
		for _, fc := range l.GetFilterChains() {
			c.expect(downstreamTLS(fc) == nil, "%s: port %d terminates TLS; istiod's connections must pass through", x.spec, port)
			for _, f := range fc.GetFilters() {
				t := &tcp.TcpProxy{}
				if tc := f.GetTypedConfig(); tc != nil && tc.MessageIs(t) && tc.UnmarshalTo(t) == nil {
					got = append(got, t.GetCluster())
					for _, w := range t.GetWeightedClusters().GetClusters() {
						got = append(got, w.GetName())
					}
				}
			}
		}
		c.expect(len(got) > 0 && allEqual(got, want), "%s: port %d passes through to %v, want %s", x.spec, port, got, want)
		c.expect(x.clusters[want] != nil, "%s: no cluster %s for port %d", x.spec, want, port)
	}
}

func allEqual(xs []string, want string) bool {
	for _, x := range xs {
		if x != want {
			return false
		}
	}
	return true
}

// deploymentIn: the name of the (gateway) Deployment the charts render in a namespace.
func deploymentIn(objs []plan.Object, ns string) string {
	for _, o := range objs {
		md, _ := o["metadata"].(map[string]any)
		if o["kind"] == "Deployment" && md["namespace"] == ns {
			name, _ := md["name"].(string)
			return name
		}
	}
	return ""
}
