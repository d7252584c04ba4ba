package envoy

import (
	"encoding/json"
	"fmt"
	"net/netip"
	"strings"

	authorizationv1 "k8s.io/api/authorization/v1"
	corev1 "k8s.io/api/core/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	"k8s.io/apimachinery/pkg/runtime"
	k8stesting "k8s.io/client-go/testing"

	networkingv1 "istio.io/api/networking/v1"
	"istio.io/istio/pilot/pkg/config/kube/crd"
	"istio.io/istio/pilot/pkg/features"
	autoallocate "istio.io/istio/pilot/pkg/networking/serviceentry"
	"istio.io/istio/pkg/config"
	"istio.io/istio/pkg/config/schema/collections"
	"istio.io/istio/pkg/config/schema/resource"
	kubelib "istio.io/istio/pkg/kube"

	"meshfed/verify/internal/plan"
)

// converted holds a cluster's objects as pilot takes them: Istio configs (through Istio's own CRD
// conversion and validation) and Kubernetes objects (through Istio's codec), plus the RBAC objects used to
// answer istiod's SubjectAccessReviews the way the API server would.
type converted struct {
	configs  []config.Config
	kube     []runtime.Object
	secrets  map[string]*corev1.Secret // ns/name
	rbac     rbacIndex
	problems []string
	// allocated counts the ServiceEntry addresses handed out (see allocateAddresses), clusterIPs the
	// Services' cluster IPs.
	allocated, clusterIPs int
}

func objectID(o plan.Object) string {
	md, _ := o["metadata"].(map[string]any)
	ns, _ := md["namespace"].(string)
	name, _ := md["name"].(string)
	kind, _ := o["kind"].(string)
	if ns == "" {
		return fmt.Sprintf("%s %s", kind, name)
	}
	return fmt.Sprintf("%s %s/%s", kind, ns, name)
}

func convert(objs []plan.Object) *converted {
	c := &converted{secrets: map[string]*corev1.Secret{}}
	decoder := kubelib.IstioCodec.UniversalDeserializer()
	seen := map[string]bool{}
	for _, o := range objs {
		id := objectID(o)
		apiVersion, _ := o["apiVersion"].(string)
		if seen[apiVersion+" "+id] {
			continue // the same object listed twice (e.g. a stack's object and its replay)
		}
		seen[apiVersion+" "+id] = true
		js, err := json.Marshal(o)
		if err != nil {
			c.problems = append(c.problems, fmt.Sprintf("%s: %v", id, err))
			continue
		}
		if isIstioAPI(apiVersion) {
			ik := crd.IstioKind{}
			if err := json.Unmarshal(js, &ik); err != nil {
				c.problems = append(c.problems, fmt.Sprintf("%s: %v", id, err))
				continue
			}
			gvk := ik.GroupVersionKind()
			s, ok := collections.PilotGatewayAPI().FindByGroupVersionAliasesKind(resource.FromKubernetesGVK(&gvk))
			if !ok {
				continue // telemetry etc. are not pilot's networking input
			}
			cfg, err := crd.ConvertObject(s, &ik, "cluster.local")
			if err != nil {
				c.problems = append(c.problems, fmt.Sprintf("%s: Istio cannot convert it: %v", id, err))
				continue
			}
			if _, err := s.ValidateConfig(*cfg); err != nil {
				c.problems = append(c.problems, fmt.Sprintf("%s: istiod would reject it: %v", id, err))
				continue
			}
			allocateAddresses(cfg, &c.allocated)
			c.configs = append(c.configs, *cfg)
			continue
		}
		if strings.HasPrefix(apiVersion, "apiextensions.k8s.io/") {
			continue // CRDs (the istio/base chart's): pilot knows its own kinds, and the fake client cannot create them
		}
		obj, _, err := decoder.Decode(js, nil, nil)
		if err != nil {
			continue // kinds istiod does not read
		}
		switch t := obj.(type) {
		case *corev1.Secret:
			// The API server folds stringData into data.
			if t.Data == nil {
				t.Data = map[string][]byte{}
			}
			for k, v := range t.StringData {
				t.Data[k] = []byte(v)
			}
			t.StringData = nil
			c.secrets[t.Namespace+"/"+t.Name] = t
		case *corev1.Service:
			// The API server gives every Service but headless and ExternalName ones a cluster IP; pilot
			// treats one without as headless (no VIP, nothing in a DNS proxy's table).
			if t.Spec.ClusterIP == "" && t.Spec.Type != corev1.ServiceTypeExternalName {
				c.clusterIPs++
				t.Spec.ClusterIP = fmt.Sprintf("10.96.%d.%d", c.clusterIPs/256, c.clusterIPs%256)
			}
		case *rbacv1.Role:
			c.rbac.roles = append(c.rbac.roles, t)
		case *rbacv1.RoleBinding:
			c.rbac.roleBindings = append(c.rbac.roleBindings, t)
		case *rbacv1.ClusterRole:
			c.rbac.clusterRoles = append(c.rbac.clusterRoles, t)
		case *rbacv1.ClusterRoleBinding:
			c.rbac.clusterRoleBindings = append(c.rbac.clusterRoleBindings, t)
		}
		c.kube = append(c.kube, obj)
	}
	return c
}

