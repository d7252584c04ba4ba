/**
 * Run as a child process by test/package/standard-mocks.test.ts, with one case name: constructs a component
 * under Pulumi's standard mocks in a way that must fail, with a message that names the component's Args
 * field (a package user has no `meshfed:` config keys).
 */
import "./recipe";
import * as k8s from "@pulumi/kubernetes";
import * as meshfed from "../../../components";

const provider = new k8s.Provider("cluster2", { kubeconfig: "stand-in" });

const cases: Record<string, () => unknown> = {
    // No federation host: refused before anything registers.
    "FederationTrust without hosts": () => new meshfed.FederationTrust("trust", { provider, clusterName: "cluster2", hosts: [] }),
    // The mocks' Service reports no load-balancer address, and none is pinned.
    "IngressGateway without an address": () => new meshfed.IngressGateway("ingress", { provider, namespace: "istio-federation-ingress", cloud: "aws" }),
    // The mocks run no token controller: the reader Secret never holds a token.
    "ReaderToken without a token controller": () => new meshfed.ReaderToken("reader", { provider, clusterName: "cluster2", server: "https://10.0.0.2:6443" }),
};

const name = process.argv[2];
if (!cases[name]) throw new Error(`no case "${name}" (cases: ${Object.keys(cases).join(", ")})`);
cases[name]();
