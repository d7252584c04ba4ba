//go:build tools

// Package tools pins the Istio and Helm modules before the packages using them land.
package tools

import (
	_ "helm.sh/helm/v3/pkg/engine"
	_ "istio.io/istio/pilot/test/xds"
	_ "istio.io/istio/pkg/config/analysis/analyzers"
	_ "istio.io/istio/pkg/config/analysis/local"
)
