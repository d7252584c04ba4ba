/**
 * Refusals still missing: each is a stack config that should be refused by key before anything registers,
 * and is not yet. Pending until program/ gains the check (the fix is proposed in the test's comment);
 * drop `.skip` then, and move the case into cases.ts with a catalogue ID.
 */
import { expect } from "chai";
import { PlanError } from "../../engine/run-stack";
import { planMeshfed } from "../support/plan";

describe("refusals added after the catalogue was written", () => {
    // Fixed: program/settings.ts refuses meshfed:trust.sidecarCredentialNamespaces when
    // meshfed:gateways.egress.peers is empty, before anything registers.
    it("refuses sidecarCredentialNamespaces without egress peers by key, before registering", async () => {
        let error: unknown;
        try {
            await planMeshfed(
                {
                    "meshfed:cluster": { name: "cluster2" },
                    "meshfed:trust": { federationHost: "c2.example.com", sidecarCredentialNamespaces: ["default"] },
                    "meshfed:gateways": { ingress: { cloud: "gcp" } },
                },
                { stack: "cluster2" },
            );
        } catch (err) {
            error = err;
        }
        expect(error).to.be.instanceOf(PlanError);
        expect((error as PlanError).message).to.contain('meshfed:trust.sidecarCredentialNamespaces: ["default"] is not valid');
        expect((error as PlanError).records.filter((r) => r.custom && !r.read)).to.deep.equal([]);
    });
});
