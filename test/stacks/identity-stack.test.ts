/**
 * IdentityStack in a program of one's own, given intent (hosts, gateways, exports as specs): the objects
 * the meshfed program registers for the same config, refusals before anything registers, and credential
 * Secrets that wait for the namespaces the stack creates for them.
 */
import { expect } from "chai";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Cluster } from "../../components/cluster/cluster";
import { IdentityStack, IdentityStackArgs, resolveIdentityStackArgs } from "../../components/stacks/identity-stack";
import { PlanError, StackPlan } from "../../engine/run-stack";
import { reveal } from "../../engine/secrets";
import { planMeshfed, planProgram } from "../support/plan";
import { objectOf } from "../support/records";

const INGRESS_NS = "istio-federation-ingress";
const EGRESS_NS = "istio-federation-egress";
const EXPORTS = [
    { service: { name: "reviews", namespace: "bookinfo", port: 9080 }, consumers: ["south"] },
    { service: { name: "ratings", namespace: "bookinfo", port: 9080 }, exportAs: { name: "ratings-v2" }, consumers: ["south", "west"] },
];
/** The same identity as a user's program gives it and as the meshfed program's stack config does. */
const ARGS: IdentityStackArgs = {
    clusterName: "north",
    trust: { hosts: ["north.example.com", "federation.north.example.com"], sidecarCredentialNamespaces: ["web"] },
    gateways: {
        ingress: { namespace: INGRESS_NS, cloud: "gcp", address: { ip: "192.0.2.1" } },
        egress: { namespace: EGRESS_NS, peers: ["south", "west"] },
    },
    exports: EXPORTS,
};
const CONFIG = {
    "meshfed:cluster": { name: "north" },
    "meshfed:trust": { federationHost: "north.example.com", additionalHosts: ["federation.north.example.com"], sidecarCredentialNamespaces: ["web"] },
    "meshfed:gateways": { ingress: { cloud: "gcp", address: { ip: "192.0.2.1" } }, egress: { peers: ["south", "west"] } },
    "meshfed:exports": EXPORTS,
};

/** A user's program: the cluster, and its identity stack given `args`. */
const ownProgram = (args: IdentityStackArgs) => () => {
    const cluster = new Cluster("north", { name: "north", kubeconfig: pulumi.secret("stand-in") });
    new IdentityStack("north", args, { provider: cluster.provider });
};

/** Generated keys and certificates differ between plans: each PEM block stands for its kind. */
const unkeyed = (value: unknown): unknown => JSON.parse(JSON.stringify(value ?? null).replace(/-----BEGIN ([A-Z ]+)-----[^-]*-----END \1-----(\\n)?/g, "<$1>"));
/** What each plan registers, as a reviewer compares them: the stack's own outputs (the program's choice) aside. */
const registered = (p: StackPlan) =>
    p.records
        .filter((r) => r.type !== "pulumi:pulumi:Stack")
        .map((r) => ({ urn: r.urn, parent: r.parent, provider: r.provider, dependencies: [...r.dependencies].sort(), aliases: r.aliases, inputs: unkeyed(reveal(r.inputs)) }));
const record = (p: StackPlan, name: string) => {
    const found = p.records.filter((r) => r.name === name);
    expect(found.map((r) => r.name), name).to.have.length(1);
    return found[0];
};

