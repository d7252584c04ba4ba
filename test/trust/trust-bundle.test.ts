/**
 * TrustBundle: the CA certificates one peer's proxies accept, as the Secret Istio reads `ca.crt` from. Bad
 * literal certificates are refused before anything is registered; computed ones when they resolve.
 */
import { expect } from "chai";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { InputError } from "../../components/core/input-error";
import { TrustBundle, TrustBundleArgs } from "../../components/trust/trust-bundle";
import { StackPlan } from "../../engine/run-stack";
import { reveal } from "../../engine/secrets";
import { unrelatedLeaf } from "../mesh/pki";
import { planRefusal } from "../mesh/strength-plan-refusal";
import { planProgram } from "../support/plan";
import { objectOf } from "../support/records";

const KEY_PEM_LINE = "-----BEGIN PRIVATE KEY-----";
const COMPONENT = "meshfed:trust:TrustBundle";

/** Plans one TrustBundle `bundle` in namespace federation-egress with a provider of its own. */
function planBundle(args: Omit<TrustBundleArgs, "provider" | "namespace">, opts?: pulumi.ComponentResourceOptions): Promise<StackPlan> {
    return planProgram(() => {
        new TrustBundle("bundle", { provider: new k8s.Provider("cluster1", { kubeconfig: "stand-in" }), namespace: "federation-egress", ...args }, opts);
    });
}

describe("TrustBundle", () => {
    let ca1: string;
    let ca2: string;
    before(async () => {
        [ca1, ca2] = [(await unrelatedLeaf()).cert, (await unrelatedLeaf()).cert];
    });

    describe("planned with one peer's old and new CA", () => {
        let plan: StackPlan;
        before(async () => {
            plan = await planBundle({ secretName: "federation-ca-cluster2", caCertificates: [ca1, pulumi.output(ca2), ca1] }, { aliases: [{ name: "old-bundle" }] });
        });

        it("writes both CAs, each once and in the order given, to ca.crt of an Opaque Secret in the proxy's namespace", () => {
            const secret = objectOf(plan, "Secret", "federation-ca-cluster2", "federation-egress");
            expect(secret.type).to.equal("Opaque");
            expect(secret.metadata.labels).to.deep.equal({ "app.kubernetes.io/managed-by": "meshfed" });
            expect(secret.stringData).to.deep.equal({ "ca.crt": `${ca1.trim()}\n${ca2.trim()}\n` });
        });

        it("creates the Secret under the component, on the given cluster's provider, keeping the state of a renamed bundle", () => {
            const component = plan.records.find((r) => r.type === COMPONENT)!;
            const secret = plan.records.find((r) => r.type === "kubernetes:core/v1:Secret")!;
            expect(secret.name).to.equal("bundle-secret");
            expect(secret.parent).to.equal(component.urn);
            expect(secret.provider).to.match(/::cluster1::/);
            expect(secret.aliases).to.have.length(1);
            expect(secret.aliases![0]).to.match(/::old-bundle-secret$/);
        });

        it("publishes the Secret's name and the bundle as the component's outputs", () => {
            const component = plan.records.find((r) => r.type === COMPONENT)!;
            expect(reveal(component.outputs)).to.deep.equal({ secretName: "federation-ca-cluster2", bundlePem: `${ca1.trim()}\n${ca2.trim()}\n` });
        });
    });

    it("refuses a Secret name that is no DNS label, before registering anything", async () => {
        const { message, registered } = await planRefusal(planBundle({ secretName: "Federation_CA", caCertificates: [ca1] }));
        expect(message).to.include('TrustBundleArgs.secretName: "Federation_CA" is not valid; expected a DNS-1123 label');
        expect(registered).to.deep.equal([]);
    });

    it("refuses an empty bundle, which would accept no peer at all, before registering anything", async () => {
        const { message, registered } = await planRefusal(planBundle({ secretName: "federation-ca-cluster2", caCertificates: [] }));
        expect(message).to.include("TrustBundleArgs.caCertificates: [] is not valid; a trust bundle needs at least one CA certificate");
        expect(registered).to.deep.equal([]);
    });

    it("refuses a private key given as a literal CA, naming its position and not echoing it, before registering anything", async () => {
        const { message, registered } = await planRefusal(planBundle({ secretName: "federation-ca-cluster2", caCertificates: [ca1, `${KEY_PEM_LINE}\nMIIE\n-----END PRIVATE KEY-----`] }));
        expect(message).to.include('TrustBundleArgs.caCertificates[1]: "(PEM PRIVATE KEY, not shown)" is not valid').and.not.include("MIIE");
        expect(registered).to.deep.equal([]);
    });

    it("refuses a computed CA that is no certificate when it resolves, naming its position", async () => {
        const { message } = await planRefusal(planBundle({ secretName: "federation-ca-cluster2", caCertificates: [pulumi.output("not a certificate"), ca1] }));
        expect(message).to.include('TrustBundleArgs.caCertificates[0]: "(text, not shown)" is not valid');
    });

    it("names the position in the list given of a bad literal CA listed after a computed one", async () => {
        const { message } = await planRefusal(planBundle({ secretName: "federation-ca-cluster2", caCertificates: [pulumi.output(ca1), "ca2.pem"] }));
        expect(message).to.include('TrustBundleArgs.caCertificates[1]: "(text, not shown)" is not valid').and.not.include("caCertificates[0]");
    });

    it("checks literal CAs with the InputError every resolver throws", () => {
        // Thrown by the constructor itself, before Pulumi sees the component.
        expect(() => new TrustBundle("b", { provider: undefined as never, namespace: "n", secretName: "s", caCertificates: ["x"] })).to.throw(InputError, "TrustBundleArgs.caCertificates[0]");
    });
});
