/**
 * Property: whatever a platform engineer writes in an identity stack, planning it either succeeds with a
 * plan that passes every check `npm run plan` runs, or stops with a meshfed message naming a `meshfed:` key,
 * never with a crash (TypeError and the like) and never after registering anything.
 */
import { expect } from "chai";
import fc from "fast-check";
import { PlanError, StackPlan } from "../../engine/run-stack";
import { checkPlan, problemsOf } from "../../validate/check-plan";
import { planMeshfed } from "../support/plan";

const CRASH = /TypeError|ReferenceError|RangeError|SyntaxError|Cannot read propert|is not a function|is not iterable|undefined is not|Maximum call stack/;

/** Values from the domain a field expects, near misses, and junk of other types. */
const label = fc.oneof(fc.constantFrom("cluster1", "cluster2", "bookinfo", "default", "istio-ingress"), fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/), fc.constantFrom("Cluster_2", "", "-a", "a".repeat(64)));
const host = fc.oneof(fc.constantFrom("c2.example.com", "mesh.example.org"), fc.domain(), fc.ipV4(), fc.ipV6(), fc.constantFrom("cluster2", "C2.Example.com", "", "c2..example.com"));
const junk = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.string(), fc.array(fc.string(), { maxLength: 2 }), fc.object({ maxDepth: 1 }));
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(fc.oneof({ weight: 5, arbitrary: arb as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: junk }), { nil: undefined, freq: 3 });

const port = fc.oneof(fc.integer({ min: 1, max: 65535 }), fc.constantFrom(15443, 15021, 15090, 0, 70000), fc.constant("15443"));
const quantity = fc.oneof(fc.constantFrom("250m", "0.5", "128Mi", "1Gi", "1e3"), fc.constantFrom("128 MB", "lots", "-1"));
const cidr = fc.oneof(fc.constantFrom("10.0.0.0/8", "2001:db8::/32", "203.0.113.0/24"), fc.constantFrom("10.0.0.0", "10.0.0.0/33", "::/200", "any"));
const labelValue = fc.oneof(fc.constantFrom("v1", "v2", "reviews"), fc.constantFrom("v 2", "-v", "a".repeat(64), ""), fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,8}$/));

const ingress = fc.record(
    {
        cloud: maybe(fc.constantFrom("aws", "gcp", "azure", "openstack")),
        exposure: maybe(fc.constantFrom("internal", "public", "private")),
        port: maybe(port),
        replicas: maybe(fc.integer({ min: -1, max: 101 })),
        loadBalancerSourceRanges: maybe(fc.array(cidr, { maxLength: 3 })),
        resources: maybe(fc.record({ requests: fc.record({ cpu: quantity, memory: quantity }, { requiredKeys: [] }) }, { requiredKeys: [] })),
        namespace: maybe(label),
    },
    { requiredKeys: [] },
);

const exportItem = (cluster: string) =>
    fc.record(
        {
            service: fc.record({ name: label, namespace: label, port: port }),
            subset: maybe(fc.record({ name: label, labels: fc.dictionary(fc.constantFrom("version", "app", "track"), labelValue, { minKeys: 1, maxKeys: 2 }) })),
            exportAs: maybe(fc.record({ name: label }, { requiredKeys: [] })),
            consumers: fc.oneof(fc.constant(["cluster1"]), fc.array(label, { maxLength: 3 }), fc.constant([cluster])),
        },
        { requiredKeys: ["service", "consumers"] },
    );

