/** Seed 001's example stacks (one control plane in north, south its remote), in plan order. */
export const SEED_001_STACKS = ["north-ca-request", "mesh2-root", "north-mesh", "north-primary", "south-remote", "north-remotes"];
