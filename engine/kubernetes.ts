/**
 * How the offline engine answers the Kubernetes provider: it fills what the API server would (generated
 * names, load-balancer status), installs Helm releases as a record of what they create, and serves
 * `.get()` reads from the objects this plan created or declared as already in the cluster.
 */
import { createHash } from "node:crypto";
import type { KubeObject } from "../components/core/kube-object";
import { LoadBalancerAddressKind, loadBalancerIngress } from "./addresses";

export type { KubeObject };

export const HELM_RELEASE_TYPE = "kubernetes:helm.sh/v3:Release";
export const K8S_PROVIDER_TYPE = "pulumi:providers:kubernetes";

/** `kubernetes:networking.istio.io/v1:Gateway` → apiVersion `networking.istio.io/v1`, kind `Gateway`. */
export function kubeTypeOf(type: string): { apiVersion: string; kind: string } | undefined {
    const m = /^kubernetes:([^:]+):([^:]+)$/.exec(type);
    if (!m || m[1].startsWith("helm.sh/") || m[1] === "yaml" || m[1].startsWith("yaml/")) return undefined;
    const apiVersion = m[1].startsWith("core/") ? m[1].slice("core/".length) : m[1];
    return { apiVersion, kind: m[2] };
}

export const SERVICE_ACCOUNT_TOKEN_TYPE = "kubernetes.io/service-account-token";
export const SERVICE_ACCOUNT_NAME_ANNOTATION = "kubernetes.io/service-account.name";
/** Every offline token starts with this, so a test (or a person) can tell it from a real one, and grep for it. */
export const OFFLINE_TOKEN_PREFIX = "offline-engine-stand-in-token";

/** The stand-in for a ServiceAccount token: stable per cluster, account and resource, marked as offline. */
export function offlineServiceAccountToken(cluster: string, namespace: string, account: string, urn: string): string {
    return `${OFFLINE_TOKEN_PREFIX}.${cluster}.${namespace}.${account}.${createHash("sha256").update(urn).digest("hex").slice(0, 16)}`;
}

/** The stand-in for a cluster's API server CA (`ca.crt`): PEM-framed so it travels like one, but not a certificate. */
export function offlineClusterCa(cluster: string): string {
    const text = Buffer.from(`offline-engine stand-in for the API server CA of cluster ${cluster}; not a certificate`).toString("base64");
    return `-----BEGIN CERTIFICATE-----\n${text}\n-----END CERTIFICATE-----\n`;
}

function objectKey(apiVersion: string, kind: string, namespace: string | undefined, name: string): string {
    return `${apiVersion}/${kind}/${namespace ?? ""}/${name}`;
}

/**
 * One cluster's worth of objects, keyed so reads find what creates wrote. Several stacks of the same
 * cluster (its identity and federation stacks) share one, as they share the real cluster.
 */
export class SimulatedCluster {
    private readonly store = new Map<string, KubeObject>();
    /** What kind of address the cloud gives LoadBalancer Services. */
    loadBalancer: LoadBalancerAddressKind = "ip";

    /** @param name the cluster's name: it seeds load-balancer addresses and names the cluster in errors. */
    constructor(readonly name: string) {}

    /** Objects the cluster already has before a stack runs (declared by the stack's config). */
    seed(objects: KubeObject[]): void {
        for (const o of objects) this.put(o);
    }

    /** Every object in the cluster: seeded, created by stacks, or created by Helm releases. */
    objects(): KubeObject[] {
        return [...this.store.values()].map((o) => structuredClone(o));
    }

    /** The state the API server returns for a created object. */
    create(logicalName: string, urn: string, inputs: Record<string, unknown>, type: string): KubeObject {
        const obj = structuredClone(inputs) as KubeObject;
        obj.metadata = { ...(obj.metadata ?? {}) };
        if (!obj.metadata.name) {
            // The provider auto-names like `<name>-<8 random chars>`; derived from the URN to stay stable.
            obj.metadata.name = `${logicalName}-${createHash("sha256").update(urn).digest("hex").slice(0, 8)}`;
        }
        const t = kubeTypeOf(type);
        if (t) {
            obj.apiVersion ??= t.apiVersion;
            obj.kind ??= t.kind;
        }
        if (obj.apiVersion === "v1" && obj.kind === "Service") this.fillServiceStatus(obj);
        if (obj.apiVersion === "v1" && obj.kind === "Secret" && obj.type === SERVICE_ACCOUNT_TOKEN_TYPE) this.fillServiceAccountToken(obj, urn);
        this.put(obj);
        return obj;
    }

