package envoy

import (
	"fmt"
	"regexp"
	"strings"

	cluster "github.com/envoyproxy/go-control-plane/envoy/config/cluster/v3"
	core "github.com/envoyproxy/go-control-plane/envoy/config/core/v3"
	listener "github.com/envoyproxy/go-control-plane/envoy/config/listener/v3"
	rbacpb "github.com/envoyproxy/go-control-plane/envoy/config/rbac/v3"
	route "github.com/envoyproxy/go-control-plane/envoy/config/route/v3"
	rbachttp "github.com/envoyproxy/go-control-plane/envoy/extensions/filters/http/rbac/v3"
	hcm "github.com/envoyproxy/go-control-plane/envoy/extensions/filters/network/http_connection_manager/v3"
	tlsv3 "github.com/envoyproxy/go-control-plane/envoy/extensions/transport_sockets/tls/v3"
	matcher "github.com/envoyproxy/go-control-plane/envoy/type/matcher/v3"
)

// Helpers that read Envoy's own protos the way Envoy interprets them.

func listenerOnPort(ls []*listener.Listener, port int) *listener.Listener {
	for _, l := range ls {
		if sa := l.GetAddress().GetSocketAddress(); sa != nil && int(sa.GetPortValue()) == port {
			return l
		}
	}
	return nil
}

// chainForSNI selects the filter chain Envoy would pick for a TLS ClientHello with this SNI (exact server
// names first, then wildcards, then chains without server names).
func chainForSNI(l *listener.Listener, sni string) *listener.FilterChain {
	var wildcard, none *listener.FilterChain
	for _, fc := range l.GetFilterChains() {
		m := fc.GetFilterChainMatch()
		if m.GetTransportProtocol() != "" && m.GetTransportProtocol() != "tls" {
			continue
		}
		if len(m.GetServerNames()) == 0 {
			if none == nil {
				none = fc
			}
			continue
		}
		for _, n := range m.GetServerNames() {
			if n == sni {
				return fc
			}
			if strings.HasPrefix(n, "*.") && strings.HasSuffix(sni, n[1:]) && wildcard == nil {
				wildcard = fc
			}
		}
	}
	if wildcard != nil {
		return wildcard
	}
	return none
}

func httpConnectionManager(fc *listener.FilterChain) *hcm.HttpConnectionManager {
	for _, f := range fc.GetFilters() {
		if tc := f.GetTypedConfig(); tc != nil {
			h := &hcm.HttpConnectionManager{}
			if tc.MessageIs(h) && tc.UnmarshalTo(h) == nil {
				return h
			}
		}
	}
	return nil
}

func downstreamTLS(fc *listener.FilterChain) *tlsv3.DownstreamTlsContext {
	ts := fc.GetTransportSocket()
	if ts == nil {
		return nil
	}
	d := &tlsv3.DownstreamTlsContext{}
	if tc := ts.GetTypedConfig(); tc != nil && tc.MessageIs(d) && tc.UnmarshalTo(d) == nil {
		return d
	}
	return nil
}

// upstreamTLS returns the TLS context Envoy uses towards the cluster's endpoints (the cluster's transport
// socket, or the one of its transport socket matches that applies to all endpoints).
func upstreamTLS(c *cluster.Cluster) *tlsv3.UpstreamTlsContext {
	try := func(ts *core.TransportSocket) *tlsv3.UpstreamTlsContext {
		if ts == nil {
			return nil
		}
		u := &tlsv3.UpstreamTlsContext{}
		if tc := ts.GetTypedConfig(); tc != nil && tc.MessageIs(u) && tc.UnmarshalTo(u) == nil {
			return u
		}
		return nil
	}
	if u := try(c.GetTransportSocket()); u != nil {
		return u
	}
	for _, m := range c.GetTransportSocketMatches() {
		if len(m.GetMatch().GetFields()) == 0 {
			return try(m.GetTransportSocket())
		}
	}
	return nil
}

type tlsNames struct {
	certs      []string
	validation string
	sans       []*matcher.StringMatcher
}

func commonNames(c *tlsv3.CommonTlsContext) tlsNames {
	var n tlsNames
	for _, s := range c.GetTlsCertificateSdsSecretConfigs() {
		n.certs = append(n.certs, s.GetName())
	}
	if cv := c.GetCombinedValidationContext(); cv != nil {
		n.validation = cv.GetValidationContextSdsSecretConfig().GetName()
		n.sans = cv.GetDefaultValidationContext().GetMatchSubjectAltNames()
		for _, t := range cv.GetDefaultValidationContext().GetMatchTypedSubjectAltNames() {
			n.sans = append(n.sans, t.GetMatcher())
		}
	} else if s := c.GetValidationContextSdsSecretConfig(); s != nil {
		n.validation = s.GetName()
	} else if v := c.GetValidationContext(); v != nil {
		n.sans = v.GetMatchSubjectAltNames()
	}
	return n
}

func exactStrings(ms []*matcher.StringMatcher) []string {
	var out []string
	for _, m := range ms {
		if e, ok := m.GetMatchPattern().(*matcher.StringMatcher_Exact); ok {
			out = append(out, e.Exact)
		} else {
			out = append(out, "<non-exact:"+m.String()+">")
		}
	}
	return out
}

