import { expect } from "chai";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { plan } from "../../cli/plan";
import { helmReleasesOf, manifestsOf } from "../../engine/manifests";
import { OFFLINE_TOKEN_PREFIX } from "../../engine/kubernetes";
import { StackPlan } from "../../engine/run-stack";
import { isSecretValue, reveal } from "../../engine/secrets";
import { PrimaryContract, RemoteAccess } from "../../components/primary-remote/control-plane-contract";
import { READER_TOKEN_SECRET } from "../../components/primary-remote/reader-token";
import { scratchDir } from "../support/plan";
import { objectOf, outputOf } from "../support/records";
import { SEED_001_STACKS } from "./stacks";

const EXAMPLE_STACKS = path.join(__dirname, "..", "..", "stacks");

function seed001StacksDir(): string {
    const dir = scratchDir("meshfed-pr-stacks-");
    for (const s of SEED_001_STACKS) fs.copyFileSync(path.join(EXAMPLE_STACKS, `Pulumi.${s}.yaml`), path.join(dir, `Pulumi.${s}.yaml`));
    return dir;
}

function filesUnder(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

const release = (p: StackPlan, name: string, namespace?: string) => {
    const found = helmReleasesOf(p.records).filter((r) => r.name === name && (!namespace || r.namespace === namespace));
    expect(found, `release ${name} in ${p.stack}`).to.have.length(1);
    return { ...found[0], values: reveal(found[0].values) as Record<string, any> };
};

describe("one control plane across networks: seed 001 (stacks north-*, mesh2-root, south-remote)", () => {
    let shown: string;
    let redacted: string;
    let plans: Record<string, StackPlan>;
    let order: string[];

    before(async () => {
        shown = scratchDir();
        redacted = scratchDir();
        // plan() throws on any validation or analysis finding: planning at all is zero findings.
        await plan({ outDir: redacted, showSecrets: false, stacksDir: seed001StacksDir(), log: () => undefined });
        const planned = await plan({ outDir: shown, showSecrets: true, stacksDir: seed001StacksDir(), log: () => undefined });
        order = planned.map((p) => p.stack);
        plans = Object.fromEntries(planned.map((p) => [p.stack, p]));
    });

    const access = (): RemoteAccess => outputOf<RemoteAccess>(plans["south-remote"], "remoteAccess");
    const tokenSecretData = () => reveal(plans["south-remote"].records.find((r) => r.type === "kubernetes:core/v1:Secret" && (r.outputs.metadata as any)?.name === READER_TOKEN_SECRET)!.outputs.data) as Record<string, string>;

    describe("stacks", () => {
        it("plans primary, then remote, then the primary's remote secrets: references run one way", () => {
            expect(order).to.have.members(SEED_001_STACKS);
            for (let i = 1; i < SEED_001_STACKS.length; i++) {
                expect(order.indexOf(SEED_001_STACKS[i - 1]), SEED_001_STACKS[i]).to.be.below(order.indexOf(SEED_001_STACKS[i]));
            }
        });
    });

    describe("the primary", () => {
        it("runs istiod with mesh ID, cluster name and network, as the control plane of remotes (externalIstiod)", () => {
            const istiod = release(plans["north-mesh"], "istiod");
            expect(istiod.values.global).to.deep.include({ meshID: "mesh2", network: "network1", externalIstiod: true });
            expect(istiod.values.global.multiCluster.clusterName).to.equal("north");
        });

        it("opens istiod's ports and 15443 on its east-west gateway, which carries the network label", () => {
            const gw = release(plans["north-primary"], "istio-network-gateway", "istio-network-gateway");
            expect(gw.values.labels["topology.istio.io/network"]).to.equal("network1");
            expect(gw.values.service.ports.map((p: any) => p.port)).to.include.members([15012, 15017, 15443]);
        });

        it("passes TLS through to istiod: 15012 to its xDS port, 15017 to its webhook (Service port 443), on the primary network's gateways only", () => {
            const gateway = objectOf(plans["north-primary"], "Gateway", "istiod", "istio-network-gateway") as any;
            expect(gateway.spec.selector).to.deep.equal({ istio: "network-gateway", "topology.istio.io/network": "network1" });
            expect(gateway.spec.servers.map((s: any) => [s.port.number, s.tls.mode])).to.deep.equal([[15012, "PASSTHROUGH"], [15017, "PASSTHROUGH"]]);
            const vs = objectOf(plans["north-primary"], "VirtualService", "istiod", "istio-network-gateway") as any;
            const routes = vs.spec.tls.map((t: any) => [t.match[0].port, t.route[0].destination.host, t.route[0].destination.port.number]);
            expect(routes).to.deep.equal([[15012, "istiod.istio-system.svc.cluster.local", 15012], [15017, "istiod.istio-system.svc.cluster.local", 443]]);
        });

        it("admits by SNI on 15443 only the services it shares, not *.local", () => {
            const gateway = objectOf(plans["north-primary"], "Gateway", "cross-network", "istio-network-gateway") as any;
            expect(gateway.spec.servers).to.have.length(1);
            expect(gateway.spec.servers[0].tls.mode).to.equal("AUTO_PASSTHROUGH");
            expect(gateway.spec.servers[0].hosts).to.deep.equal(["sample/helloworld.sample.svc.cluster.local"]);
        });
    });

    describe("the remote", () => {
        it("installs Istio's remote profile pointed at the primary's east-west gateway, injecting through the primary with its cluster and network", () => {
            const primary = outputOf<PrimaryContract>(plans["north-primary"], "primaryControlPlane");
            const istiod = release(plans["south-remote"], "istiod");
            expect(istiod.values.profile).to.equal("remote");
            expect(istiod.values.global.remotePilotAddress).to.equal(primary.address.ip).and.to.match(/^192\.0\.2\./);
            expect(istiod.values.global).to.deep.include({ meshID: "mesh2", network: "network2" });
            expect(istiod.values.global.multiCluster.clusterName).to.equal("south");
            expect(istiod.values.istiodRemote.injectionPath).to.equal("/inject/cluster/south/net/network2");
            expect(release(plans["south-remote"], "istio-base").values).to.deep.include({ profile: "remote" });
        });

        it("labels istio-system with its network and annotates it with its control plane's cluster", () => {
            const ns = objectOf(plans["south-remote"], "Namespace", "istio-system");
            expect(ns.metadata.labels).to.include({ "topology.istio.io/network": "network2" });
            expect(ns.metadata.annotations).to.include({ "topology.istio.io/controlPlaneClusters": "north" });
        });

        it("asks Kubernetes for a token of istio-reader-service-account, after istio/base created the account", () => {
            const secret = objectOf(plans["south-remote"], "Secret", READER_TOKEN_SECRET, "istio-system");
            expect(secret.type).to.equal("kubernetes.io/service-account-token");
            expect(secret.metadata.annotations).to.include({ "kubernetes.io/service-account.name": "istio-reader-service-account" });
            const record = plans["south-remote"].records.find((r) => r.type === "kubernetes:core/v1:Secret" && (r.inputs.metadata as any)?.name === READER_TOKEN_SECRET)!;
            const base = plans["south-remote"].records.find((r) => r.type === "kubernetes:helm.sh/v3:Release" && r.inputs.chart === "base")!;
            expect(record.dependencies).to.include(base.urn);
        });

        it("runs its own east-west gateway on its network, in the primary's gateway namespace, with no Istio config of its own", () => {
            const gw = release(plans["south-remote"], "istio-network-gateway", "istio-network-gateway");
            expect(gw.values.labels).to.include({ "topology.istio.io/network": "network2", istio: "network-gateway" });
            const istioConfig = manifestsOf(plans["south-remote"].records).filter(({ object }) => String(object.apiVersion).includes("istio.io"));
            expect(istioConfig, "a remote's Istio config lives on the primary").to.have.length(0);
        });

        it("publishes its API server, CA and reader token as a secret output, and who it is in public", () => {
            expect(isSecretValue(plans["south-remote"].outputs.remoteAccess)).to.equal(true);
            expect(isSecretValue(plans["south-remote"].outputs.remoteCluster)).to.equal(false);
            expect(access()).to.deep.include({ cluster: "south", server: "https://10.20.0.2:443" });
            expect(access().token).to.equal(Buffer.from(tokenSecretData().token, "base64").toString());
        });
    });

    describe("the remote secret on the primary", () => {
        const remoteSecret = () => objectOf(plans["north-remotes"], "Secret", "istio-remote-secret-south", "istio-system");
        const kubeconfig = () => parse((remoteSecret().stringData as Record<string, string>).south);

        it("is labelled for istiod to watch and annotated with the remote's name", () => {
            expect(remoteSecret().metadata.labels).to.include({ "istio/multiCluster": "true" });
            expect(remoteSecret().metadata.annotations).to.deep.equal({ "networking.istio.io/cluster": "south" });
            expect(Object.keys(remoteSecret().stringData as object)).to.deep.equal(["south"]);
        });

        it("holds a kubeconfig (YAML) that targets the remote's API server with its CA and uses the reader token", () => {
            const k = kubeconfig();
            expect(k.kind).to.equal("Config");
            const context = k.contexts.find((c: any) => c.name === k["current-context"]).context;
            const cluster = k.clusters.find((c: any) => c.name === context.cluster).cluster;
            const user = k.users.find((u: any) => u.name === context.user).user;
            expect(cluster.server).to.equal("https://10.20.0.2:443");
            expect(cluster["certificate-authority-data"]).to.equal(tokenSecretData()["ca.crt"]);
            expect(user.token).to.equal(Buffer.from(tokenSecretData().token, "base64").toString()).and.to.match(new RegExp(`^${OFFLINE_TOKEN_PREFIX}\\.south\\.`));
        });

        it("is a secret in state: inputs and outputs of the Secret, and nothing of it in the stack's outputs", () => {
            const record = plans["north-remotes"].records.find((r) => r.type === "kubernetes:core/v1:Secret")!;
            expect(isSecretValue(record.inputs.stringData)).to.equal(true);
            expect(isSecretValue(record.outputs.stringData)).to.equal(true);
            expect(JSON.stringify(reveal(plans["north-remotes"].outputs))).not.to.include(access().token);
        });

        it("never writes the token to any plan file without --show-secrets, in any stack (and does with it: the check is not vacuous)", () => {
            const token = access().token;
            const forms = [token, Buffer.from(token).toString("base64")];
            for (const file of filesUnder(redacted)) {
                const text = fs.readFileSync(file, "utf8");
                for (const f of forms) expect(text.includes(f), path.relative(redacted, file)).to.equal(false);
            }
            const holding = filesUnder(shown).filter((file) => forms.some((f) => fs.readFileSync(file, "utf8").includes(f)));
            expect(holding.map((f) => path.relative(shown, f).split(path.sep)[0])).to.include.members(["south-remote", "north-remotes"]);
        });
    });
});