/** A valid identity stack, then between none and three fields set to generated values, valid or not. */
const identityConfig = fc
    .record({
        federationHost: fc.oneof({ weight: 4, arbitrary: fc.constantFrom("c2.example.com", "mesh.example.org") }, { weight: 1, arbitrary: host }),
        ingress: fc.record({ ...{ cloud: fc.constantFrom("aws", "gcp", "azure") } }),
        exports: fc.uniqueArray(
            fc.record({ name: fc.constantFrom("reviews", "ratings", "details", "productpage"), version: fc.constantFrom("v1", "v2", "v3") }),
            { minLength: 1, maxLength: 3, selector: (e) => `${e.name}-${e.version}` },
        ),
        tweaks: fc.array(
            fc.oneof(
                fc.record({ at: fc.constant("trust.additionalHosts"), value: fc.array(host, { maxLength: 2 }) as fc.Arbitrary<unknown> }),
                fc.record({ at: fc.constant("trust.ca"), value: fc.record({ algorithm: fc.constantFrom("ECDSA-P256", "ECDSA-P384", "RSA-2048", "ED25519") }) }),
                fc.record({ at: fc.constant("trust.certificates"), value: fc.record({ validityHours: fc.integer({ min: -1, max: 200_000 }), earlyRenewalHours: fc.integer({ min: -1, max: 3000 }) }, { requiredKeys: [] }) }),
                fc.record({ at: fc.constant("trust.sidecarCredentialNamespaces"), value: fc.array(label, { maxLength: 2 }) }),
                fc.record({ at: fc.constant("gateways.ingress"), value: fc.oneof(fc.constant(false), ingress) }),
                fc.record({ at: fc.constant("gateways.egress"), value: fc.record({ peers: fc.array(label, { maxLength: 3 }), namespace: maybe(label) }, { requiredKeys: ["peers"] }) }),
                fc.record({ at: fc.constant("exports"), value: fc.oneof(fc.array(exportItem("cluster2"), { maxLength: 3 }), junk) }),
                fc.record({ at: fc.constant("trust.federationHost"), value: fc.oneof(host, junk) }),
            ),
            { maxLength: 3 },
        ),
    })
    .map((c) => {
        const config: Record<string, any> = {
            "meshfed:cluster": { name: "cluster2" },
            "meshfed:trust": { federationHost: c.federationHost },
            "meshfed:gateways": { ingress: c.ingress },
            "meshfed:exports": c.exports.map((e) => ({
                service: { name: e.name, namespace: "bookinfo", port: 9080 },
                subset: { name: `${e.name}-${e.version}`, labels: { app: e.name, version: e.version } },
                exportAs: { name: `${e.name}-${e.version}` },
                consumers: ["cluster1"],
            })),
        };
        for (const { at, value } of c.tweaks) {
            const [top, field] = at.split(".");
            if (field === undefined) config[`meshfed:${top}`] = value;
            else config[`meshfed:${top}`][field] = value;
        }
        return config;
    });

async function outcome(config: Record<string, unknown>): Promise<{ plan?: StackPlan; error?: unknown }> {
    try {
        return { plan: await planMeshfed(config, { stack: "cluster2" }) };
    } catch (error) {
        return { error };
    }
}

describe("property: an identity stack plans cleanly or is refused by key, never crashes", () => {
    it("holds for generated identity stacks", async function () {
        this.timeout(60_000);
        let planned = 0;
        let refused = 0;
        await fc.assert(
            fc.asyncProperty(identityConfig, async (config) => {
                // Known gap, pending in test/errors/gaps.test.ts: sidecar namespaces without egress peers are
                // refused by the component, after registering, not by key.
                const trust = config["meshfed:trust"] ?? {};
                fc.pre(!(Array.isArray(trust.sidecarCredentialNamespaces) && trust.sidecarCredentialNamespaces.length > 0 && !config["meshfed:gateways"]?.egress));
                const { plan, error } = await outcome(config);
                if (plan) {
                    planned++;
                    const problems = problemsOf(await checkPlan(plan.records, plan.cluster.objects()));
                    expect(problems, `planned, but would not apply: ${JSON.stringify(config)}`).to.deep.equal([]);
                    return;
                }
                refused++;
                expect(error, String(error)).to.be.instanceOf(PlanError);
                const message = (error as PlanError).problems.join("\n");
                expect(message, JSON.stringify(config)).not.to.match(CRASH);
                expect(message, JSON.stringify(config)).to.match(/meshfed:[a-zA-Z]+[^ ]*: .* is not valid; /);
                expect((error as PlanError).records.filter((r) => r.custom && !r.read), "registered before refusing").to.deep.equal([]);
            }),
            { numRuns: 30, seed: 16, endOnFailure: true },
        );
        // The generators must reach both sides, or the property says little.
        expect(planned, "configs that planned").to.be.above(3);
        expect(refused, "configs that were refused").to.be.above(3);
    });
});
