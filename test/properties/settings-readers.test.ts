/**
 * Property: each reader of a `meshfed:` key, handed anything YAML can hold (and near misses of what it
 * expects), either returns settings or throws an InputError that names a path under its key. No TypeError,
 * no "cannot read properties of undefined", whatever the shape.
 */
import { expect } from "chai";
import fc from "fast-check";
import { InputError } from "../../components/core/input-error";
import { readFederation } from "../../program/federation-settings";
import { resolveFederationSettings } from "../../program/federation-stack";
import { readIdentity } from "../../program/settings";
import { readCaRequestSettings, readMeshMemberSettings, readMeshRootSettings } from "../../program/mesh-settings";
import { resolveCaRequestPlan } from "../../program/ca-request-stack";

/** Leaves a YAML file can hold, with the strings meshfed's fields expect among them. */
const leaf = fc.oneof(
    fc.constantFrom("cluster1", "cluster2", "c2.example.com", "bookinfo", "reviews", "v2", "10.0.0.0/8", "128Mi", "gcp", "sidecar", "egressGateway", "15s", ""),
    fc.integer({ min: -2, max: 70000 }),
    fc.boolean(),
    fc.constant(null),
    fc.string({ maxLength: 6 }),
);
const KEYS = [
    "federationHost", "additionalHosts", "ca", "certificates", "algorithm", "validityHours", "earlyRenewalHours", "subject", "country",
    "ingress", "egress", "peers", "namespace", "cloud", "port", "replicas", "autoscaling", "minReplicas", "maxReplicas", "resources",
    "loadBalancerSourceRanges", "address", "ip", "hostname", "service", "name", "subset", "labels", "exportAs", "consumers",
    "identityStack", "stack", "contract", "imports", "peer", "as", "localSubset", "remoteWeight", "canary", "exact", "via", "callers",
    "serviceAccounts", "outlierDetection", "interval", "meshId", "clusters", "network", "rootStack", "caRequestStack", "istio",
];
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: "small", withCrossShrink: true }, leaf, fc.array(tie("node"), { maxLength: 3 }), fc.dictionary(fc.constantFrom(...KEYS), tie("node"), { maxKeys: 4 })),
})).node;

const TRUST = { federationHost: "c2.example.com" };
const EXPORT = { service: { name: "reviews", namespace: "bookinfo", port: 9080 }, consumers: ["cluster1"] };

const READERS: [string, string, (raw: unknown) => unknown][] = [
    ["meshfed:trust", "readIdentity", (raw) => readIdentity({ trust: raw, gateways: undefined, exports: undefined }, "cluster2")],
    ["meshfed:gateways", "readIdentity", (raw) => readIdentity({ trust: TRUST, gateways: raw, exports: [EXPORT] }, "cluster2")],
    ["meshfed:exports", "readIdentity", (raw) => readIdentity({ trust: TRUST, gateways: { ingress: { cloud: "gcp" } }, exports: raw }, "cluster2")],
    ["meshfed:federation", "readFederation", (raw) => resolveFederationSettings("cluster1", readFederation(raw, "cluster1"), { gateways: { sidecarCredentials: {} }, peers: {} })],
    ["meshfed:meshRoot", "readMeshRootSettings", (raw) => readMeshRootSettings(raw)],
    ["meshfed:caRequest", "resolveCaRequestPlan", (raw) => resolveCaRequestPlan("east", readCaRequestSettings(raw))],
    ["meshfed:mesh", "readMeshMemberSettings", (raw) => readMeshMemberSettings(raw)],
];

describe("property: every settings reader returns or refuses by key, whatever the shape", () => {
    for (const [key, name, read] of READERS) {
        it(`${name} (${key})`, () => {
            fc.assert(
                fc.property(value, (raw) => {
                    try {
                        read(raw);
                    } catch (err) {
                        expect(err, `${JSON.stringify(raw)} → ${(err as Error).stack}`).to.be.instanceOf(InputError);
                        expect((err as InputError).path, JSON.stringify(raw)).to.satisfy((p: string) => p.startsWith(key) || p.startsWith("meshfed:"));
                    }
                }),
                { numRuns: 300, seed: 16 },
            );
        });
    }
});
