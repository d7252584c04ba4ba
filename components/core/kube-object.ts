/** A Kubernetes object as plain data: what a YAML manifest holds. One shape for the package and its tooling. */
export interface KubeObject {
    apiVersion: string;
    kind: string;
    metadata: {
        /** Absent only before the provider names the object. */
        name?: string;
        namespace?: string;
        labels?: Record<string, string>;
        annotations?: Record<string, string>;
        [field: string]: unknown;
    };
    [field: string]: unknown;
}

/** An object as a user writes it: named. */
export type NamedKubeObject = KubeObject & { metadata: { name: string } };
