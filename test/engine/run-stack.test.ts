import { expect } from "chai";
import * as fs from "node:fs";
import * as path from "node:path";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { loadBalancerIngress } from "../../engine/addresses";
import { isSecretValue } from "../../engine/secrets";
import { planStack } from "../../engine/run-stack";
import { planProgram, rejectionOf, scratchDir, stackConfig } from "../support/plan";

describe("the offline engine", () => {
    it("rejects two resources with the same URN, naming the URN", async () => {
        const message = await rejectionOf(
            planProgram(() => {
                new k8s.core.v1.Namespace("apps", {});
                new k8s.core.v1.Namespace("apps", {});
            }),
        );
        expect(message).to.match(/Duplicate resource URN 'urn:pulumi:test::meshfed::.*kubernetes:core\/v1:Namespace::apps'/);
    });

    it("accepts the same name under different parents, as the engine does", async () => {
        const plan = await planProgram(() => {
            const a = new pulumi.ComponentResource("meshfed:test:A", "a");
            const b = new pulumi.ComponentResource("meshfed:test:B", "b");
            new k8s.core.v1.Namespace("apps", {}, { parent: a });
            new k8s.core.v1.Namespace("apps", {}, { parent: b });
        });
        expect(plan.records.filter((r) => r.name === "apps")).to.have.length(2);
    });

    it("gives a moved component's children their former URNs as aliases, as the engine does (inherited child aliases)", async () => {
        const plan = await planProgram(() => {
            const stack = new pulumi.ComponentResource("meshfed:test:Stack", "c1");
            // "c1-trust" used to be a top-level component, and was called "trust" before that.
            const trust = new pulumi.ComponentResource("meshfed:test:Trust", "c1-trust", {}, { parent: stack, aliases: [{ parent: pulumi.rootStackResource }, { name: "trust", parent: pulumi.rootStackResource }] });
            new k8s.core.v1.Namespace("c1-trust-ca", {}, { parent: trust });
        });
        const urn = (chain: string, name: string) => `urn:pulumi:test::meshfed::${chain}::${name}`;
        const ca = plan.records.find((r) => r.name === "c1-trust-ca")!;
        expect(ca.urn).to.equal(urn("meshfed:test:Stack$meshfed:test:Trust$kubernetes:core/v1:Namespace", "c1-trust-ca"));
        expect(ca.aliases).to.deep.equal([
            urn("meshfed:test:Trust$kubernetes:core/v1:Namespace", "c1-trust-ca"),
            urn("meshfed:test:Trust$kubernetes:core/v1:Namespace", "trust-ca"),
        ]);
    });

    it("records each resource with its parent and explicit provider", async () => {
        const plan = await planProgram(() => {
            const parent = new pulumi.ComponentResource("meshfed:test:Group", "group");
            const provider = new k8s.Provider("c1", { kubeconfig: "stand-in" }, { parent });
            new k8s.core.v1.Namespace("apps", { metadata: { name: "apps" } }, { parent, provider });
        });
        const group = plan.records.find((r) => r.name === "group")!;
        const provider = plan.records.find((r) => r.type === "pulumi:providers:kubernetes")!;
        const ns = plan.records.find((r) => r.name === "apps")!;
        expect(ns.parent).to.equal(group.urn);
        expect(ns.provider).to.equal(`${provider.urn}::${provider.id}`);
        expect(ns.inputs).to.deep.include({ apiVersion: "v1", kind: "Namespace" });
    });

    it("keeps secret inputs secret in the provider's outputs and in the stack outputs", async () => {
        const plan = await planProgram(() => {
            new k8s.core.v1.Secret("cert", { metadata: { name: "cert" }, stringData: { "tls.key": pulumi.secret("KEY") } });
            return { token: pulumi.secret("t"), host: "c2.example.com" };
        });
        const secret = plan.records.find((r) => r.name === "cert")!;
        expect(isSecretValue(secret.outputs.stringData)).to.equal(true);
        expect(isSecretValue(plan.outputs.token)).to.equal(true);
        expect(plan.outputs.host).to.equal("c2.example.com");
    });

    it("gives LoadBalancer Services a stable address in 192.0.2.0/24, or a DNS name when asked", async () => {
        const program = () => {
            const svc = new k8s.core.v1.Service("gw", {
                metadata: { name: "gw", namespace: "gw" },
                spec: { type: "LoadBalancer", ports: [{ port: 15443 }] },
            });
            return { ingress: svc.status.loadBalancer.ingress };
        };
        const first = await planProgram(program);
        // Stable because it is the address derived from the cluster (the stack planned alone) and the
        // Service's namespace/name, not merely because two runs agree (a constant would agree too).
        expect(first.outputs.ingress).to.deep.equal([loadBalancerIngress("test", "gw", "gw", "ip")]);
        const elsewhere = await planProgram(program, { stack: "other" });
        expect(elsewhere.outputs.ingress).to.deep.equal([loadBalancerIngress("other", "gw", "gw", "ip")]);
        expect(elsewhere.outputs.ingress).to.not.deep.equal(first.outputs.ingress);

        const aws = await planProgram(program, { config: { "meshfed:offline": { loadBalancer: "hostname" } } });
        expect((aws.outputs.ingress as any[])[0]).to.have.all.keys("hostname");
        expect((aws.outputs.ingress as any[])[0].hostname).to.match(/\.elb\.offline\.example\.com$/);
    });

    it("rejects an offline setting it does not know, naming the key", async () => {
        const message = await rejectionOf(planProgram(() => ({}), { config: { "meshfed:offline": { loadBalancer: "elb" } } }));
        expect(message).to.contain('meshfed:offline.loadBalancer: "elb" is not valid; allowed: ip, hostname');
    });

    it("answers .get() of an object the plan created, and refuses one the cluster does not have", async () => {
        const plan = await planProgram(() => {
            const created = new k8s.core.v1.ConfigMap("cm", { metadata: { name: "cm", namespace: "apps" }, data: { a: "1" } });
            const read = k8s.core.v1.ConfigMap.get("cm-read", "apps/cm", { dependsOn: created });
            return { a: read.data };
        });
        expect(plan.outputs.a).to.deep.equal({ a: "1" });

        const message = await rejectionOf(planProgram(() => k8s.core.v1.Service.get("missing", "bookinfo/myreviews")));
        expect(message).to.contain(`Service "bookinfo/myreviews" not found`);
    });

    it("resolves a StackReference from a stack planned earlier into the same output directory", async () => {
        const outDir = scratchDir();
        fs.mkdirSync(path.join(outDir, "cluster2"), { recursive: true });
        fs.writeFileSync(path.join(outDir, "cluster2", "outputs.json"), JSON.stringify({ host: "c2.example.com", key: "[secret]" }));
        const plan = await planProgram(
            () => {
                const peer = new pulumi.StackReference("acme/meshfed/cluster2");
                return { host: peer.getOutput("host"), key: peer.getOutput("key") };
            },
            { stack: "cluster1", outDir },
        );
        expect(plan.outputs.host).to.equal("c2.example.com");
        expect(isSecretValue(plan.outputs.key)).to.equal(true);
    });

    it("fails a StackReference to a stack not planned yet, naming the stack to plan first", async () => {
        const message = await rejectionOf(
            planProgram(() => new pulumi.StackReference("acme/meshfed/cluster9").getOutput("x"), { stack: "cluster1" }),
        );
        expect(message).to.contain(`references stack "acme/meshfed/cluster9", which has not been planned: plan "cluster9" first`);
    });

    it("refuses a resource type it does not emulate, naming it, rather than echoing its inputs", async () => {
        const random = await import("@pulumi/random");
        const message = await rejectionOf(
            planProgram(() => {
                new random.RandomPassword("token", { length: 16 });
            }),
        );
        expect(message).to.contain('random:index/randomPassword:RandomPassword "token": not emulated offline: random:index/randomPassword:RandomPassword');
        class Bucket extends pulumi.CustomResource {
            constructor(name: string) {
                super("acme:storage:Bucket", name, {});
            }
        }
        const other = await rejectionOf(planProgram(() => new Bucket("logs")));
        expect(other).to.contain("not emulated offline: acme:storage:Bucket");
    });

    it("refuses an invoke, naming its token", async () => {
        const tls = await import("@pulumi/tls");
        const message = await rejectionOf(planProgram(async () => tls.getPublicKey({ privateKeyPem: "x" })));
        expect(message).to.contain("not emulated offline: invoke tls:index/getPublicKey:getPublicKey");
    });

    it("names the project after the nearest Pulumi.yaml, as the pulumi CLI does, unless told; a top-level type is not qualified by the stack's", async () => {
        const plan = await planProgram(() => {
            new k8s.core.v1.Namespace("apps", {});
        });
        expect(plan.records.find((r) => r.name === "apps")!.urn).to.equal("urn:pulumi:test::meshfed::kubernetes:core/v1:Namespace::apps");
        const other = await planStack({ program: () => new k8s.core.v1.Namespace("apps", {}), config: stackConfig("dev"), outDir: scratchDir(), project: "acme" });
        expect(other.records.find((r) => r.name === "apps")!.urn).to.equal("urn:pulumi:dev::acme::kubernetes:core/v1:Namespace::apps");
    });

    it("reports an error the program throws, and nothing else", async () => {
        const message = await rejectionOf(
            planProgram(() => {
                throw new Error("meshfed:cluster.name: \"Cluster_1\" is not valid");
            }),
        );
        expect(message).to.equal(`stack "test" failed to plan:\n  - meshfed:cluster.name: "Cluster_1" is not valid`);
    });
});
