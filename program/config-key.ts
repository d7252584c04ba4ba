/** Config keys as the `pulumi` CLI names them: `meshfed:<key>`, and which kind of stack each belongs to. */
export const PROJECT = "meshfed";
export const key = (k: string) => `${PROJECT}:${k}`;

/** A cluster's identity stack (`meshfed:trust`), its federation stack (`meshfed:federation`), or either. */
export type StackKind = "identity" | "federation" | "any";

/** Every `meshfed:` key the program reads; any other is a typo, refused by name. */
export const CONFIG_KEYS: Record<string, StackKind> = {
    cluster: "any",
    kubeconfig: "any",
    objects: "any",
    /** Read by the offline engine only (`npm run plan`); ignored by a real deployment. */
    offline: "any",
    trust: "identity",
    gateways: "identity",
    exports: "identity",
    federation: "federation",
    /** Shared-root mesh stacks, one key each; program/mesh-settings.ts keeps each kind apart from the others. */
    meshRoot: "any",
    caRequest: "any",
    mesh: "any",
    /** Cross-network stacks of replicated control planes; program/multinetwork-settings.ts keeps them apart. */
    networkGateway: "any",
    networkImports: "any",
    /** One control plane across networks (primary-remote); program/primary-remote-settings.ts keeps them apart. */
    primary: "any",
    remote: "any",
    primaryRemotes: "any",
};
