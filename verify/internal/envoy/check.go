package envoy

import (
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"sort"
	"strings"

	cluster "github.com/envoyproxy/go-control-plane/envoy/config/cluster/v3"
	core "github.com/envoyproxy/go-control-plane/envoy/config/core/v3"
	listener "github.com/envoyproxy/go-control-plane/envoy/config/listener/v3"
	route "github.com/envoyproxy/go-control-plane/envoy/config/route/v3"
	rbachttp "github.com/envoyproxy/go-control-plane/envoy/extensions/filters/http/rbac/v3"
	tlsv3 "github.com/envoyproxy/go-control-plane/envoy/extensions/transport_sockets/tls/v3"

	"istio.io/istio/pilot/pkg/serviceregistry/provider"
	"istio.io/istio/pkg/config/host"
	dnsServer "istio.io/istio/pkg/dns/server"
	"istio.io/istio/pkg/test"

	"meshfed/verify/internal/plan"
)

// ProxyReport is what was checked on one proxy.
type ProxyReport struct {
	Proxy     string
	Resources int // listeners + clusters + route configurations + SDS secrets examined
}

// Report is the Envoy-level verdict for one cluster.
type Report struct {
	Cluster   string
	Proxies   []ProxyReport
	Resources int // Envoy resources checked
	Checks    int // assertions made
	Failures  []string
}

// ClientTLS is what the consumer's egress proxy (or calling sidecar) would present and verify when it opens
// the federation connection of one import, as istiod configured it and SDS delivered it.
type ClientTLS struct {
	Consumer, Exporter string
	Import             string // the import's description
	Proxy              string
	SNI                string
	SANs               []string // exact SAN matchers on the server certificate
	CertPEM, KeyPEM    []byte
	CAPEM              []byte
	Authority, Path    string // a request as it leaves the proxy (authority and rewritten path)
}

// ServerChain is one filter chain of an exporter's ingress gateway listener, with its SDS-delivered
// material and its HTTP RBAC.
type ServerChain struct {
	Exporter          string
	Port              int
	ServerNames       []string
	RequireClientCert bool
	SANs              []string
	CertPEM, KeyPEM   []byte
	CAPEM             []byte
	RBAC              []*rbachttp.RBAC
	Routes            *route.RouteConfiguration
}

// Allows evaluates the chain's routing and RBAC for a request by a client whose certificate's URI SAN is
// principal: it must hit a route and pass the RBAC filters.
func (s ServerChain) Allows(principal, authority, path string) (bool, string) {
	r := request{authority: authority, path: path, principal: principal}
	var unknown []string
	if !rbacAllows(s.RBAC, r, &unknown) {
		return false, "denied by RBAC"
	}
	vh := virtualHostFor(s.Routes, authority)
	if vh == nil {
		return false, "no virtual host for " + authority
	}
	rt, _ := routeFor(vh, r)
	if rt == nil || rt.GetRoute() == nil {
		return false, "no route for " + path
	}
	return true, ""
}

// Result is the Envoy-level check of every cluster, plus the TLS material of both ends of every
// federation connection, for the handshake check.
type Result struct {
	Reports []Report
	Clients []ClientTLS
	Servers []ServerChain
}

// Check computes, with Istio's pilot, the Envoy config of each federation proxy of each cluster and asserts
// the federation path on it.
func Check(clusters []*plan.Cluster) ([]Report, error) {
	r, err := Run(clusters)
	if err != nil {
		return nil, err
	}
	return r.Reports, nil
}

type run struct {
	intents map[string]*Intent // by cluster name
	hosts   map[string]string  // cluster name -> federation host
	res     *Result
	// passthrough: the SNIs each exported host's cross-network gateway accepts (replicated control planes).
	passthrough map[string]map[string]bool
}

// Run is Check, also returning the TLS material of each federation connection.
func Run(clusters []*plan.Cluster) (*Result, error) {
	r := &run{intents: map[string]*Intent{}, hosts: map[string]string{}, res: &Result{}, passthrough: map[string]map[string]bool{}}
	for _, c := range clusters {
		in, err := ReadIntent(c)
		if err != nil {
			return nil, fmt.Errorf("cluster %s: %v", c.Name, err)
		}
		r.intents[c.Name] = in
		if in.Contract != nil {
			r.hosts[c.Name] = in.Contract.Host
		}
	}
	for _, c := range clusters {
		rep := Report{Cluster: c.Name}
		var inner error
		err := test.Wrap(func(t test.Failer) {
			inner = r.checkCluster(t, c, &rep)
		})
		if err != nil {
			rep.Failures = append(rep.Failures, fmt.Sprintf("pilot could not run: %v", err))
		}
		if inner != nil {
			return nil, inner
		}
		r.res.Reports = append(r.res.Reports, rep)
	}
	// Consumers' SNIs are checked against every exporter's passthrough chains, known only now.
	for i, c := range clusters {
		r.checkPassthroughSNIs(c, &r.res.Reports[i])
		sort.Strings(r.res.Reports[i].Failures)
	}
	return r.res, nil
}

type checker struct {
	*run
	rep *Report
	in  *Intent
	p   *pilot
	ips int
}

func (c *checker) failf(format string, args ...any) {
	c.rep.Failures = append(c.rep.Failures, fmt.Sprintf(format, args...))
}

// expect records one assertion.
func (c *checker) expect(ok bool, format string, args ...any) bool {
	c.rep.Checks++
	if !ok {
		c.failf(format, args...)
	}
	return ok
}

func (c *checker) proxy(spec ProxySpec) *xdsConfig {
	c.ips++
	x := c.p.generate(spec, fmt.Sprintf("10.0.0.%d", c.ips))
	return x
}

