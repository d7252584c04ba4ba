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
        this.put(obj);
        return obj;
    }

    /** A Helm release: records the objects the chart would create that a program may read back. */
    installRelease(inputs: Record<string, any>): Record<string, unknown> {
        const name: string = inputs.name;
        const namespace: string = inputs.namespace ?? "default";
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

    private fillServiceStatus(svc: KubeObject): void {
        const spec = (svc.spec ?? {}) as Record<string, unknown>;
        if (spec.type !== "LoadBalancer") return;
        const ingress = loadBalancerIngress(this.name, svc.metadata.namespace ?? "default", svc.metadata.name ?? "", this.loadBalancer);
        svc.status = { loadBalancer: { ingress: [ingress] } };
    }
}
