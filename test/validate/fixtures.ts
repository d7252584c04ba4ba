/**
 * Valid Istio objects of the kinds meshfed generates, written the way the federation components
 * emit them. Each call returns a fresh copy, so a test can break one field and keep the rest valid.
 */
import { KubeObject } from "../../validate";

export function gateway(): KubeObject {
    return {
        apiVersion: "networking.istio.io/v1",
        kind: "Gateway",
        metadata: { name: "cross-network", namespace: "istio-ingress", labels: { "app.kubernetes.io/managed-by": "meshfed" } },
        spec: {
            selector: { istio: "eastwestgateway" },
            servers: [
                {
                    port: { number: 443, name: "https", protocol: "HTTPS" },
                    hosts: ["bookinfo/reviews.example.com"],
                    tls: { mode: "SIMPLE", credentialName: "bookinfo-cert" },
                },
                { port: { number: 15443, name: "tls", protocol: "TLS" }, hosts: ["*.local"], tls: { mode: "AUTO_PASSTHROUGH" } },
            ],
        },
    };
}

export function virtualService(): KubeObject {
    return {
        apiVersion: "networking.istio.io/v1",
        kind: "VirtualService",
        metadata: { name: "reviews", namespace: "bookinfo" },
        spec: {
            hosts: ["reviews.bookinfo.svc.cluster.local"],
            exportTo: ["."],
            http: [
                { match: [{ headers: { "end-user": { exact: "jason" } } }], route: [{ destination: { host: "reviews", subset: "v2" } }] },
                {
                    route: [
                        { destination: { host: "reviews", subset: "v1", port: { number: 9080 } }, weight: 50 },
                        { destination: { host: "reviews-remote.bookinfo.global" }, weight: 50 },
                    ],
                    timeout: "5s",
                    retries: { attempts: 3, perTryTimeout: "2s" },
                },
            ],
        },
    };
}

export function destinationRule(): KubeObject {
    return {
        apiVersion: "networking.istio.io/v1",
        kind: "DestinationRule",
        metadata: { name: "reviews", namespace: "bookinfo" },
        spec: {
            host: "reviews.bookinfo.svc.cluster.local",
            trafficPolicy: {
                connectionPool: { tcp: { maxConnections: 100, connectTimeout: "30ms" }, http: { http2MaxRequests: 1000, idleTimeout: "1h" } },
                loadBalancer: { simple: "LEAST_REQUEST" },
                outlierDetection: { consecutive5xxErrors: 7, interval: "5m", baseEjectionTime: "15m" },
                tls: { mode: "ISTIO_MUTUAL" },
            },
            subsets: [
                { name: "v1", labels: { version: "v1" } },
                { name: "v2", labels: { version: "v2" }, trafficPolicy: { loadBalancer: { consistentHash: { httpHeaderName: "x-user" } } } },
            ],
        },
    };
}

export function serviceEntry(): KubeObject {
    return {
        apiVersion: "networking.istio.io/v1",
        kind: "ServiceEntry",
        metadata: { name: "reviews-remote", namespace: "bookinfo" },
        spec: {
            hosts: ["reviews.bookinfo.global"],
            addresses: ["240.0.0.2"],
            location: "MESH_INTERNAL",
            resolution: "STATIC",
            ports: [{ number: 9080, name: "http", protocol: "HTTP" }],
            endpoints: [{ address: "192.0.2.10", ports: { http: 15443 }, network: "network2", labels: { cluster: "cluster2" } }],
        },
    };
}

export function wasmPlugin(url: string): KubeObject {
    return {
        apiVersion: "extensions.istio.io/v1alpha1",
        kind: "WasmPlugin",
        metadata: { name: "basic-auth", namespace: "istio-ingress" },
        spec: { url, phase: "AUTHN", selector: { matchLabels: { istio: "ingressgateway" } } },
    };
}

/** The object's `spec` as a plain record, for tests that break one field. */
export function specOf(obj: KubeObject): Record<string, any> {
    return obj.spec as Record<string, any>;
}