func (c *checker) done(x *xdsConfig) {
	c.rep.Proxies = append(c.rep.Proxies, ProxyReport{Proxy: x.spec.String(), Resources: x.resources()})
	c.rep.Resources += x.resources()
}

func (r *run) checkCluster(t test.Failer, pc *plan.Cluster, rep *Report) error {
	in := r.intents[pc.Name]
	objs := convert(append(append([]plan.Object{}, pc.Objects...), pc.Rendered...))
	for _, p := range objs.problems {
		rep.Failures = append(rep.Failures, p)
	}
	c := &checker{run: r, rep: rep, in: in, p: newPilot(t, objs)}
	rendered := append(append([]plan.Object{}, pc.Objects...), pc.Rendered...)

	if g := in.Gateways.Ingress; g != nil {
		spec := gatewaySpec("ingress", g.ReleaseName, g.Namespace, g.Selector, rendered)
		x := c.proxy(spec)
		for _, e := range in.Exports {
			c.checkExport(x, g, e)
		}
		c.checkIngressAbsent(x, g)
		c.done(x)
	} else if len(in.Exports) > 0 {
		c.failf("cluster exports %d service(s) but its identity stack publishes no ingress gateway", len(in.Exports))
	}
	if g := in.Gateways.Egress; g != nil {
		spec := gatewaySpec("egress", g.ReleaseName, g.Namespace, g.Selector, rendered)
		x := c.proxy(spec)
		for _, im := range in.Imports {
			if im.Via != "sidecar" {
				c.checkEgressImport(x, g, im)
			}
		}
		c.checkEgressAbsent(x, g)
		c.done(x)
	} else {
		for _, im := range in.Imports {
			if im.Via != "sidecar" {
				c.failf("%s: through the egress gateway, but the identity stack publishes no egress gateway", im.ID())
			}
		}
	}
	// One calling sidecar per (namespace, caller labels) of the imports.
	type callerKey struct{ ns, labels string }
	callers := map[callerKey][]Import{}
	var keys []callerKey
	for _, im := range in.Imports {
		lbl := map[string]string{"app": "meshfed-verify-caller"}
		if im.Via == "sidecar" && im.Callers != nil {
			lbl = im.Callers.Labels
		}
		k := callerKey{im.As.Namespace, fmt.Sprint(lbl)}
		if _, ok := callers[k]; !ok {
			keys = append(keys, k)
		}
		callers[k] = append(callers[k], im)
	}
	for _, k := range keys {
		ims := callers[k]
		spec := ProxySpec{Role: "sidecar", Name: "caller", Namespace: k.ns, Labels: map[string]string{"app": "meshfed-verify-caller"}, ServiceAccount: "default", DNSCapture: ims[0].DNSProxy}
		if ims[0].Via == "sidecar" && ims[0].Callers != nil {
			spec.Labels = ims[0].Callers.Labels
			if len(ims[0].Callers.ServiceAccounts) > 0 {
				spec.ServiceAccount = ims[0].Callers.ServiceAccounts[0]
			}
		}
		x := c.proxy(spec)
		for _, im := range ims {
			c.checkResolves(x, im)
			c.checkCaller(x, im)
		}
		c.done(x)
	}
	c.checkBystanders()
	c.checkPassthrough(pc, rendered)
	return nil
}

// gatewaySpec describes a gateway pod: its labels and service account from the rendered Deployment when the
// chart was rendered, else the published selector and the release name (the chart's defaults).
func gatewaySpec(role, release, ns string, selector map[string]string, objs []plan.Object) ProxySpec {
	spec := ProxySpec{Role: role, Name: release, Namespace: ns, Labels: map[string]string{}, ServiceAccount: release}
	for k, v := range selector {
		spec.Labels[k] = v
	}
	for _, o := range objs {
		if o["kind"] != "Deployment" {
			continue
		}
		md, _ := o["metadata"].(map[string]any)
		if md["namespace"] != ns || md["name"] != release {
			continue
		}
		tpl, _ := dig(o, "spec", "template").(map[string]any)
		if l, ok := dig(tpl, "metadata", "labels").(map[string]any); ok {
			for k, v := range l {
				if s, ok := v.(string); ok {
					spec.Labels[k] = s
				}
			}
		}
		if sa, ok := dig(tpl, "spec", "serviceAccountName").(string); ok && sa != "" {
			spec.ServiceAccount = sa
		}
	}
	return spec
}

func dig(v any, path ...string) any {
	for _, p := range path {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[p]
	}
	return v
}

func sds(name string) string { return "kubernetes://" + name }

// checkUpstreamTLS asserts a cluster's upstream TLS context and fetches its SDS secrets as the proxy.
func (c *checker) checkUpstreamTLS(x *xdsConfig, cl *cluster.Cluster, what, sni, cred, bundle, san string) (*tlsv3.Secret, *tlsv3.Secret) {
	u := upstreamTLS(cl)
	if !c.expect(u != nil, "%s: %s: cluster %s has no upstream TLS context: Envoy would send plaintext", x.spec, what, cl.Name) {
		return nil, nil
	}
	c.expect(u.GetSni() == sni, "%s: %s: cluster %s sends SNI %q, want %q", x.spec, what, cl.Name, u.GetSni(), sni)
	n := commonNames(u.GetCommonTlsContext())
	c.expect(len(n.certs) == 1 && n.certs[0] == sds(cred), "%s: %s: cluster %s client certificate SDS %v, want [%s]", x.spec, what, cl.Name, n.certs, sds(cred))
	c.expect(n.validation == sds(bundle), "%s: %s: cluster %s validation context SDS %q, want %q", x.spec, what, cl.Name, n.validation, sds(bundle))
	sans := exactStrings(n.sans)
	c.expect(len(sans) == 1 && sans[0] == san, "%s: %s: cluster %s accepts server SANs %v, want exactly [%s]", x.spec, what, cl.Name, sans, san)
	got := c.p.sds(x, n.certs...)
	var cert, ca *tlsv3.Secret
	for _, name := range n.certs {
		s := got[name]
		if c.expect(s != nil && s.GetTlsCertificate() != nil, "%s: %s: istiod serves no certificate for SDS %s to this proxy (Secret %s/%s missing, incomplete, or not readable by service account %s)",
			x.spec, what, name, x.spec.Namespace, strings.TrimPrefix(name, "kubernetes://"), x.spec.ServiceAccount) {
			cert = s
		}
	}
	if n.validation != "" {
		s := c.p.sds(x, n.validation)[n.validation]
		if c.expect(s != nil && s.GetValidationContext() != nil, "%s: %s: istiod serves no CA bundle for SDS %s to this proxy (Secret %s/%s missing or without ca.crt)",
			x.spec, what, n.validation, x.spec.Namespace, strings.TrimPrefix(n.validation, "kubernetes://")) {
			ca = s
		}
	}
	return cert, ca
}