describe("IdentityStack given intent, in a program of one's own", () => {
    let own: StackPlan;
    let program: StackPlan;
    before(async () => {
        own = await planProgram(ownProgram(ARGS), { stack: "north" });
        program = await planMeshfed(CONFIG, { stack: "north" });
    });

    it("registers the same resources, with the same inputs, parents, providers and dependencies, as the meshfed program for the same config", () => {
        expect(registered(own)).to.deep.equal(registered(program));
    });

    it("creates one namespace per gateway", () => {
        expect(objectOf(own, "Namespace", INGRESS_NS).metadata.labels).to.deep.equal({ "app.kubernetes.io/managed-by": "meshfed" });
        objectOf(own, "Namespace", EGRESS_NS);
    });

    it("puts the server credential in the ingress gateway's namespace only, each peer's client credential in the egress gateway's and the sidecars'", () => {
        const secrets = own.records
            .filter((r) => r.type === "kubernetes:core/v1:Secret")
            .map((r) => reveal(r.inputs) as { type: string; metadata: { name: string; namespace: string } })
            .map((s) => `${s.metadata.namespace}/${s.metadata.name} ${s.type}`)
            .sort();
        expect(secrets).to.deep.equal([
            `${EGRESS_NS}/federation-egress-south kubernetes.io/tls`,
            `${EGRESS_NS}/federation-egress-west kubernetes.io/tls`,
            `${INGRESS_NS}/federation-ingress kubernetes.io/tls`,
            "web/federation-egress-south kubernetes.io/tls",
            "web/federation-egress-west kubernetes.io/tls",
        ]);
    });

    it("installs both gateways' releases in their own namespaces", () => {
        const releases = own.records.filter((r) => r.type === "kubernetes:helm.sh/v3:Release").map((r) => reveal(r.inputs) as { name: string; namespace: string });
        expect(releases.map((r) => `${r.namespace}/${r.name}`).sort()).to.deep.equal([`${EGRESS_NS}/istio-private-egressgateway`, `${INGRESS_NS}/istio-private-ingressgateway`]);
    });

    it("makes each credential Secret wait for its gateway's namespace, created by the stack", () => {
        const ingressNs = record(own, "north-ingress-namespace").urn;
        const egressNs = record(own, "north-egress-namespace").urn;
        expect(record(own, "north-trust-ingress-secret").dependencies).to.include(ingressNs);
        for (const peer of ["south", "west"]) expect(record(own, `north-trust-egress-${peer}-secret`).dependencies, peer).to.include(egressNs);
    });

    it("installs each gateway after its namespace and its credentials", () => {
        const ingress = record(own, "north-ingress-release").dependencies;
        expect(ingress).to.include.members([record(own, "north-ingress-namespace").urn, record(own, "north-trust-ingress-secret").urn]);
        const egress = record(own, "north-egress-release").dependencies;
        expect(egress).to.include.members([record(own, "north-egress-namespace").urn, record(own, "north-trust-egress-south-secret").urn, record(own, "north-trust-egress-west-secret").urn]);
    });

    it("publishes its exports resolved, with their path prefixes, for FederationStack to take as they are", () => {
        let exports: unknown;
        return planProgram(() => {
            const provider = new k8s.Provider("north", { kubeconfig: "stand-in" });
            exports = new IdentityStack("north", ARGS, { provider }).exports;
        }).then(() => {
            expect(exports).to.deep.equal([
                { service: { name: "reviews", namespace: "bookinfo", port: 9080 }, subset: undefined, exportAs: { name: "reviews", namespace: "bookinfo" }, consumers: ["south"], pathPrefix: "/bookinfo/reviews/" },
                {
                    service: { name: "ratings", namespace: "bookinfo", port: 9080 },
                    subset: undefined,
                    exportAs: { name: "ratings-v2", namespace: "bookinfo" },
                    consumers: ["south", "west"],
                    pathPrefix: "/bookinfo/ratings-v2/",
                },
            ]);
        });
    });
});