// allocateAddresses writes what istiod's IP auto-allocation controller (pilot/pkg/controllers/ipallocate) would
// write on a ServiceEntry it allocates for (Istio's own ShouldV2AutoAllocateIPFromConfig decides): an address
// per host in status, taken in turn from PILOT_IP_AUTOALLOCATE_IPV4_PREFIX. Pilot then hands them to proxies
// that capture DNS, as it would in a cluster.
func allocateAddresses(cfg *config.Config, allocated *int) {
	se, ok := cfg.Spec.(*networkingv1.ServiceEntry)
	if !ok || !autoallocate.ShouldV2AutoAllocateIPFromConfig(*cfg) {
		return
	}
	prefix := netip.MustParsePrefix(features.IPAutoallocateIPv4Prefix)
	status := &networkingv1.ServiceEntryStatus{}
	for _, h := range se.Hosts {
		*allocated++
		addr := prefix.Addr().As4()
		addr[2], addr[3] = byte(*allocated/256), byte(*allocated%256)
		status.Addresses = append(status.Addresses, &networkingv1.ServiceEntryAddress{Value: netip.AddrFrom4(addr).String(), Host: h})
	}
	cfg.Status = status
}

func isIstioAPI(apiVersion string) bool {
	for _, g := range []string{"networking.istio.io/", "security.istio.io/", "telemetry.istio.io/", "extensions.istio.io/"} {
		if strings.HasPrefix(apiVersion, g) {
			return true
		}
	}
	return false
}

// rbacIndex answers "may user list secrets in namespace" from the cluster's planned RBAC objects, the
// question istiod asks (SubjectAccessReview) before it serves a key Secret to a proxy.
type rbacIndex struct {
	roles               []*rbacv1.Role
	roleBindings        []*rbacv1.RoleBinding
	clusterRoles        []*rbacv1.ClusterRole
	clusterRoleBindings []*rbacv1.ClusterRoleBinding
}

func ruleAllows(r rbacv1.PolicyRule, verb, group, res string) bool {
	if len(r.ResourceNames) > 0 && verb == "list" {
		return false
	}
	return has(r.Verbs, verb) && has(r.APIGroups, group) && has(r.Resources, res)
}

func has(list []string, v string) bool {
	for _, x := range list {
		if x == v || x == "*" {
			return true
		}
	}
	return false
}

func subjectMatches(subjects []rbacv1.Subject, bindingNS, user string) bool {
	for _, s := range subjects {
		switch s.Kind {
		case rbacv1.ServiceAccountKind:
			ns := s.Namespace
			if ns == "" {
				ns = bindingNS
			}
			if user == "system:serviceaccount:"+ns+":"+s.Name {
				return true
			}
		case rbacv1.UserKind:
			if user == s.Name {
				return true
			}
		case rbacv1.GroupKind:
			parts := strings.Split(user, ":")
			if s.Name == "system:serviceaccounts" || (len(parts) == 4 && s.Name == "system:serviceaccounts:"+parts[2]) ||
				s.Name == "system:authenticated" {
				return true
			}
		}
	}
	return false
}

func (x rbacIndex) rules(ref rbacv1.RoleRef, ns string) []rbacv1.PolicyRule {
	if ref.Kind == "ClusterRole" {
		for _, r := range x.clusterRoles {
			if r.Name == ref.Name {
				return r.Rules
			}
		}
		return nil
	}
	for _, r := range x.roles {
		if r.Name == ref.Name && r.Namespace == ns {
			return r.Rules
		}
	}
	return nil
}

func (x rbacIndex) allowed(user, verb, group, res, ns string) bool {
	for _, b := range x.roleBindings {
		if b.Namespace != ns || !subjectMatches(b.Subjects, b.Namespace, user) {
			continue
		}
		for _, r := range x.rules(b.RoleRef, b.Namespace) {
			if ruleAllows(r, verb, group, res) {
				return true
			}
		}
	}
	for _, b := range x.clusterRoleBindings {
		if !subjectMatches(b.Subjects, "", user) {
			continue
		}
		for _, r := range x.rules(b.RoleRef, "") {
			if ruleAllows(r, verb, group, res) {
				return true
			}
		}
	}
	return false
}

// sarReactor answers istiod's SubjectAccessReviews from the planned RBAC objects.
func (x rbacIndex) sarReactor(action k8stesting.Action) (bool, runtime.Object, error) {
	ca, ok := action.(k8stesting.CreateAction)
	if !ok {
		return false, nil, nil
	}
	sar, ok := ca.GetObject().(*authorizationv1.SubjectAccessReview)
	if !ok || sar.Spec.ResourceAttributes == nil {
		return false, nil, nil
	}
	ra := sar.Spec.ResourceAttributes
	out := sar.DeepCopy()
	out.Status.Allowed = x.allowed(sar.Spec.User, ra.Verb, ra.Group, ra.Resource, ra.Namespace)
	if !out.Status.Allowed {
		out.Status.Reason = "no Role or ClusterRole in the plan grants it"
	}
	return true, out, nil
}