// checkBundleOnly asserts an SDS validation context holds exactly the given CA certificate (trust isolated
// per peer).
func (c *checker) checkBundleOnly(x *xdsConfig, what string, ca *tlsv3.Secret, wantPEM, peer string) {
	if ca == nil {
		return
	}
	got := parseCerts(ca.GetValidationContext().GetTrustedCa().GetInlineBytes())
	want := parseCerts([]byte(wantPEM))
	if wantPEM == "" {
		c.failf("%s: %s: peer %s publishes no CA certificate to compare the bundle with", x.spec, what, peer)
		return
	}
	same := len(got) == len(want)
	for i := range got {
		if same && !got[i].Equal(want[i]) {
			same = false
		}
	}
	c.expect(same, "%s: %s: CA bundle holds %d certificate(s) %v, want exactly %s's CA: a pooled bundle lets another peer's CA vouch for %s",
		x.spec, what, len(got), subjects(got), peer, peer)
}

func parseCerts(b []byte) []*x509.Certificate {
	var out []*x509.Certificate
	for {
		var blk *pem.Block
		blk, b = pem.Decode(b)
		if blk == nil {
			return out
		}
		if c, err := x509.ParseCertificate(blk.Bytes); err == nil {
			out = append(out, c)
		}
	}
}

func subjects(cs []*x509.Certificate) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Subject.CommonName)
	}
	return out
}

func secretPEM(s *tlsv3.Secret) (cert, key []byte) {
	if s == nil {
		return nil, nil
	}
	return s.GetTlsCertificate().GetCertificateChain().GetInlineBytes(), s.GetTlsCertificate().GetPrivateKey().GetInlineBytes()
}

// checkRoute follows a request through a route configuration and returns the selected route.
func (c *checker) followRoute(x *xdsConfig, what, rcName, authority string, r request) *route.Route {
	rc := x.routes[rcName]
	if !c.expect(rc != nil, "%s: %s: route configuration %q is missing", x.spec, what, rcName) {
		return nil
	}
	vh := virtualHostFor(rc, authority)
	if !c.expect(vh != nil, "%s: %s: route configuration %q has no virtual host for %s", x.spec, what, rcName, authority) {
		return nil
	}
	r.authority = authority
	rt, _ := routeFor(vh, r)
	c.expect(rt != nil, "%s: %s: virtual host %s has no route for %s", x.spec, what, vh.GetName(), r.path)
	return rt
}

// findRoute is followRoute without expectations: the route a request would take, if any.
func (c *checker) findRoute(x *xdsConfig, rcName, authority string, r request) *route.Route {
	vh := virtualHostFor(x.routes[rcName], authority)
	if vh == nil {
		return nil
	}
	r.authority = authority
	rt, _ := routeFor(vh, r)
	return rt
}

func (c *checker) checkEndpoints(x *xdsConfig, what, clusterName, peer string, port int) {
	pi := c.intents[peer]
	if pi == nil || pi.Contract == nil || pi.Contract.Address == nil {
		c.failf("%s: %s: peer %s is not in the plan or publishes no address", x.spec, what, peer)
		return
	}
	want := pi.Contract.Address.IP
	if want == "" {
		want = pi.Contract.Address.Hostname
	}
	var got []string
	cl := x.clusters[clusterName]
	cla := x.eds[clusterName]
	if cl != nil && cl.GetLoadAssignment() != nil {
		cla = cl.GetLoadAssignment()
	}
	for _, le := range cla.GetEndpoints() {
		for _, e := range le.GetLbEndpoints() {
			sa := e.GetEndpoint().GetAddress().GetSocketAddress()
			got = append(got, fmt.Sprintf("%s:%d", sa.GetAddress(), sa.GetPortValue()))
		}
	}
	c.expect(len(got) == 1 && got[0] == fmt.Sprintf("%s:%d", want, port),
		"%s: %s: cluster %s endpoints %v, want the peer's published address %s:%d", x.spec, what, clusterName, got, want, port)
}

func clusterName(port int, subset, host string) string {
	return fmt.Sprintf("outbound|%d|%s|%s", port, subset, host)
}

