/**
 * Replacing a shared root without a moment where two clusters distrust each other. Each phase is one
 * `pulumi up` of the root stack followed by every cluster's mesh stack, and each step only adds or only
 * removes a root, as istiod requires to reload `root-cert.pem` in place (ISTIO_MULTIROOT_MESH, subset rule):
 *
 * | phase        | roots that exist | signs the intermediates | `root-cert.pem` (trusted) |
 * |--------------|------------------|-------------------------|---------------------------|
 * | (none)       | current          | current                 | current                   |
 * | `add-new`    | current, next    | current                 | current + next            |
 * | `reissue`    | current, next    | next                    | current + next            |
 * | `remove-old` | next             | next                    | next                      |
 *
 * After `remove-old`, moving `next`'s settings to `ca` and dropping `rollover` changes nothing: the roots
 * are named by their `rotation`, so the new root keeps its name and state.
 */
export const ROLLOVER_PHASES = ["add-new", "reissue", "remove-old"] as const;
export type RolloverPhase = (typeof ROLLOVER_PHASES)[number];

/** Which root plays which part in a phase; `"current"`/`"next"` name the configured roots. */
export interface RootRoles {
    /** The roots the stack keeps (creates, or keeps in state). */
    roots: ("current" | "next")[];
    /** The root that signs every cluster's intermediate. */
    signer: "current" | "next";
    /** The roots every cluster trusts, in this order, in `root-cert.pem`. */
    trusted: ("current" | "next")[];
}

export function rootRoles(phase: RolloverPhase | undefined): RootRoles {
    switch (phase) {
        case undefined:
            return { roots: ["current"], signer: "current", trusted: ["current"] };
        case "add-new":
            return { roots: ["current", "next"], signer: "current", trusted: ["current", "next"] };
        case "reissue":
            return { roots: ["current", "next"], signer: "next", trusted: ["current", "next"] };
        case "remove-old":
            return { roots: ["next"], signer: "next", trusted: ["next"] };
    }
}
