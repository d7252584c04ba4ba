package main

import (
	"fmt"

	"meshfed/verify/internal/envoy"
	"meshfed/verify/internal/handshake"
	"meshfed/verify/internal/plan"
)

// envoyCheck: the Envoy config Istio's pilot computes for the cluster's federation proxies (package envoy).
func envoyCheck(c *plan.Cluster, all []*plan.Cluster) (Report, error) {
	res, err := envoy.RunOnce(all)
	if err != nil {
		return Report{}, err
	}
	rep := res.ReportFor(c.Name)
	if rep == nil {
		return Report{}, fmt.Errorf("no Envoy report for cluster %s", c.Name)
	}
	return Report{
		Counts:   []Count{{"proxies", len(rep.Proxies)}, {"Envoy resources checked", rep.Resources}, {"assertions", rep.Checks}},
		Findings: rep.Failures,
	}, nil
}

// handshakeCheck: the mutual-TLS handshakes of the cluster's imports against their exporters (package
// handshake), with impostors minted by every other cluster's CA.
func handshakeCheck(c *plan.Cluster, all []*plan.Cluster) (Report, error) {
	res, err := envoy.RunOnce(all)
	if err != nil {
		return Report{}, err
	}
	cas := handshake.CAsFromPlan(all)
	var out Report
	n, imports := 0, 0
	for _, r := range handshake.Check(res, cas) {
		if r.Consumer != c.Name {
			continue
		}
		imports++
		n += r.Handshakes
		out.Findings = append(out.Findings, r.Failures...)
	}
	if in, err := envoy.ReadIntent(c); err == nil && len(in.Imports) > imports {
		out.Findings = append(out.Findings, fmt.Sprintf("%d of %d import(s) have no verified TLS material on both ends (see the envoy findings): no handshake run for them",
			len(in.Imports)-imports, len(in.Imports)))
	}
	out.Counts = []Count{{"federation connections", imports}, {"handshakes done", n}, {"CA keys found for impostors", len(cas)}}
	return out, nil
}