// checkEgressImport: egress gateway listener 443 → the filter chain for this cluster's name at the peer
// (the SNI callers send) → the peer's route table, where the export header selects the route (rewrite
// prefix, authority, header removed) → outbound|<peer port>||<peer host> with upstream mutual TLS.
func (c *checker) checkEgressImport(x *xdsConfig, g *EgressGateway, im Import) {
	what := im.ID()
	l := listenerOnPort(x.listeners, 443)
	if !c.expect(l != nil, "%s: %s: no listener on 443", x.spec, what) {
		return
	}
	name := im.Authority
	fc := chainForSNI(l, name)
	if !c.expect(fc != nil, "%s: %s: listener %s has no filter chain for SNI %s (the SNI the callers' sidecars send)", x.spec, what, l.Name, name) {
		return
	}
	if d := downstreamTLS(fc); c.expect(d != nil, "%s: %s: filter chain for %s terminates no TLS", x.spec, what, name) {
		c.expect(d.GetRequireClientCertificate().GetValue(), "%s: %s: filter chain for %s does not require the caller's mesh certificate", x.spec, what, name)
	}
	h := httpConnectionManager(fc)
	if !c.expect(h != nil && h.GetRds() != nil, "%s: %s: filter chain for %s has no HTTP routes", x.spec, what, name) {
		return
	}
	if !c.expect(im.ExportHeader != "", "%s: %s: the import publishes no export header for the egress gateway's routes", x.spec, what) {
		return
	}
	r := request{path: "/meshfed-verify", headers: map[string]string{strings.ToLower(im.ExportHeader): im.PathPrefix}}
	if rt := c.followRoute(x, what, h.GetRds().GetRouteConfigName(), name, r); rt != nil {
		ra := rt.GetRoute()
		c.expect(ra.GetPrefixRewrite() == im.PathPrefix, "%s: %s: route rewrites the path prefix to %q, want %q", x.spec, what, ra.GetPrefixRewrite(), im.PathPrefix)
		c.expect(ra.GetHostRewriteLiteral() == im.Authority, "%s: %s: route rewrites the authority to %q, want %q", x.spec, what, ra.GetHostRewriteLiteral(), im.Authority)
		c.expect(containsString(rt.GetRequestHeadersToRemove(), strings.ToLower(im.ExportHeader)),
			"%s: %s: route forwards the export header %s to the peer; it must remove it", x.spec, what, im.ExportHeader)
		want := clusterName(im.PeerPort, "", im.PeerHost)
		sh := shares(rt)
		c.expect(len(sh) == 1 && sh[0].cluster == want, "%s: %s: route sends to %s, want %s", x.spec, what, describeShares(sh), want)
	}
	// Without the header (or with another import's prefix unknown to this peer), nothing goes to the peer.
	if rt := c.findRoute(x, h.GetRds().GetRouteConfigName(), name, request{path: "/meshfed-verify"}); rt != nil {
		for _, s := range shares(rt) {
			c.expect(s.cluster != clusterName(im.PeerPort, "", im.PeerHost), "%s: %s: a request without the export header is sent to the peer", x.spec, what)
		}
	}
	want := clusterName(im.PeerPort, "", im.PeerHost)
	cl := x.clusters[want]
	if !c.expect(cl != nil, "%s: %s: no cluster %s", x.spec, what, want) {
		return
	}
	c.expect(g.Credentials[im.Peer] == im.CredentialName, "%s: %s: credential %q is not the egress gateway's published credential for %s (%q)", x.spec, what, im.CredentialName, im.Peer, g.Credentials[im.Peer])
	cert, ca := c.checkUpstreamTLS(x, cl, what, im.SNI, im.CredentialName, im.CABundleName, im.PeerHost)
	c.checkBundleOnly(x, what+" (client bundle)", ca, c.peerCA(im.Peer), im.Peer)
	c.checkEndpoints(x, what, want, im.Peer, im.PeerPort)
	c.addClient(x, im, cert, ca)
}

func (c *checker) peerCA(peer string) string {
	if pi := c.intents[peer]; pi != nil && pi.Contract != nil {
		return pi.Contract.CACertPEM
	}
	return ""
}

func (c *checker) addClient(x *xdsConfig, im Import, cert, ca *tlsv3.Secret) {
	if cert == nil || ca == nil {
		return
	}
	cp, kp := secretPEM(cert)
	n := commonNames(upstreamTLS(x.clusters[clusterName(im.PeerPort, "", im.PeerHost)]).GetCommonTlsContext())
	c.res.Clients = append(c.res.Clients, ClientTLS{
		Consumer: c.in.Cluster, Exporter: im.Peer, Import: im.ID(), Proxy: x.spec.String(),
		SNI: im.SNI, SANs: exactStrings(n.sans), CertPEM: cp, KeyPEM: kp,
		CAPEM: ca.GetValidationContext().GetTrustedCa().GetInlineBytes(), Authority: im.Authority, Path: im.PathPrefix + "meshfed-verify",
	})
}

// checkResolves: the import's local name must resolve for its callers, the way they resolve names. Without
// the DNS proxy that is Kubernetes DNS, which answers for Services only: a Kubernetes Service of that name.
// With it, the table Istio's own code builds for the proxy's agent from what istiod knows (exportTo and the
// caller's sidecar scope included) must give the host an address.
func (c *checker) checkResolves(x *xdsConfig, im Import) {
	local := im.LocalHost()
	if !im.DNSProxy {
		svc := c.p.s.PushContext().ServiceForHostname(x.proxy, host.Name(local))
		c.expect(svc != nil && svc.Attributes.ServiceRegistry == provider.Kubernetes,
			"%s: %s: Kubernetes DNS cannot resolve %s: no Service %s in %s", x.spec, im.ID(), local, im.As.Name, im.As.Namespace)
		return
	}
	table := dnsServer.BuildNameTable(dnsServer.Config{Node: x.proxy, Push: c.p.s.PushContext()})
	info := table.GetTable()[local]
	c.expect(info != nil && len(info.GetIps()) > 0, "%s: %s: the caller's DNS proxy has no address for %s", x.spec, im.ID(), local)
}

