package envoy

import (
	"fmt"
	"strings"
	"testing"

	"meshfed/verify/internal/plan"
)

// An exporter whose cross-network gateway passes through reviews (subset v2) only, ratings running
// beside it unexported, and a consumer DestinationRule sending the SNI of reviews v2.
func passthroughFixture(t *testing.T, gatewayHosts []any, consumerSNI string) []*plan.Cluster {
	t.Helper()
	objs, err := plan.ParseYAML([]byte(`{apiVersion: v1, kind: Namespace, metadata: {name: bookinfo, labels: {istio-injection: enabled}}}
---
{apiVersion: v1, kind: Namespace, metadata: {name: istio-network-gateway}}
---
apiVersion: v1
kind: Service
metadata: {name: reviews, namespace: bookinfo}
spec: {selector: {app: reviews}, ports: [{name: http, port: 9080}]}
---
apiVersion: v1
kind: Service
metadata: {name: ratings, namespace: bookinfo}
spec: {selector: {app: ratings}, ports: [{name: http, port: 9080}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: istio-network-gateway, namespace: istio-network-gateway}
spec:
  selector: {matchLabels: {istio: network-gateway}}
  template: {metadata: {labels: {istio: network-gateway}}, spec: {serviceAccountName: istio-network-gateway}}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews, namespace: istio-network-gateway}
spec: {host: reviews.bookinfo.svc.cluster.local, subsets: [{name: v2, labels: {version: v2}}]}
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: cross-network, namespace: istio-network-gateway}
spec:
  selector: {istio: network-gateway}
  servers: [{port: {number: 15443, name: tls, protocol: TLS}, tls: {mode: AUTO_PASSTHROUGH}, hosts: []}]
`))
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range objs {
		if o["kind"] == "Gateway" {
			dig(o, "spec", "servers").([]any)[0].(map[string]any)["hosts"] = gatewayHosts
		}
	}
	consumer, err := plan.ParseYAML([]byte(`apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews-remote, namespace: default}
spec:
  host: reviews.bookinfo.global
  subsets: [{name: v2, trafficPolicy: {tls: {mode: ISTIO_MUTUAL, sni: "` + consumerSNI + `"}}}]
`))
	if err != nil {
		t.Fatal(err)
	}
	exporter := &plan.Cluster{Name: "east", Objects: objs, Stacks: []*plan.Stack{{
		Name: "east-network", Cluster: "east",
		Outputs: map[string]any{
			"gateway": map[string]any{"namespace": "istio-network-gateway", "releaseName": "istio-network-gateway"},
			"networkGateway": map[string]any{"cluster": "east", "port": 15443, "services": []any{
				map[string]any{"host": "reviews.bookinfo.svc.cluster.local", "port": 9080, "subsets": []any{"v2"}},
			}},
		},
	}}}
	return []*plan.Cluster{exporter, {Name: "west", Objects: consumer, Stacks: []*plan.Stack{{Name: "west-network-imports", Cluster: "west", Outputs: map[string]any{}}}}}
}

func failuresOf(t *testing.T, clusters []*plan.Cluster) string {
	t.Helper()
	reports, err := Check(clusters)
	if err != nil {
		t.Fatal(err)
	}
	var all []string
	for _, r := range reports {
		all = append(all, r.Failures...)
	}
	return strings.Join(all, "\n")
}

