#!/usr/bin/env bash
# See meshfed work for real: two kind clusters, Istio, `pulumi up` of the example stacks (cluster1 consumes
# reviews v2 from cluster2), the sample services, then curl across: jason's requests all reach cluster2's v2
# (the canary), the others split about 50/50 between local v1 and remote v2.
#
# Needs Docker, network access (images, charts), and kind, kubectl, helm, pulumi and cloud-provider-kind on
# PATH (cloud-provider-kind gives LoadBalancer Services an address on the kind network, so each cluster's
# gateway is reachable from the other). Not run by CI, which has neither Docker nor network.
# Usage: scripts/demo-kind.sh            (scripts/demo-kind.sh down  deletes the clusters)
set -euo pipefail

ISTIO_VERSION=1.30.3
C1=meshfed-c1 C2=meshfed-c2
REPO=$(cd "$(dirname "$0")/.." && pwd)
SAMPLES=https://raw.githubusercontent.com/istio/istio/release-${ISTIO_VERSION%.*}/samples/bookinfo/platform/kube/bookinfo.yaml

if [[ ${1:-} == down ]]; then kind delete cluster --name "$C1"; kind delete cluster --name "$C2"; exit 0; fi
for tool in docker kind kubectl helm pulumi cloud-provider-kind; do
  command -v "$tool" >/dev/null || { echo "demo-kind: $tool is not on PATH" >&2; exit 1; }
done

step() { printf '\n== %s\n' "$*"; }

step "two kind clusters, and LoadBalancer addresses for them"
for c in "$C1" "$C2"; do kind get clusters | grep -qx "$c" || kind create cluster --name "$c"; done
pgrep -x cloud-provider-kind >/dev/null || { cloud-provider-kind >/tmp/cloud-provider-kind.log 2>&1 & }

step "Istio $ISTIO_VERSION (base + istiod) in each cluster"
helm repo add istio https://istio-release.storage.googleapis.com/charts --force-update >/dev/null
for c in "$C1" "$C2"; do
  helm upgrade --install istio-base istio/base -n istio-system --create-namespace --version "$ISTIO_VERSION" --kube-context "kind-$c" --wait
  helm upgrade --install istiod istio/istiod -n istio-system --version "$ISTIO_VERSION" --kube-context "kind-$c" --wait
done

step "the applications: reviews v1 in cluster1 (default), reviews v2 as myreviews in cluster2 (bookinfo), a curl client"
k1() { kubectl --context "kind-$C1" "$@"; }
k2() { kubectl --context "kind-$C2" "$@"; }
k1 label namespace default istio-injection=enabled --overwrite
k1 apply -f "$SAMPLES" -l service=reviews
k1 apply -f "$SAMPLES" -l account=reviews
k1 apply -f "$SAMPLES" -l app=reviews,version=v1
k1 get pod curl >/dev/null 2>&1 || k1 run curl --image=curlimages/curl --command -- sleep infinity
k2 create namespace bookinfo --dry-run=client -o yaml | k2 apply -f -
k2 label namespace bookinfo istio-injection=enabled --overwrite
k2 -n bookinfo apply -f "$SAMPLES" -l account=reviews
k2 -n bookinfo apply -f "$SAMPLES" -l app=reviews,version=v2
k2 -n bookinfo get service myreviews >/dev/null 2>&1 || k2 -n bookinfo apply -f - <<'YAML'
apiVersion: v1
kind: Service
metadata: { name: myreviews, labels: { app: reviews } }
spec: { ports: [{ name: http, port: 9080 }], selector: { app: reviews } }
YAML
# meshfed's consumer route names subset v1 of the app team's DestinationRule, as in stacks/Pulumi.cluster1-federation.yaml.
k1 apply -f - <<'YAML'
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: reviews, namespace: default }
spec: { host: reviews, subsets: [{ name: v1, labels: { version: v1 } }] }
YAML

step "pulumi up: identity stacks, then federation stacks (local backend, a copy of the project)"
WORK=$(mktemp -d)
tar -C "$REPO" --exclude=./node_modules --exclude=./out --exclude=./.git -cf - . | tar -C "$WORK" -xf -
ln -s "$REPO/node_modules" "$WORK/node_modules"
export PULUMI_BACKEND_URL="file://$WORK/.pulumi" PULUMI_CONFIG_PASSPHRASE=${PULUMI_CONFIG_PASSPHRASE:-demo}
mkdir -p "$WORK/.pulumi"
up() { # stack, kind cluster
  (cd "$WORK" && pulumi stack select --create "$1" >/dev/null &&
    pulumi config set --secret meshfed:kubeconfig "$(kind get kubeconfig --name "$2")" &&
    pulumi up --yes --skip-preview --stack "$1")
}
up cluster2 "$C2"; up cluster1 "$C1"
up cluster2-federation "$C2"; up cluster1-federation "$C1"

step "curl from cluster1: as jason (the canary: all to cluster2's v2)"
k1 wait --for=condition=Ready pod/curl --timeout=180s
k1 -n default rollout status deploy/reviews-v1 --timeout=180s
call() { k1 exec curl -c curl -- curl -s "$@" http://reviews:9080/reviews/0 | grep -o '"podname": *"[^"]*"' || echo '(no answer)'; }
for _ in 1 2 3 4 5; do call -H 'end-user: jason'; done | sort | uniq -c
step "curl from cluster1: anonymous (the split: about half local v1, half cluster2's v2)"
for _ in $(seq 20); do call; done | sort | uniq -c
echo; echo "Done. Stacks in $WORK (backend $PULUMI_BACKEND_URL). Remove the clusters with: $0 down"