    /** A Helm release: records the objects the chart would create that a program may read back. */
    installRelease(inputs: Record<string, any>): Record<string, unknown> {
        const name: string = inputs.name;
        const namespace: string = inputs.namespace ?? "default";
        if (inputs.chart === "base" && inputs.values?.global?.enableReaderRBAC !== false) {
            // istio/base creates the reader ServiceAccount remote secrets are made for (templates/reader-serviceaccount.yaml).
            const ns = inputs.values?.global?.istioNamespace ?? "istio-system";
            this.put({ apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "istio-reader-service-account", namespace: ns } });
        }
        if (inputs.chart === "gateway") {
            // istio/gateway names its Service after `.Values.name`, else the release.
            const values = inputs.values ?? {};
            const service: KubeObject = {
                apiVersion: "v1",
                kind: "Service",
                metadata: { name: values.name ?? name, namespace, labels: values.labels ?? {} },
                spec: { type: values.service?.type ?? "LoadBalancer", ports: values.service?.ports ?? [] },
            };
            this.fillServiceStatus(service);
            this.put(service);
        }
        return {
            ...inputs,
            status: {
                name,
                namespace,
                chart: inputs.chart,
                version: inputs.version ?? "",
                appVersion: inputs.version ?? "",
                revision: 1,
                status: "deployed",
            },
        };
    }

    /** `.get()` of an object by `namespace/name` (or `name`), failing as the provider does when absent. */
    read(type: string, id: string): KubeObject {
        const t = kubeTypeOf(type);
        if (!t) throw new Error(`offline engine: cannot read resources of type ${type}`);
        const [namespace, name] = id.includes("/") ? id.split("/", 2) : [undefined, id];
        const found = this.store.get(objectKey(t.apiVersion, t.kind, namespace, name));
        if (!found) {
            throw new Error(
                `${t.kind} "${id}" not found in the simulated cluster "${this.name}": ` +
                    `create it in this stack, or declare it as existing in the stack config`,
            );
        }
        return structuredClone(found);
    }

    private put(obj: KubeObject): void {
        this.store.set(objectKey(obj.apiVersion, obj.kind, obj.metadata.namespace, obj.metadata.name ?? ""), obj);
    }

    /**
     * What Kubernetes' token controller writes into a `kubernetes.io/service-account-token` Secret, and the
     * provider waits for (pulumi/pulumi-kubernetes#2048): `token`, `ca.crt`, `namespace`. Offline there is no
     * API server to sign a token or a CA to hand out, so both are stand-ins that say so in their text; a
     * token for a ServiceAccount the cluster does not have fails, as the controller would delete the Secret.
     */
    private fillServiceAccountToken(secret: KubeObject, urn: string): void {
        const namespace = secret.metadata.namespace ?? "default";
        const account = secret.metadata.annotations?.[SERVICE_ACCOUNT_NAME_ANNOTATION];
        if (!account) throw new Error(`Secret ${namespace}/${secret.metadata.name}: a ${SERVICE_ACCOUNT_TOKEN_TYPE} Secret needs the annotation ${SERVICE_ACCOUNT_NAME_ANNOTATION}`);
        if (!this.store.has(objectKey("v1", "ServiceAccount", namespace, account))) {
            throw new Error(`Secret ${namespace}/${secret.metadata.name}: ServiceAccount ${namespace}/${account} not found in the simulated cluster "${this.name}"; create it (or the chart that does) first, with dependsOn`);
        }
        const b64 = (s: string) => Buffer.from(s).toString("base64");
        const data = (secret.data ?? {}) as Record<string, string>;
        secret.data = { ...data, token: b64(offlineServiceAccountToken(this.name, namespace, account, urn)), "ca.crt": b64(offlineClusterCa(this.name)), namespace: b64(namespace) };
    }

    private fillServiceStatus(svc: KubeObject): void {
        const spec = (svc.spec ?? {}) as Record<string, unknown>;
        if (spec.type !== "LoadBalancer") return;
        const ingress = loadBalancerIngress(this.name, svc.metadata.namespace ?? "default", svc.metadata.name ?? "", this.loadBalancer);
        svc.status = { loadBalancer: { ingress: [ingress] } };
    }
}