describe("IdentityStack refuses bad intent before it registers anything", () => {
    /** The refusal of `args`, and what had registered besides the test's provider. */
    async function refusal(args: unknown): Promise<{ message: string; registered: string[] }> {
        try {
            await planProgram(() => {
                const provider = new k8s.Provider("north", { kubeconfig: "stand-in" });
                new IdentityStack("north", args as IdentityStackArgs, { provider });
            });
        } catch (error) {
            expect(error).to.be.instanceOf(PlanError);
            const records = (error as PlanError).records.filter((r) => r.type !== "pulumi:pulumi:Stack" && r.type !== "pulumi:providers:kubernetes");
            return { message: (error as Error).message, registered: records.map((r) => `${r.type} ${r.name}`) };
        }
        throw new Error("planned without complaint");
    }
    const without = <K extends keyof IdentityStackArgs>(k: K) => {
        const { [k]: _, ...rest } = ARGS;
        return rest;
    };

    const cases: [string, unknown, string[]][] = [
        ["exports without an ingress gateway to serve them", { ...ARGS, gateways: { egress: ARGS.gateways!.egress } }, ["IdentityStackArgs.gateways.ingress", "exports are served by the ingress gateway"]],
        [
            "the ingress and egress gateways in one namespace",
            { ...ARGS, gateways: { ...ARGS.gateways, egress: { ...ARGS.gateways!.egress, namespace: INGRESS_NS } } },
            ["IdentityStackArgs.gateways.egress.namespace", "the egress gateway needs a namespace apart from the ingress gateway's"],
        ],
        ["a bad CA key algorithm", { ...ARGS, trust: { ...ARGS.trust, ca: { algorithm: "DSA-1024" } } }, ["IdentityStackArgs.trust.ca.algorithm"]],
        ["a bad CA subject", { ...ARGS, trust: { ...ARGS.trust, ca: { subject: "north CA" } } }, ["IdentityStackArgs.trust.ca.subject"]],
        ["a bad certificate algorithm", { ...ARGS, trust: { ...ARGS.trust, certificates: { algorithm: "none" } } }, ["IdentityStackArgs.trust.certificates.algorithm"]],
        ["an export without its port", { ...ARGS, exports: [{ service: { name: "reviews", namespace: "bookinfo" }, consumers: ["south"] }] }, ["IdentityStackArgs.exports[0].service"]],
        ["an export to itself", { ...ARGS, exports: [{ ...EXPORTS[0], consumers: ["north"] }] }, ["IdentityStackArgs.exports[0].consumers[0]", "a cluster does not import its own services"]],
        ["an export with a path prefix its name disagrees with", { ...ARGS, exports: [{ ...EXPORTS[0], pathPrefix: "/other/" }] }, ["IdentityStackArgs.exports[0].pathPrefix"]],
        ["a bad ingress gateway setting", { ...ARGS, gateways: { ...ARGS.gateways, ingress: { namespace: INGRESS_NS, cloud: "moon" } } }, ["IdentityStackArgs.gateways.ingress.cloud"]],
        // The peers are the gateway's setting, which FederationTrust checks again under its own name: named where the user wrote them.
        ["a bad egress peer", { ...ARGS, gateways: { ...ARGS.gateways, egress: { namespace: EGRESS_NS, peers: ["South!"] } } }, ["IdentityStackArgs.gateways.egress.peers[0]"]],
        ["an egress gateway without its peers", { ...ARGS, gateways: { ...ARGS.gateways, egress: { namespace: EGRESS_NS } } }, ["IdentityStackArgs.gateways.egress.peers", "list the clusters this one imports from (at least one)"]],
        ["an egress peer listed twice", { ...ARGS, gateways: { ...ARGS.gateways, egress: { namespace: EGRESS_NS, peers: ["south", "south"] } } }, ["IdentityStackArgs.gateways.egress.peers[1]", "each peer once"]],
        ["itself among the egress peers", { ...ARGS, gateways: { ...ARGS.gateways, egress: { namespace: EGRESS_NS, peers: ["north"] } } }, ["IdentityStackArgs.gateways.egress.peers[0]", "a cluster does not import from itself"]],
        [
            "sidecar credential copies without an egress gateway's peers",
            { ...ARGS, trust: { ...ARGS.trust, sidecarCredentialNamespaces: ["web"] }, gateways: { ingress: ARGS.gateways!.ingress } },
            ["IdentityStackArgs.trust.sidecarCredentialNamespaces", "list those peers in IdentityStackArgs.gateways.egress.peers"],
        ],
        // A misspelt setting (or one of FederationTrust's that the stack sets itself) is refused, not dropped.
        ["a misspelt trust setting", { ...ARGS, trust: { ...ARGS.trust, sidecarCredentialNamespace: ["web"] } }, ["IdentityStackArgs.trust.sidecarCredentialNamespace", "known settings at IdentityStackArgs.trust: hosts, ca, certificates, sidecarCredentialNamespaces"]],
        ["FederationTrust's own ingressNamespace among the trust settings", { ...ARGS, trust: { ...ARGS.trust, ingressNamespace: "elsewhere" } }, ["IdentityStackArgs.trust.ingressNamespace"]],
        ["no hosts", { ...ARGS, trust: { hosts: [] } }, ["IdentityStackArgs.trust.hosts"]],
        ["no trust at all", without("trust"), ["IdentityStackArgs.trust"]],
        ["a bad cluster name", { ...ARGS, clusterName: "North" }, ["IdentityStackArgs.clusterName"]],
    ];
    for (const [what, args, expected] of cases) {
        it(`refuses ${what}, naming the field`, async () => {
            const { message, registered } = await refusal(args);
            for (const e of expected) expect(message).to.include(e);
            expect(registered).to.deep.equal([]);
        });
    }

    it("refuses them in its resolver alike, which a program calls before it creates the cluster's provider", () => {
        expect(() => resolveIdentityStackArgs({ ...ARGS, gateways: {} })).to.throw("IdentityStackArgs.gateways.ingress");
        expect(() => resolveIdentityStackArgs({ ...ARGS, trust: { ...ARGS.trust, ca: { algorithm: "DSA-1024" } } }, { paths: { trust: "meshfed:trust" } })).to.throw("meshfed:trust.ca.algorithm");
    });
});
