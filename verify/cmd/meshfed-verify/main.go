// Command meshfed-verify checks a plan directory (`npm run plan -- --out DIR --show-secrets`) with Istio's and
// Helm's own code. Run through `npm run verify`.
package main

import (
	"flag"
	"fmt"
	"os"

	"meshfed/verify/internal/plan"
)

func main() {
	out := flag.String("out", "out/verify", "plan directory: one subdirectory per stack")
	flag.Parse()
	clusters, err := plan.Load(*out)
	if err != nil {
		fmt.Fprintln(os.Stderr, "meshfed-verify:", err)
		os.Exit(1)
	}
	for _, c := range clusters {
		fmt.Printf("cluster %s: %d objects\n", c.Name, len(c.Objects))
	}
}
