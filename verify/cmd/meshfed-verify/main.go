// Command meshfed-verify checks a plan directory (`npm run plan -- --out DIR --show-secrets`, one
// subdirectory per stack) with Istio's and Helm's own code: it renders every Helm release with Helm's engine
// (writing <stack>/rendered.yaml), runs all of Istio's analyzers over each cluster's whole object set, then
// the further checks listed in `checks`. Exit 1 on any finding or failure. Run through `npm run verify`.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"

	"meshfed/verify/internal/analyze"
	"meshfed/verify/internal/plan"
	"meshfed/verify/internal/render"
)

// Report is what a check says about one cluster: counts to print ("Envoy resources checked: 12") and
// findings (each one fails verify).
type Report struct {
	Counts   []Count
	Findings []string
}

// Count is one printed number.
type Count struct {
	Label string
	N     int
}

// Check checks one cluster, knowing all the clusters of the plan (for cross-cluster checks).
type Check struct {
	Name string
	Run  func(c *plan.Cluster, all []*plan.Cluster) (Report, error)
}

// checks run after Istio's analyzers, for every cluster, in this order. Add a check by adding a line here.
var checks = []Check{
	{Name: "envoy", Run: envoyCheck},         // the Envoy config pilot computes for each proxy
	{Name: "handshake", Run: handshakeCheck}, // the mutual-TLS handshakes across clusters
}

func main() {
	out := flag.String("out", "out/verify", "plan directory: one subdirectory per stack (planned with --show-secrets)")
	vendor := flag.String("vendor", "", "vendor/istio directory holding <version>/charts (default: found above the current directory)")
	istioLogs := flag.Bool("istio-logs", false, "show Istio's own log lines (warnings and errors); by default only findings are printed")
	renderStack := flag.String("render-stack", "", "only render the Helm releases of one planned stack directory into its rendered.yaml, and print {\"ns/release\": \"Kind n, …\"} as JSON (npm run plan's summary)")
	flag.Parse()
	analyze.QuietIstioLogs(*istioLogs)
	if *renderStack != "" {
		if err := renderOnly(*renderStack, *vendor); err != nil {
			fmt.Fprintln(os.Stderr, "meshfed-verify:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(*out, *vendor); err != nil {
		fmt.Fprintln(os.Stderr, "meshfed-verify:", err)
		os.Exit(1)
	}
}

func renderOnly(dir, vendor string) error {
	if vendor == "" {
		var err error
		if vendor, err = render.FindRoot("."); err != nil {
			return err
		}
	}
	r := render.New(vendor)
	s, err := plan.LoadReleases(dir)
	if err != nil {
		return err
	}
	if err := r.WriteStack(s); err != nil {
		return err
	}
	kinds := map[string]string{}
	for _, rel := range s.Releases {
		objs, err := r.Release(rel)
		if err != nil {
			return err
		}
		kinds[rel.Namespace+"/"+rel.Name] = render.KindCounts(objs)
	}
	return json.NewEncoder(os.Stdout).Encode(kinds)
}

func run(out, vendor string) error {
	if vendor == "" {
		var err error
		if vendor, err = render.FindRoot("."); err != nil {
			return err
		}
	}
	r := render.New(vendor)
	clusters, err := plan.LoadWith(out, r.Release)
	if err != nil {
		return err
	}
	failures := 0
	fmt.Printf("verify %s: %d cluster(s)\n", out, len(clusters))
	for _, c := range clusters {
		var stacks []string
		for _, s := range c.Stacks {
			stacks = append(stacks, s.Name)
			if err := r.WriteStack(s); err != nil {
				return fmt.Errorf("stack %s: %w", s.Name, err)
			}
		}
		fmt.Printf("\ncluster %s (stacks %s)\n", c.Name, strings.Join(stacks, ", "))
		for _, s := range c.Stacks {
			for _, rel := range s.Releases {
				objs, _ := r.Release(rel)
				fmt.Printf("  helm: release %s/%s (chart %s %s) renders %s\n", rel.Namespace, rel.Name, rel.Chart, rel.Version, render.KindCounts(objs))
			}
		}
		if len(c.Objects) == 0 {
			fmt.Printf("  istio analyze: no Kubernetes objects in this cluster's plan, nothing to analyze\n")
		} else if n, err := analyzeCluster(c, r); err != nil {
			return err
		} else {
			failures += n
		}
		for _, ch := range checks {
			rep, err := ch.Run(c, clusters)
			if err != nil {
				fmt.Printf("  %s: FAILED: %v\n", ch.Name, err)
				failures++
				continue
			}
			var counts []string
			for _, n := range rep.Counts {
				counts = append(counts, fmt.Sprintf("%d %s", n.N, n.Label))
			}
			fmt.Printf("  %s: %s, %d finding(s)\n", ch.Name, strings.Join(counts, ", "), len(rep.Findings))
			for _, f := range rep.Findings {
				fmt.Printf("    %s\n", f)
			}
			failures += len(rep.Findings)
		}
	}
	if failures > 0 {
		return fmt.Errorf("%d finding(s) or failure(s) in %s", failures, out)
	}
	fmt.Printf("\nverify %s: no findings\n", out)
	return nil
}

// analyzeCluster runs Istio's analyzers over one cluster and prints what they found; it returns the number
// of findings.
func analyzeCluster(c *plan.Cluster, r *render.Renderer) (int, error) {
	res, err := analyze.Cluster(c, analyze.Options{Renderer: r})
	if err != nil {
		return 0, fmt.Errorf("cluster %s: %w", c.Name, err)
	}
	fmt.Printf("  istio analyze: %d objects analyzed (%d planned", res.Objects, len(c.Objects))
	var assumed []string
	for origin := range res.Assumed {
		assumed = append(assumed, origin)
	}
	sort.Strings(assumed)
	for _, origin := range assumed {
		fmt.Printf("; %d %s", res.Assumed[origin], origin)
	}
	fmt.Printf("), %d analyzers run", len(res.Analyzers))
	if len(res.Skipped) > 0 {
		fmt.Printf(", skipped by Istio for lack of input: %s", strings.Join(res.Skipped, ", "))
	}
	fmt.Printf(", %d finding(s)\n", len(res.Findings))
	for _, f := range res.Findings {
		fmt.Printf("    %s\n", f)
	}
	for _, f := range res.Notes {
		fmt.Printf("    note (not failing): %s\n", f)
	}
	return len(res.Findings), nil
}