// checkCaller: the calling sidecar's route for the import's local host:port.
func (c *checker) checkCaller(x *xdsConfig, im Import) {
	what := im.ID()
	local := im.LocalHost()
	var remote string
	if im.Via == "sidecar" {
		remote = clusterName(im.PeerPort, "", im.PeerHost)
	} else if g := c.in.Gateways.Egress; g != nil {
		remote = c.egressSubsetCluster(x, g, im)
	}
	localCluster := clusterName(im.As.Port, im.LocalSubsetName(), local)
	rcName := fmt.Sprint(im.As.Port)
	authority := fmt.Sprintf("%s:%d", local, im.As.Port)
	isRemote := func(s string) bool { return remote != "" && s == remote }

	if len(im.Canary) > 0 {
		r := request{path: "/meshfed-verify", headers: map[string]string{}}
		for k, m := range im.Canary {
			r.headers[strings.ToLower(k)] = sampleValue(m)
		}
		if rt := c.followRoute(x, what+" (canary)", rcName, authority, r); rt != nil {
			sh := shares(rt)
			c.expect(len(sh) == 1 && isRemote(sh[0].cluster), "%s: %s: a canary request goes to %s, want all to %s", x.spec, what, describeShares(sh), remote)
			c.checkRemoteRewrite(x, what+" (canary)", rt, im, remote, localCluster)
		}
	}
	rt := c.followRoute(x, what, rcName, authority, request{path: "/meshfed-verify"})
	if rt != nil {
		sh := shares(rt)
		want := map[string]int{}
		if im.Remote() > 0 && remote != "" {
			want[remote] = im.Remote()
		}
		if im.Remote() < 100 {
			want[localCluster] = 100 - im.Remote()
		}
		got := map[string]int{}
		for _, s := range sh {
			if s.weight > 0 {
				got[s.cluster] += s.weight
			}
		}
		c.expect(fmt.Sprint(got) == fmt.Sprint(want), "%s: %s: a request goes to %s, want %v", x.spec, what, describeShares(sh), want)
		c.checkRemoteRewrite(x, what, rt, im, remote, localCluster)
	}
	if im.Via == "sidecar" {
		cl := x.clusters[remote]
		if c.expect(cl != nil, "%s: %s: no cluster %s", x.spec, what, remote) {
			if im.Callers == nil {
				c.failf("%s: %s: via sidecar, but the import names no callers", x.spec, what)
			}
			cert, ca := c.checkUpstreamTLS(x, cl, what, im.SNI, im.CredentialName, im.CABundleName, im.PeerHost)
			c.checkBundleOnly(x, what+" (client bundle)", ca, c.peerCA(im.Peer), im.Peer)
			c.checkEndpoints(x, what, remote, im.Peer, im.PeerPort)
			c.addClient(x, im, cert, ca)
		}
	}
}

// checkRemoteRewrite: via sidecar, the route itself must rewrite path and authority for the remote share,
// and must not rewrite them for a local share. Through the egress gateway, the remote share alone carries
// this cluster's name at the peer and the export header; the local share neither.
func (c *checker) checkRemoteRewrite(x *xdsConfig, what string, rt *route.Route, im Import, remote, localCluster string) {
	if im.Via != "sidecar" {
		c.checkEgressMarks(x, what, rt, im, remote, localCluster)
		return
	}
	sh := shares(rt)
	hasRemote, hasLocal := false, false
	for _, s := range sh {
		if s.cluster == remote && s.weight > 0 {
			hasRemote = true
		}
		if s.cluster == localCluster && s.weight > 0 {
			hasLocal = true
		}
	}
	ra := rt.GetRoute()
	if hasRemote {
		c.expect(ra.GetPrefixRewrite() == im.PathPrefix, "%s: %s: the route to the peer rewrites the path prefix to %q, want %q", x.spec, what, ra.GetPrefixRewrite(), im.PathPrefix)
		c.expect(ra.GetHostRewriteLiteral() == im.Authority || weightedHostRewrite(rt, remote) == im.Authority,
			"%s: %s: the route to the peer rewrites the authority to %q, want %q", x.spec, what, ra.GetHostRewriteLiteral(), im.Authority)
	}
	if hasRemote && hasLocal {
		c.failf("%s: %s: one route splits between the local version and the peer, but a path rewrite applies to the whole route: local requests would get %q", x.spec, what, ra.GetPrefixRewrite())
	}
}

func weightedHostRewrite(rt *route.Route, cl string) string {
	for _, w := range rt.GetRoute().GetWeightedClusters().GetClusters() {
		if w.GetName() == cl {
			return w.GetHostRewriteLiteral()
		}
	}
	return ""
}

// egressSubsetCluster finds the egress gateway subset cluster the caller uses for this import: the
// outbound cluster on the egress Service whose upstream SNI is this cluster's name at the peer.
func (c *checker) egressSubsetCluster(x *xdsConfig, g *EgressGateway, im Import) string {
	var found []string
	for name, cl := range x.clusters {
		if !strings.HasPrefix(name, "outbound|443|") || !strings.HasSuffix(name, "|"+g.ServiceHost) || strings.HasPrefix(name, "outbound|443||") {
			continue
		}
		if u := upstreamTLS(cl); u != nil && u.GetSni() == im.Authority {
			found = append(found, name)
		}
	}
	sort.Strings(found)
	if !c.expect(len(found) == 1, "%s: %s: want exactly one egress gateway subset cluster (outbound|443|<subset>|%s) with mesh TLS and SNI %s, found %v",
		x.spec, im.ID(), g.ServiceHost, im.Authority, found) {
		return ""
	}
	n := commonNames(upstreamTLS(x.clusters[found[0]]).GetCommonTlsContext())
	c.expect(len(n.certs) == 1 && n.certs[0] == "default" && n.validation == "ROOTCA",
		"%s: %s: cluster %s does not use the mesh certificate (SDS default/ROOTCA): %v %q", x.spec, im.ID(), found[0], n.certs, n.validation)
	return found[0]
}

