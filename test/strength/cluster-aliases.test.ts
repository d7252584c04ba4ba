/**
 * A component renamed with an alias keeps its children's state too: each child, named after its parent,
 * takes an alias of its name under the parent's former name. Only aliases that name the parent plainly
 * can be followed; a URN or a name not known yet says nothing about the child.
 */
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { childAliases } from "../../components/core/aliases";

describe("a renamed component's children keep their state", () => {
    it("derive one alias per former name of the parent, with the child's own suffix", () => {
        const opts = { aliases: [{ name: "cluster1-imports-bundle" }, { name: "imports-bundle" }] };

        expect(childAliases(opts, "cluster1-imports-bundle-istio-federation-egress/cluster2", "cluster1-imports-bundle-istio-federation-egress/cluster2-secret")).to.deep.equal([
            { name: "cluster1-imports-bundle-secret" },
            { name: "imports-bundle-secret" },
        ]);
    });

    it("derive nothing for a parent without aliases, or whose aliases do not name it plainly", () => {
        const unnamed = { aliases: ["urn:pulumi:test::meshfed::meshfed:trust:TrustBundle::old", { parent: pulumi.rootStackResource }, { name: pulumi.output("later") }] };

        expect(childAliases(undefined, "bundle", "bundle-secret")).to.deep.equal([]);
        expect(childAliases({}, "bundle", "bundle-secret")).to.deep.equal([]);
        expect(childAliases(unnamed as pulumi.ComponentResourceOptions, "bundle", "bundle-secret")).to.deep.equal([]);
        expect(childAliases({ aliases: [...unnamed.aliases, { name: "old" }] } as pulumi.ComponentResourceOptions, "bundle", "bundle-secret")).to.deep.equal([{ name: "old-secret" }]);
    });
});
