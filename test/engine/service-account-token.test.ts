import { expect } from "chai";
import * as k8s from "@pulumi/kubernetes";
import { OFFLINE_TOKEN_PREFIX } from "../../engine/kubernetes";
import { isSecretValue, reveal } from "../../engine/secrets";
import { planProgram, rejectionOf } from "../support/plan";

const tokenSecret = (account: string) =>
    new k8s.core.v1.Secret("reader-token", {
        metadata: { name: "reader-token", namespace: "istio-system", annotations: { "kubernetes.io/service-account.name": account } },
        type: "kubernetes.io/service-account-token",
    });

describe("the offline engine's ServiceAccount tokens", () => {
    it("fills a service-account-token Secret as the token controller does, with a stand-in marked as offline, secret", async () => {
        // GIVEN the ServiceAccount exists WHEN the token Secret is created
        const plan = await planProgram(() => {
            const sa = new k8s.core.v1.ServiceAccount("reader", { metadata: { name: "reader", namespace: "istio-system" } });
            tokenSecret("reader");
            void sa;
        });
        const secret = plan.records.find((r) => r.name === "reader-token")!;
        // THEN data holds token, ca.crt and namespace, all secret, and the token says it is a stand-in
        expect(isSecretValue(secret.outputs.data)).to.equal(true);
        const data = reveal(secret.outputs.data) as Record<string, string>;
        const decoded = (k: string) => Buffer.from(data[k], "base64").toString();
        expect(decoded("token")).to.match(new RegExp(`^${OFFLINE_TOKEN_PREFIX}\\.test\\.istio-system\\.reader\\.[0-9a-f]{16}$`));
        expect(decoded("ca.crt")).to.include("BEGIN CERTIFICATE");
        expect(decoded("namespace")).to.equal("istio-system");
    });

    it("gives istio/base's reader ServiceAccount a token, as the chart creates it", async () => {
        const plan = await planProgram(() => {
            const base = new k8s.helm.v3.Release("base", { name: "istio-base", namespace: "istio-system", chart: "base", values: {} });
            new k8s.core.v1.Secret(
                "reader-token",
                {
                    metadata: { name: "reader-token", namespace: "istio-system", annotations: { "kubernetes.io/service-account.name": "istio-reader-service-account" } },
                    type: "kubernetes.io/service-account-token",
                },
                { dependsOn: [base] },
            );
        });
        const data = reveal(plan.records.find((r) => r.name === "reader-token")!.outputs.data) as Record<string, string>;
        expect(Buffer.from(data.token, "base64").toString()).to.include("istio-reader-service-account");
    });

    it("refuses a token for a ServiceAccount the cluster does not have, naming it", async () => {
        const message = await rejectionOf(planProgram(() => void tokenSecret("nobody")));
        expect(message).to.include('ServiceAccount istio-system/nobody not found in the simulated cluster "test"');
    });
});