func matchString(m *matcher.StringMatcher, v string) bool {
	if m == nil {
		return false
	}
	if m.GetIgnoreCase() {
		v = strings.ToLower(v)
	}
	low := func(s string) string {
		if m.GetIgnoreCase() {
			return strings.ToLower(s)
		}
		return s
	}
	switch p := m.GetMatchPattern().(type) {
	case *matcher.StringMatcher_Exact:
		return v == low(p.Exact)
	case *matcher.StringMatcher_Prefix:
		return strings.HasPrefix(v, low(p.Prefix))
	case *matcher.StringMatcher_Suffix:
		return strings.HasSuffix(v, low(p.Suffix))
	case *matcher.StringMatcher_Contains:
		return strings.Contains(v, low(p.Contains))
	case *matcher.StringMatcher_SafeRegex:
		re, err := regexp.Compile("^(?:" + p.SafeRegex.GetRegex() + ")$")
		return err == nil && re.MatchString(v)
	}
	return false
}

// domainMatches is Envoy's virtual host domain matching.
func domainMatches(domain, authority string) bool {
	domain, authority = strings.ToLower(domain), strings.ToLower(authority)
	switch {
	case domain == "*":
		return true
	case domain == authority:
		return true
	case strings.HasPrefix(domain, "*"):
		return strings.HasSuffix(authority, domain[1:]) && len(authority) > len(domain)-1
	case strings.HasSuffix(domain, "*"):
		return strings.HasPrefix(authority, domain[:len(domain)-1]) && len(authority) > len(domain)-1
	}
	return false
}

// virtualHostFor picks the virtual host Envoy would pick: exact domain first, then the longest wildcard.
func virtualHostFor(rc *route.RouteConfiguration, authority string) *route.VirtualHost {
	if rc.GetIgnorePortInHostMatching() {
		if i := strings.LastIndex(authority, ":"); i > 0 && !strings.Contains(authority[i:], "]") {
			authority = authority[:i]
		}
	}
	var best *route.VirtualHost
	bestLen := -1
	for _, vh := range rc.GetVirtualHosts() {
		for _, d := range vh.GetDomains() {
			if strings.EqualFold(d, authority) {
				return vh
			}
			if domainMatches(d, authority) && len(d) > bestLen {
				best, bestLen = vh, len(d)
			}
		}
	}
	return best
}

// request is what the route and RBAC evaluators look at.
type request struct {
	authority string
	path      string
	headers   map[string]string
	principal string // the peer certificate's URI SAN, as Envoy's RBAC sees it
}

func (r request) header(name string) (string, bool) {
	switch strings.ToLower(name) {
	case ":authority", "host":
		return r.authority, true
	case ":path":
		return r.path, true
	case ":method":
		return "GET", true
	}
	v, ok := r.headers[strings.ToLower(name)]
	return v, ok
}

func headerMatches(h *route.HeaderMatcher, r request) bool {
	v, present := r.header(h.GetName())
	var ok bool
	switch m := h.GetHeaderMatchSpecifier().(type) {
	case *route.HeaderMatcher_StringMatch:
		ok = present && matchString(m.StringMatch, v)
	case *route.HeaderMatcher_PresentMatch:
		ok = present == m.PresentMatch
	case *route.HeaderMatcher_ExactMatch:
		ok = present && v == m.ExactMatch
	case *route.HeaderMatcher_PrefixMatch:
		ok = present && strings.HasPrefix(v, m.PrefixMatch)
	case nil:
		ok = present
	default:
		ok = false
	}
	if h.GetInvertMatch() {
		return !ok
	}
	return ok
}

func routeMatches(rt *route.Route, r request) bool {
	m := rt.GetMatch()
	path := r.path
	if i := strings.IndexAny(path, "?#"); i >= 0 {
		path = path[:i]
	}
	switch p := m.GetPathSpecifier().(type) {
	case *route.RouteMatch_Prefix:
		if !strings.HasPrefix(path, p.Prefix) {
			return false
		}
	case *route.RouteMatch_Path:
		if path != p.Path {
			return false
		}
	case *route.RouteMatch_PathSeparatedPrefix:
		if path != p.PathSeparatedPrefix && !strings.HasPrefix(path, strings.TrimSuffix(p.PathSeparatedPrefix, "/")+"/") {
			return false
		}
	case *route.RouteMatch_SafeRegex:
		re, err := regexp.Compile("^(?:" + p.SafeRegex.GetRegex() + ")$")
		if err != nil || !re.MatchString(path) {
			return false
		}
	default:
		return false
	}
	for _, h := range m.GetHeaders() {
		if !headerMatches(h, r) {
			return false
		}
	}
	return len(m.GetQueryParameters()) == 0
}

// routeFor is Envoy's route selection: the first route of the virtual host that matches.
func routeFor(vh *route.VirtualHost, r request) (*route.Route, int) {
	for i, rt := range vh.GetRoutes() {
		if routeMatches(rt, r) {
			return rt, i
		}
	}
	return nil, -1
}

