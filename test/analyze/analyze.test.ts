import { expect } from "chai";
import { analyze, formatMessage } from "../../analyze";
import { objectsOf } from "./grid";

/** One object with each kind of broken reference, in bookinfo unless said otherwise. */
const brokenPlan = `
# fires MF0102 (its gateway and host are Istio's to check: npm run verify)
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: reviews }
spec:
  gateways: [istio-private-gateways/federation]
  http: [{ match: [{ gateways: [istio-private-gateways/federation] }], route: [{ destination: { host: reviews, subset: v2 } }] }]
---
# fires MF0103 and MF0104
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: federation, namespace: istio-gateways }
spec: { host: peer.example.com, trafficPolicy: { tls: { mode: MUTUAL, credentialName: federation-ingress } } }
`;

describe("analysing what a plan would apply in one cluster", () => {
    it("prints each message like istioctl: level, [code], (Kind namespace/name), text", () => {
        // GIVEN a plan with one broken reference of each kind
        // WHEN it is analysed
        const lines = analyze(objectsOf(brokenPlan)).map(formatMessage);
        // THEN each message names the object and the missing thing; objects without a namespace are in default
        expect(lines).to.deep.equal([
            `Error [MF0103] (DestinationRule istio-gateways/federation) Referenced credential Secret not found: "istio-gateways/federation-ingress"`,
            `Error [MF0104] (DestinationRule istio-gateways/federation) Referenced host not found: "peer.example.com" is neither a Service nor a ServiceEntry host seen from namespace "istio-gateways"`,
            `Error [MF0102] (VirtualService default/reviews) Referenced subset not found: "v2" of host "reviews"`,
        ]);
    });

    it("reports a message with its code, name, level and object", () => {
        const subsetMessages = analyze(objectsOf(brokenPlan)).filter((m) => m.code === "MF0102");
        expect(subsetMessages).to.deep.equal([
            {
                code: "MF0102",
                name: "ReferencedSubsetNotFound",
                level: "Error",
                object: "VirtualService default/reviews",
                text: `Referenced subset not found: "v2" of host "reviews"`,
            },
        ]);
    });

    it("lets existing objects satisfy references without analysing them", () => {
        // GIVEN the cluster already has the credential Secret, the peer's ServiceEntry, the Service, its DestinationRule, and a broken object of its own
        const existing = objectsOf(`
apiVersion: v1
kind: Secret
metadata: { name: federation-ingress, namespace: istio-gateways }
---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: { name: peer, namespace: istio-gateways }
spec: { hosts: [peer.example.com] }
---
apiVersion: v1
kind: Service
metadata: { name: reviews, namespace: default }
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: reviews, namespace: default }
spec: { host: reviews, subsets: [{ name: v2 }] }
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: theirs, namespace: default }
spec: { gateways: [nowhere], http: [{ route: [{ destination: { host: nowhere, subset: v9 } }] }] }
`);
        // WHEN the plan is analysed against them
        // THEN nothing is reported: not the plan's references, not the existing VirtualService
        expect(analyze(objectsOf(brokenPlan), existing)).to.deep.equal([]);
    });

    it("treats a planned object as replacing an existing one of the same identity", () => {
        const planned = objectsOf(`
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: reviews, namespace: bookinfo }
spec: { host: reviews, subsets: [{ name: v1 }] }
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: reviews, namespace: bookinfo }
spec: { http: [{ route: [{ destination: { host: reviews, subset: v2 } }] }] }
`);
        const existing = objectsOf(`
apiVersion: v1
kind: Service
metadata: { name: reviews, namespace: bookinfo }
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: reviews, namespace: bookinfo }
spec: { host: reviews, subsets: [{ name: v1 }, { name: v2 }] }
`);
        // The plan overwrites the rule that had v2: after apply, v2 is gone.
        expect(analyze(planned, existing).map((m) => `${m.code} ${m.object}`)).to.deep.equal(["MF0102 VirtualService bookinfo/reviews"]);
    });

    it("reads malformed specs without throwing, leaving them to schema validation", () => {
        const planned = objectsOf(`
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: odd, namespace: bookinfo }
spec: { gateways: federation, http: { route: [] }, tcp: [null, { route: [{ destination: 3 }] }] }
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: { name: odd, namespace: bookinfo }
spec: { servers: [{ tls: { credentialName: 7, credentialNames: [null] } }] }
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: odd, namespace: bookinfo }
spec: { subsets: oops, trafficPolicy: { portLevelSettings: [1] } }
---
apiVersion: v1
kind: Namespace
metadata: { name: bookinfo }
`);
        expect(analyze(planned)).to.deep.equal([]);
    });
});