func TestPassthroughOnlyExported(t *testing.T) {
	good := passthroughFixture(t, []any{"bookinfo/reviews.bookinfo.svc.cluster.local"}, "outbound_.9080_.v2_.reviews.bookinfo.svc.cluster.local")
	if f := failuresOf(t, good); f != "" {
		t.Fatalf("the good fixture fails:\n%s", f)
	}
	cases := []struct {
		name  string
		hosts []any
		sni   string
		want  string
	}{
		{"a gateway passing *.local through exposes ratings", []any{"*.local"}, "outbound_.9080_.v2_.reviews.bookinfo.svc.cluster.local", "Service bookinfo/ratings is not exported, yet the passthrough listener has a chain"},
		{"a gateway without the exported host has no chain for it", []any{"bookinfo/ratings.bookinfo.svc.cluster.local"}, "outbound_.9080_.v2_.reviews.bookinfo.svc.cluster.local", "no passthrough filter chain for SNI outbound_.9080_._.reviews.bookinfo.svc.cluster.local"},
		{"a consumer sending its own .global name is closed out", []any{"bookinfo/reviews.bookinfo.svc.cluster.local"}, "outbound_.9080_.v3_.reviews.bookinfo.svc.cluster.local", "sends SNI outbound_.9080_.v3_.reviews.bookinfo.svc.cluster.local, which the exporter's passthrough listener has no chain for"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if f := failuresOf(t, passthroughFixture(t, tc.hosts, tc.sni)); !strings.Contains(f, tc.want) {
				t.Fatalf("want a failure containing %q, got:\n%s", tc.want, f)
			}
		})
	}
}

// A primary (one control plane across networks): its east-west gateway passes istiod's ports through.
func primaryFixture(t *testing.T, webhookTarget int) []*plan.Cluster {
	t.Helper()
	objs, err := plan.ParseYAML([]byte(fmt.Sprintf(`apiVersion: v1
kind: Namespace
metadata: {name: istio-network-gateway}
---
apiVersion: v1
kind: Service
metadata: {name: istiod, namespace: istio-system}
spec: {selector: {app: istiod}, ports: [{name: grpc-xds, port: 15012}, {name: https-webhook, port: 443, targetPort: 15017}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: istio-eastwestgateway, namespace: istio-network-gateway}
spec:
  selector: {matchLabels: {istio: network-gateway}}
  template: {metadata: {labels: {istio: network-gateway}}, spec: {serviceAccountName: istio-eastwestgateway}}
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: istiod, namespace: istio-network-gateway}
spec:
  selector: {istio: network-gateway}
  servers:
    - {port: {number: 15012, name: tls-istiod, protocol: TLS}, tls: {mode: PASSTHROUGH}, hosts: ["*"]}
    - {port: {number: 15017, name: tls-webhook, protocol: TLS}, tls: {mode: PASSTHROUGH}, hosts: ["*"]}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: istiod, namespace: istio-network-gateway}
spec:
  hosts: ["*"]
  gateways: [istiod]
  tls:
    - match: [{port: 15012, sniHosts: ["*"]}]
      route: [{destination: {host: istiod.istio-system.svc.cluster.local, port: {number: 15012}}}]
    - match: [{port: 15017, sniHosts: ["*"]}]
      route: [{destination: {host: istiod.istio-system.svc.cluster.local, port: {number: %d}}}]
`, webhookTarget)))
	if err != nil {
		t.Fatal(err)
	}
	return []*plan.Cluster{{Name: "north", Objects: objs, Rendered: objs, Stacks: []*plan.Stack{{
		Name: "north-primary", Cluster: "north",
		Outputs: map[string]any{
			"primaryControlPlane": map[string]any{"cluster": "north", "port": 15443, "gatewayNamespace": "istio-network-gateway", "istioNamespace": "istio-system"},
			"services":            []any{},
		},
	}}}}
}

func TestIstiodPassthrough(t *testing.T) {
	if f := failuresOf(t, primaryFixture(t, 443)); strings.Contains(f, "istiod") {
		t.Fatalf("the good fixture fails:\n%s", f)
	}
	want := "port 15017 passes through to [outbound|15012||istiod.istio-system.svc.cluster.local], want outbound|443||istiod.istio-system.svc.cluster.local"
	if f := failuresOf(t, primaryFixture(t, 15012)); !strings.Contains(f, want) {
		t.Fatalf("want a failure containing %q, got:\n%s", want, f)
	}
}
