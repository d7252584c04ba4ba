/** The parts of the example stacks the catalogue's edits break. */
import { Stacks } from "../stacks";

export const exp = (s: Stacks) => s.cluster2["meshfed:exports"][0];
export const imp = (s: Stacks) => s["cluster1-federation"]["meshfed:federation"].imports[0];
export const fed = (s: Stacks, stack = "cluster1-federation") => s[stack]["meshfed:federation"];
export const ingress = (s: Stacks) => s.cluster2["meshfed:gateways"].ingress;
export const network = (s: Stacks) => s["east-network"]["meshfed:networkGateway"];
export const networkImports = (s: Stacks) => s["west-network-imports"]["meshfed:networkImports"];
export const netImp = (s: Stacks) => networkImports(s).imports[0];
export const primary = (s: Stacks) => s["east-primary"]["meshfed:primary"];
export const remote = (s: Stacks) => s["south-remote"]["meshfed:remote"];
export const remotes = (s: Stacks) => s["east-remotes"]["meshfed:primaryRemotes"];
/** Moves west to a second mesh, mesh2, with a root of its own (replan west-ca-request and mesh2-root). */
export const westInMesh2 = (s: Stacks) => {
    s["west-ca-request"]["meshfed:caRequest"].meshId = "mesh2";
    s["mesh2-root"] = { "meshfed:meshRoot": { meshId: "mesh2", clusters: { west: { stack: "west-ca-request" } } } };
    s["west-mesh"]["meshfed:mesh"].rootStack = "mesh2-root";
};