func sampleValue(m map[string]any) string {
	for _, k := range []string{"exact", "prefix"} {
		if v, ok := m[k].(string); ok {
			return v
		}
	}
	if v, ok := m["regex"].(string); ok {
		return strings.Trim(v, "^$")
	}
	return "x"
}

// checkExport: exporter ingress listener → per-consumer SNI chain (mutual TLS, that consumer's bundle,
// its SAN) → route of the prefix (rewrite) → local Service (subset) → RBAC.
func (c *checker) checkExport(x *xdsConfig, g *IngressGateway, e Export) {
	what := e.ID()
	l := listenerOnPort(x.listeners, g.Port)
	if !c.expect(l != nil, "%s: %s: no listener on the federation port %d", x.spec, what, g.Port) {
		return
	}
	svcHost := fmt.Sprintf("%s.%s.svc.cluster.local", e.Service.Name, e.Service.Namespace)
	subset := ""
	if e.Subset != nil {
		subset = e.Subset.Name
	}
	target := clusterName(e.Service.Port, subset, svcHost)
	c.expect(x.clusters[target] != nil, "%s: %s: no cluster %s for the exported service", x.spec, what, target)
	consumers := map[string]bool{}
	for _, k := range e.Consumers {
		consumers[k.Host] = true
	}
	for _, k := range e.Consumers {
		cw := fmt.Sprintf("%s for consumer %s", what, k.Cluster)
		if h := c.hosts[k.Cluster]; h != "" {
			c.expect(h == k.Host, "%s: %s: consumer host %q differs from its contract's %q", x.spec, cw, k.Host, h)
		}
		fc := chainForSNI(l, k.SNI)
		if !c.expect(fc != nil, "%s: %s: listener %s has no filter chain for SNI %s", x.spec, cw, l.Name, k.SNI) {
			continue
		}
		c.expect(len(fc.GetFilterChainMatch().GetServerNames()) == 1 && fc.GetFilterChainMatch().GetServerNames()[0] == k.SNI,
			"%s: %s: filter chain selected by SNI %s matches server names %v, want exactly [%s] (a chain shared by consumers shares their trust)",
			x.spec, cw, k.SNI, fc.GetFilterChainMatch().GetServerNames(), k.SNI)
		d := downstreamTLS(fc)
		if !c.expect(d != nil, "%s: %s: filter chain for %s terminates no TLS", x.spec, cw, k.SNI) {
			continue
		}
		c.expect(d.GetRequireClientCertificate().GetValue(), "%s: %s: filter chain for %s does not require a client certificate", x.spec, cw, k.SNI)
		n := commonNames(d.GetCommonTlsContext())
		c.expect(len(n.certs) == 1 && n.certs[0] == sds(e.CredentialName), "%s: %s: server certificate SDS %v, want [%s]", x.spec, cw, n.certs, sds(e.CredentialName))
		c.expect(e.CredentialName == g.CredentialName, "%s: %s: export credential %q is not the ingress gateway's %q", x.spec, cw, e.CredentialName, g.CredentialName)
		c.expect(n.validation == sds(k.CABundleName), "%s: %s: client validation SDS %q, want %q", x.spec, cw, n.validation, sds(k.CABundleName))
		sans := exactStrings(n.sans)
		c.expect(len(sans) == 1 && sans[0] == k.Host, "%s: %s: accepts client SANs %v, want exactly [%s]", x.spec, cw, sans, k.Host)
		var cert, ca *tlsv3.Secret
		if len(n.certs) > 0 {
			s := c.p.sds(x, n.certs[0])[n.certs[0]]
			if c.expect(s != nil && s.GetTlsCertificate() != nil, "%s: %s: istiod serves no server certificate for SDS %s to the ingress gateway", x.spec, cw, n.certs[0]) {
				cert = s
			}
		}
		if n.validation != "" {
			s := c.p.sds(x, n.validation)[n.validation]
			name := strings.TrimPrefix(n.validation, "kubernetes://")
			why := "the Secret is missing"
			if c.p.objs.secrets[x.spec.Namespace+"/"+name] != nil {
				why = "the Secret exists, but istiod's SDS reads a name not ending in -cacert as a key pair (tls.crt/tls.key) and serves nothing: name it " + name + "-cacert"
			}
			if c.expect(s != nil && s.GetValidationContext() != nil, "%s: %s: istiod serves no CA bundle for SDS %s to the ingress gateway (Secret %s/%s): %s",
				x.spec, cw, n.validation, x.spec.Namespace, name, why) {
				ca = s
			}
		}
		c.checkBundleOnly(x, cw+" (server bundle)", ca, c.peerCA(k.Cluster), k.Cluster)

		h := httpConnectionManager(fc)
		if !c.expect(h != nil && h.GetRds() != nil, "%s: %s: filter chain for %s has no HTTP routes", x.spec, cw, k.SNI) {
			continue
		}
		rt := c.followRoute(x, cw, h.GetRds().GetRouteConfigName(), k.SNI, request{path: e.PathPrefix + "meshfed-verify"})
		if rt != nil {
			ra := rt.GetRoute()
			c.expect(ra.GetPrefixRewrite() == "/", "%s: %s: route rewrites the prefix to %q, want \"/\"", x.spec, cw, ra.GetPrefixRewrite())
			c.expect(ra.GetHostRewriteLiteral() == svcHost, "%s: %s: route rewrites the authority to %q, want %q", x.spec, cw, ra.GetHostRewriteLiteral(), svcHost)
			sh := shares(rt)
			c.expect(len(sh) == 1 && sh[0].cluster == target, "%s: %s: route sends to %s, want %s", x.spec, cw, describeShares(sh), target)
		}
		// RBAC: exactly the export's consumers are admitted to its prefix, each only with its own SNI.
		rb := rbacFilters(h)
		c.expect(len(rb) > 0, "%s: %s: no RBAC filter on the filter chain for %s", x.spec, cw, k.SNI)
		var unknown []string
		for cl, host := range c.hosts {
			if cl == c.in.Cluster {
				continue
			}
			req := request{authority: k.SNI, path: e.PathPrefix + "meshfed-verify", principal: "spiffe://" + host}
			allowed := rbacAllows(rb, req, &unknown)
			want := host == k.Host
			c.expect(allowed == want, "%s: %s: RBAC %s %s (principal %s) on %s%s, want %s", x.spec, cw, verb(allowed), cl, req.principal, k.SNI, req.path, verb(want))
		}
		other := request{authority: k.SNI, path: "/meshfed-verify-not-exported/", principal: "spiffe://" + k.Host}
		c.expect(!rbacAllows(rb, other, &unknown),
			"%s: %s: RBAC admits %s outside the exported prefixes (%s)", x.spec, cw, k.Cluster, other.path)
		for _, u := range unknown {
			c.failf("%s: %s: RBAC uses a matcher the verifier does not evaluate: %s", x.spec, cw, u)
			break
		}
		if cert != nil && ca != nil {
			cp, kp := secretPEM(cert)
			c.addServer(ServerChain{Exporter: c.in.Cluster, Port: g.Port, ServerNames: fc.GetFilterChainMatch().GetServerNames(),
				RequireClientCert: d.GetRequireClientCertificate().GetValue(), SANs: sans, CertPEM: cp, KeyPEM: kp,
				CAPEM: ca.GetValidationContext().GetTrustedCa().GetInlineBytes(), RBAC: rb, Routes: x.routes[h.GetRds().GetRouteConfigName()]})
		}
	}
}

