/** The parts of the example stacks the catalogue's edits break. */
import { Stacks } from "../stacks";

export const exp = (s: Stacks) => s.cluster2["meshfed:exports"][0];
export const imp = (s: Stacks) => s["cluster1-federation"]["meshfed:federation"].imports[0];
export const fed = (s: Stacks, stack = "cluster1-federation") => s[stack]["meshfed:federation"];
export const ingress = (s: Stacks) => s.cluster2["meshfed:gateways"].ingress;
