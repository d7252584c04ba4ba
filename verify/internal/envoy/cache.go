package envoy

import (
	"sync"

	"meshfed/verify/internal/plan"
)

var (
	cacheMu  sync.Mutex
	cacheKey []*plan.Cluster
	cacheRes *Result
	cacheErr error
)

// RunOnce is Run, computed once for a given plan (the per-cluster checks of meshfed-verify share it).
func RunOnce(all []*plan.Cluster) (*Result, error) {
	cacheMu.Lock()
	defer cacheMu.Unlock()
	if cacheRes != nil && len(cacheKey) == len(all) && (len(all) == 0 || &cacheKey[0] == &all[0]) {
		return cacheRes, cacheErr
	}
	cacheKey = all
	cacheRes, cacheErr = Run(all)
	return cacheRes, cacheErr
}

// ReportFor returns the report of one cluster.
func (r *Result) ReportFor(cluster string) *Report {
	for i := range r.Reports {
		if r.Reports[i].Cluster == cluster {
			return &r.Reports[i]
		}
	}
	return nil
}
