package envoy

import (
	"encoding/json"
	"fmt"
	"sort"

	"meshfed/verify/internal/plan"
)

// The intent of a cluster, read from its stacks' outputs (the shapes documented in .scratch/design-10.md and
// written by the TypeScript program). Every expected value of the checks comes from here, never from the
// generated Istio objects themselves.

type Address struct {
	IP       string `json:"ip,omitempty"`
	Hostname string `json:"hostname,omitempty"`
}

type Contract struct {
	Version   int      `json:"version"`
	Cluster   string   `json:"cluster"`
	Host      string   `json:"host"`
	Address   *Address `json:"address,omitempty"`
	Port      int      `json:"port,omitempty"`
	CACertPEM string   `json:"caCertPem"`
	Services  []struct {
		Name       string   `json:"name"`
		Namespace  string   `json:"namespace"`
		PathPrefix string   `json:"pathPrefix"`
		Consumers  []string `json:"consumers"`
	} `json:"services"`
}

type IngressGateway struct {
	Namespace      string            `json:"namespace"`
	ReleaseName    string            `json:"releaseName"`
	ServiceHost    string            `json:"serviceHost"`
	Selector       map[string]string `json:"selector"`
	Port           int               `json:"port"`
	CredentialName string            `json:"credentialName"`
}

type EgressGateway struct {
	Namespace   string            `json:"namespace"`
	ReleaseName string            `json:"releaseName"`
	ServiceHost string            `json:"serviceHost"`
	Selector    map[string]string `json:"selector"`
	Credentials map[string]string `json:"credentials"`
}

type Gateways struct {
	Ingress            *IngressGateway              `json:"ingress,omitempty"`
	Egress             *EgressGateway               `json:"egress,omitempty"`
	SidecarCredentials map[string]map[string]string `json:"sidecarCredentials,omitempty"`
}

type ServiceRef struct {
	Name      string `json:"name"`
	Namespace string `json:"namespace"`
	Port      int    `json:"port,omitempty"`
}

type Subset struct {
	Name   string            `json:"name"`
	Labels map[string]string `json:"labels"`
}

type ExportConsumer struct {
	Cluster      string `json:"cluster"`
	Host         string `json:"host"`
	SNI          string `json:"sni"`
	CABundleName string `json:"caBundleName"`
}

// Export is a federation stack's `exports` entry.
type Export struct {
	ExportAs       ServiceRef       `json:"exportAs"`
	PathPrefix     string           `json:"pathPrefix"`
	Service        ServiceRef       `json:"service"`
	Subset         *Subset          `json:"subset,omitempty"`
	Consumers      []ExportConsumer `json:"consumers"`
	Namespace      string           `json:"namespace"`
	CredentialName string           `json:"credentialName"`
}

type Callers struct {
	Labels          map[string]string `json:"labels"`
	ServiceAccounts []string          `json:"serviceAccounts"`
}

// Import is a federation stack's `imports` entry.
type Import struct {
	Peer            string                    `json:"peer"`
	PeerHost        string                    `json:"peerHost"`
	PeerPort        int                       `json:"peerPort"`
	SNI             string                    `json:"sni"`
	Authority       string                    `json:"authority"`
	Service         ServiceRef                `json:"service"`
	PathPrefix      string                    `json:"pathPrefix"`
	As              ServiceRef                `json:"as"`
	LocalSubset     json.RawMessage           `json:"localSubset,omitempty"`
	Canary          map[string]map[string]any `json:"canary,omitempty"`
	RemoteWeight    *int                      `json:"remoteWeight,omitempty"`
	Via             string                    `json:"via"`
	CredentialName  string                    `json:"credentialName"`
	CABundleName    string                    `json:"caBundleName"`
	OriginNamespace string                    `json:"originNamespace"`
	Callers         *Callers                  `json:"callers,omitempty"`
	// ExportHeader: through the egress gateway, the header the caller's remote share carries, valued
	// with the export's path prefix; the egress gateway's route for the peer is chosen by it.
	ExportHeader string `json:"exportHeader,omitempty"`
	// DNSProxy: the callers resolve the local name with Istio's DNS proxy, not Kubernetes DNS.
	DNSProxy bool `json:"dnsProxy,omitempty"`
}

// LocalSubsetName accepts the subset as a name or as {name, labels}.
func (i Import) LocalSubsetName() string {
	if len(i.LocalSubset) == 0 || string(i.LocalSubset) == "null" {
		return ""
	}
	var s string
	if json.Unmarshal(i.LocalSubset, &s) == nil {
		return s
	}
	var o Subset
	if json.Unmarshal(i.LocalSubset, &o) == nil {
		return o.Name
	}
	return ""
}

func (i Import) HasLocal() bool { return len(i.LocalSubset) > 0 && string(i.LocalSubset) != "null" }

// Weight of the remote share, in percent (100 when not set and there is no local version).
func (i Import) Remote() int {
	if i.RemoteWeight != nil {
		return *i.RemoteWeight
	}
	if i.HasLocal() {
		return 0
	}
	return 100
}

func (i Import) LocalHost() string {
	return fmt.Sprintf("%s.%s.svc.cluster.local", i.As.Name, i.As.Namespace)
}

func (i Import) ID() string {
	return fmt.Sprintf("import %s/%s from %s", i.As.Namespace, i.As.Name, i.Peer)
}

func (e Export) ID() string {
	return fmt.Sprintf("export %s/%s (%s)", e.ExportAs.Namespace, e.ExportAs.Name, e.PathPrefix)
}

// Intent is what one cluster's stacks say the federation is.
type Intent struct {
	Cluster  string
	Contract *Contract
	Gateways Gateways
	Imports  []Import
	Exports  []Export
}

func decode(v any, out any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, out)
}

// ReadIntent reads a cluster's intent from its stacks' outputs: the identity stack is the one publishing
// `federation` or `gateways`, the federation stack the one publishing `imports`.
func ReadIntent(c *plan.Cluster) (*Intent, error) {
	in := &Intent{Cluster: c.Name}
	for _, s := range c.Stacks {
		o := s.Outputs
		_, hasContract := o["federation"]
		_, hasGateways := o["gateways"]
		identity := hasContract || hasGateways
		if identity {
			if v, ok := o["federation"]; ok && v != nil {
				in.Contract = &Contract{}
				if err := decode(v, in.Contract); err != nil {
					return nil, fmt.Errorf("stack %s: output federation: %v", s.Name, err)
				}
			}
			if v, ok := o["gateways"]; ok && v != nil {
				if err := decode(v, &in.Gateways); err != nil {
					return nil, fmt.Errorf("stack %s: output gateways: %v", s.Name, err)
				}
			}
			continue
		}
		if v, ok := o["imports"]; ok && v != nil {
			var imps []Import
			if err := decode(v, &imps); err != nil {
				return nil, fmt.Errorf("stack %s: output imports: %v", s.Name, err)
			}
			in.Imports = append(in.Imports, imps...)
		}
		if v, ok := o["exports"]; ok && v != nil {
			var exps []Export
			if err := decode(v, &exps); err != nil {
				return nil, fmt.Errorf("stack %s: output exports: %v", s.Name, err)
			}
			in.Exports = append(in.Exports, exps...)
		}
	}
	sort.SliceStable(in.Imports, func(a, b int) bool { return in.Imports[a].ID() < in.Imports[b].ID() })
	return in, nil
}