func verb(b bool) string {
	if b {
		return "admits"
	}
	return "refuses"
}

func (c *checker) addServer(s ServerChain) {
	for _, x := range c.res.Servers {
		if x.Exporter == s.Exporter && fmt.Sprint(x.ServerNames) == fmt.Sprint(s.ServerNames) {
			return
		}
	}
	c.res.Servers = append(c.res.Servers, s)
}

// sdsNamesIn lists every SDS secret name a proxy's listeners and clusters reference.
func sdsNamesIn(x *xdsConfig) map[string]bool {
	out := map[string]bool{}
	add := func(ct *tlsv3.CommonTlsContext) {
		n := commonNames(ct)
		for _, s := range n.certs {
			out[s] = true
		}
		if n.validation != "" {
			out[n.validation] = true
		}
	}
	for _, l := range x.listeners {
		chains := append([]*listener.FilterChain{}, l.GetFilterChains()...)
		if l.GetDefaultFilterChain() != nil {
			chains = append(chains, l.GetDefaultFilterChain())
		}
		for _, fc := range chains {
			if d := downstreamTLS(fc); d != nil {
				add(d.GetCommonTlsContext())
			}
		}
	}
	for _, cl := range x.clusters {
		if u := upstreamTLS(cl); u != nil {
			add(u.GetCommonTlsContext())
		}
	}
	return out
}

// peerHosts are the federation hosts of every other cluster in the plan.
func (c *checker) peerHosts() []string {
	var out []string
	for cl, h := range c.hosts {
		if cl != c.in.Cluster {
			out = append(out, h)
		}
	}
	sort.Strings(out)
	return out
}

// secretsIn lists the planned Secrets of a namespace.
func (c *checker) secretsIn(ns string) []string {
	var out []string
	for k := range c.p.objs.secrets {
		if strings.HasPrefix(k, ns+"/") {
			out = append(out, strings.TrimPrefix(k, ns+"/"))
		}
	}
	sort.Strings(out)
	return out
}

func (c *checker) egressCredentialNames() []string {
	var out []string
	if g := c.in.Gateways.Egress; g != nil {
		for _, v := range g.Credentials {
			out = append(out, v)
		}
	}
	for _, m := range c.in.Gateways.SidecarCredentials {
		for _, v := range m {
			out = append(out, v)
		}
	}
	for _, im := range c.in.Imports {
		out = append(out, im.CredentialName)
	}
	return out
}

func (c *checker) checkIngressAbsent(x *xdsConfig, g *IngressGateway) {
	for _, h := range c.peerHosts() {
		for name := range x.clusters {
			c.expect(!strings.HasSuffix(name, "|"+h), "%s: has cluster %s for peer host %s: istiod would send it the peer's client credential", x.spec, name, h)
		}
	}
	egress := map[string]bool{}
	for _, n := range c.egressCredentialNames() {
		egress[n] = true
	}
	for n := range sdsNamesIn(x) {
		name := strings.TrimPrefix(n, "kubernetes://")
		c.expect(!egress[name] && !egress[strings.TrimSuffix(name, "-cacert")], "%s: references egress credential SDS %s", x.spec, n)
	}
	// Ask istiod, as this gateway, for every egress credential: it must have none to give.
	for n := range egress {
		got := c.p.sds(x, sds(n))
		c.expect(len(got) == 0, "%s: istiod serves it the egress client credential %s (the Secret is readable in its namespace)", x.spec, n)
	}
	// Its namespace holds only its own credential and the consumers' bundles.
	allowed := map[string]bool{g.CredentialName: true}
	for _, e := range c.in.Exports {
		for _, k := range e.Consumers {
			allowed[k.CABundleName] = true
		}
	}
	for _, s := range c.secretsIn(g.Namespace) {
		c.expect(allowed[s], "%s: Secret %s/%s is readable by the ingress gateway but is not its credential or a consumer bundle", x.spec, g.Namespace, s)
	}
}

