// `npm run docs`: the API reference of the npm package (components/index.ts is its only entry point, as in
// package.json "exports"), generated from the doc comments into out/api/ (gitignored). Any warning fails.
/** @type {Partial<import("typedoc").TypeDocOptions>} */
module.exports = {
    entryPoints: ["components/index.ts"],
    tsconfig: "tsconfig.build.json",
    out: "out/api",
    name: "meshfed",
    readme: "none",
    excludePrivate: true,
    treatWarningsAsErrors: true,
    // The repository has no remote to link sources to; a broken link per symbol would be worse than none.
    disableSources: true,
    // Components extend Pulumi's classes; their inherited `isInstance` comments link to Pulumi's reference.
    externalSymbolLinkMappings: {
        "@pulumi/pulumi": {
            CustomResource: "https://www.pulumi.com/docs/reference/pkg/nodejs/pulumi/pulumi/classes/CustomResource.html",
            ComponentResource: "https://www.pulumi.com/docs/reference/pkg/nodejs/pulumi/pulumi/classes/ComponentResource.html",
        },
    },
    intentionallyNotExported: [
        // Resolved forms are private by design (STYLE.md (g)): components take intent, resolve it once, and
        // expose the result read-only as `spec`; only the resolvers may make them.
        "ResolvedCa",
        "ResolvedLeaf",
        "ResolvedIngress",
        "ResolvedDeployment",
        "ResolvedCaRequest",
    ],
};