type share struct {
	cluster string
	weight  int
}

// shares lists where a route sends traffic, normalized to percents.
func shares(rt *route.Route) []share {
	ra := rt.GetRoute()
	if ra == nil {
		return nil
	}
	if c := ra.GetCluster(); c != "" {
		return []share{{c, 100}}
	}
	wc := ra.GetWeightedClusters()
	total := 0
	for _, c := range wc.GetClusters() {
		total += int(c.GetWeight().GetValue())
	}
	var out []share
	for _, c := range wc.GetClusters() {
		w := 0
		if total > 0 {
			w = int(c.GetWeight().GetValue()) * 100 / total
		}
		out = append(out, share{c.GetName(), w})
	}
	return out
}

func describeShares(s []share) string {
	var parts []string
	for _, x := range s {
		parts = append(parts, fmt.Sprintf("%s=%d%%", x.cluster, x.weight))
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// rbacFilters returns the HTTP RBAC filters of an HTTP connection manager, in order.
func rbacFilters(h *hcm.HttpConnectionManager) []*rbachttp.RBAC {
	var out []*rbachttp.RBAC
	for _, f := range h.GetHttpFilters() {
		tc := f.GetTypedConfig()
		r := &rbachttp.RBAC{}
		if tc != nil && tc.MessageIs(r) && tc.UnmarshalTo(r) == nil {
			out = append(out, r)
		}
	}
	return out
}

// rbacAllows evaluates Envoy's HTTP RBAC filters on a request, as Envoy does: every enforcing filter must
// let it through (ALLOW: some policy matches; DENY: no policy matches). Matchers the evaluator does not know
// count as "no match" and are reported.
func rbacAllows(filters []*rbachttp.RBAC, r request, unknown *[]string) bool {
	for _, f := range filters {
		rules := f.GetRules()
		if rules == nil {
			continue // shadow-only or empty
		}
		matched := false
		for _, p := range rules.GetPolicies() {
			if policyMatches(p, r, unknown) {
				matched = true
				break
			}
		}
		switch rules.GetAction() {
		case rbacpb.RBAC_ALLOW:
			if !matched {
				return false
			}
		case rbacpb.RBAC_DENY:
			if matched {
				return false
			}
		}
	}
	return true
}

func policyMatches(p *rbacpb.Policy, r request, unknown *[]string) bool {
	perm := false
	for _, x := range p.GetPermissions() {
		if permMatches(x, r, unknown) {
			perm = true
			break
		}
	}
	if !perm {
		return false
	}
	for _, x := range p.GetPrincipals() {
		if principalMatches(x, r, unknown) {
			return true
		}
	}
	return false
}

func permMatches(p *rbacpb.Permission, r request, unknown *[]string) bool {
	switch x := p.GetRule().(type) {
	case *rbacpb.Permission_Any:
		return x.Any
	case *rbacpb.Permission_AndRules:
		for _, y := range x.AndRules.GetRules() {
			if !permMatches(y, r, unknown) {
				return false
			}
		}
		return true
	case *rbacpb.Permission_OrRules:
		for _, y := range x.OrRules.GetRules() {
			if permMatches(y, r, unknown) {
				return true
			}
		}
		return false
	case *rbacpb.Permission_NotRule:
		return !permMatches(x.NotRule, r, unknown)
	case *rbacpb.Permission_Header:
		return headerMatches(x.Header, r)
	case *rbacpb.Permission_UrlPath:
		path := r.path
		if i := strings.IndexAny(path, "?#"); i >= 0 {
			path = path[:i]
		}
		return matchString(x.UrlPath.GetPath(), path)
	}
	*unknown = append(*unknown, fmt.Sprintf("permission %T", p.GetRule()))
	return false
}

func principalMatches(p *rbacpb.Principal, r request, unknown *[]string) bool {
	switch x := p.GetIdentifier().(type) {
	case *rbacpb.Principal_Any:
		return x.Any
	case *rbacpb.Principal_AndIds:
		for _, y := range x.AndIds.GetIds() {
			if !principalMatches(y, r, unknown) {
				return false
			}
		}
		return true
	case *rbacpb.Principal_OrIds:
		for _, y := range x.OrIds.GetIds() {
			if principalMatches(y, r, unknown) {
				return true
			}
		}
		return false
	case *rbacpb.Principal_NotId:
		return !principalMatches(x.NotId, r, unknown)
	case *rbacpb.Principal_Authenticated_:
		if x.Authenticated.GetPrincipalName() == nil {
			return r.principal != ""
		}
		return r.principal != "" && matchString(x.Authenticated.GetPrincipalName(), r.principal)
	case *rbacpb.Principal_Header:
		return headerMatches(x.Header, r)
	case *rbacpb.Principal_FilterState:
		if strings.Contains(x.FilterState.GetKey(), "principal") {
			return r.principal != "" && matchString(x.FilterState.GetStringMatch(), r.principal)
		}
	}
	*unknown = append(*unknown, fmt.Sprintf("principal %T", p.GetIdentifier()))
	return false
}