func (c *checker) checkEgressAbsent(x *xdsConfig, g *EgressGateway) {
	if ig := c.in.Gateways.Ingress; ig != nil {
		for n := range sdsNamesIn(x) {
			c.expect(strings.TrimPrefix(n, "kubernetes://") != ig.CredentialName, "%s: references the ingress server credential %s", x.spec, n)
		}
		got := c.p.sds(x, sds(ig.CredentialName))
		c.expect(len(got) == 0, "%s: istiod serves it the ingress server credential %s", x.spec, ig.CredentialName)
	}
	allowed := map[string]bool{}
	for _, v := range g.Credentials {
		allowed[v] = true
	}
	for _, im := range c.in.Imports {
		if im.Via != "sidecar" {
			allowed[im.CABundleName] = true
		}
	}
	for _, s := range c.secretsIn(g.Namespace) {
		c.expect(allowed[s], "%s: Secret %s/%s is readable by the egress gateway but is not one of its credentials or bundles", x.spec, g.Namespace, s)
	}
}

// checkBystanders: a sidecar in a namespace that calls nothing gets no import route and no peer cluster.
func (c *checker) checkBystanders() {
	importNS := map[string]bool{}
	for _, im := range c.in.Imports {
		importNS[im.As.Namespace] = true
	}
	nss := []string{"meshfed-verify-bystander"}
	for _, o := range c.p.objs.kube {
		if o.GetObjectKind().GroupVersionKind().Kind == "Namespace" {
			if m, ok := o.(interface{ GetName() string }); ok && !importNS[m.GetName()] {
				nss = append(nss, m.GetName())
			}
		}
	}
	gwNS := map[string]bool{}
	if g := c.in.Gateways.Ingress; g != nil {
		gwNS[g.Namespace] = true
	}
	if g := c.in.Gateways.Egress; g != nil {
		gwNS[g.Namespace] = true
	}
	for _, ns := range nss {
		if gwNS[ns] {
			continue
		}
		x := c.proxy(ProxySpec{Role: "sidecar", Name: "bystander", Namespace: ns, Labels: map[string]string{"app": "meshfed-verify-bystander"}, ServiceAccount: "default"})
		for _, h := range c.peerHosts() {
			for name := range x.clusters {
				c.expect(!strings.HasSuffix(name, "|"+h), "%s: a namespace that imports nothing has cluster %s for peer host %s", x.spec, name, h)
			}
		}
		if g := c.in.Gateways.Egress; g != nil {
			for _, rc := range x.routes {
				for _, vh := range rc.GetVirtualHosts() {
					for _, rt := range vh.GetRoutes() {
						for _, s := range shares(rt) {
							c.expect(!(strings.HasSuffix(s.cluster, "|"+g.ServiceHost) && !strings.HasPrefix(s.cluster, "outbound|443||")),
								"%s: a namespace that imports nothing routes %s to the egress gateway subset %s", x.spec, vh.GetName(), s.cluster)
						}
					}
				}
			}
		}
		c.done(x)
	}
}

// checkEgressMarks: the caller's remote share to the egress gateway is marked for the peer (authority and
// export header, per destination); a local share is not.
func (c *checker) checkEgressMarks(x *xdsConfig, what string, rt *route.Route, im Import, remote, localCluster string) {
	ra := rt.GetRoute()
	header := strings.ToLower(im.ExportHeader)
	for _, s := range shares(rt) {
		if s.weight == 0 && len(shares(rt)) > 1 {
			continue
		}
		authority, headers := destinationMarks(rt, s.cluster)
		switch s.cluster {
		case remote:
			c.expect(authority == im.Authority, "%s: %s: the share to the egress gateway has authority %q, want %q", x.spec, what, authority, im.Authority)
			c.expect(headers[header] == im.PathPrefix, "%s: %s: the share to the egress gateway carries %s=%q, want %q", x.spec, what, im.ExportHeader, headers[header], im.PathPrefix)
		case localCluster:
			c.expect(authority == "" && headers[header] == "", "%s: %s: the local share is marked for the peer (authority %q, %s=%q)", x.spec, what, authority, im.ExportHeader, headers[header])
			c.expect(ra.GetPrefixRewrite() == "", "%s: %s: the local share's path is rewritten to %q", x.spec, what, ra.GetPrefixRewrite())
		}
	}
}

// destinationMarks: the authority rewrite and the request headers set for one cluster of a route, whether
// Istio put them on the weighted cluster or (one destination) on the route itself.
func destinationMarks(rt *route.Route, cl string) (string, map[string]string) {
	headers := map[string]string{}
	collect := func(opts []*core.HeaderValueOption) {
		for _, o := range opts {
			headers[strings.ToLower(o.GetHeader().GetKey())] = o.GetHeader().GetValue()
		}
	}
	for _, w := range rt.GetRoute().GetWeightedClusters().GetClusters() {
		if w.GetName() == cl {
			collect(w.GetRequestHeadersToAdd())
			return w.GetHostRewriteLiteral(), headers
		}
	}
	if rt.GetRoute().GetCluster() == cl {
		collect(rt.GetRequestHeadersToAdd())
		return rt.GetRoute().GetHostRewriteLiteral(), headers
	}
	return "", headers
}

func containsString(xs []string, x string) bool {
	for _, s := range xs {
		if strings.EqualFold(s, x) {
			return true
		}
	}
	return false
}
