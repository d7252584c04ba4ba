/**
 * A gateway certificate as a peer's TLS stack checks it: its name in the subject and SANs, its principal
 * URI for a client, its key usage, a subject key identifier for chain building, and refusals naming the
 * GatewayCert argument.
 */
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { X509Certificate } from "node:crypto";
import { GatewayCert, GatewayCertArgs, resolveHosts } from "../../components/trust/gateway-cert";
import { MeshCa } from "../../components/trust/mesh-ca";
import { StackPlan } from "../../engine/run-stack";
import { planProgram, rejectionOf } from "../support/plan";

/** DER of the subjectKeyIdentifier extension's OID, 2.5.29.14. */
/** Extended key usages, as node lists them. */
const SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
const CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
const SUBJECT_KEY_ID_OID = Buffer.from([0x06, 0x03, 0x55, 0x1d, 0x0e]);

const withCa = (cert: (ca: MeshCa) => Omit<GatewayCertArgs, "ca"> & { name: string }) => () => {
    const ca = new MeshCa("cluster2-ca", { clusterName: "cluster2" });
    const { name, ...args } = cert(ca);
    return new GatewayCert(name, { ca, ...args });
};

describe("gateway certificates issued by the cluster's federation CA", () => {
    let plan: StackPlan;
    const pems: Record<string, string> = {};
    before(async () => {
        plan = await planProgram(() => {
            const ca = new MeshCa("cluster2-ca", { clusterName: "cluster2" });
            const server = new GatewayCert("cluster2-ingress", { ca, dnsNames: ["c2.example.com", "federation.c2.example.net"], usage: "server" });
            const client = new GatewayCert("cluster2-egress", { ca, dnsNames: ["c2.example.com"], usage: "client", subject: { organization: "Team 2" } });
            pulumi.all([server.certPem, client.certPem, ca.certPem]).apply(([s, c, root]) => Object.assign(pems, { server: s, client: c, root }));
        });
    });
    const x509 = (which: string) => new X509Certificate(pems[which]);

    it("names the first host as the subject's common name, every host as a DNS SAN", () => {
        expect(x509("server").subject).to.include("CN=c2.example.com");
        expect(x509("server").subjectAltName).to.equal("DNS:c2.example.com, DNS:federation.c2.example.net");
        expect(x509("client").subject).to.include("CN=c2.example.com");
        expect(x509("client").subject).to.include("O=Team 2");
    });

    it("gives a client its principal as a spiffe URI SAN, a server none", () => {
        expect(x509("client").subjectAltName).to.equal("DNS:c2.example.com, URI:spiffe://c2.example.com");
    });

    it("is usable as what it is for: a server's for TLS servers only, a client's for TLS clients only", () => {
        expect(x509("server").keyUsage).to.deep.equal([SERVER_AUTH]);
        expect(x509("client").keyUsage).to.deep.equal([CLIENT_AUTH]);
    });

    it("is signed by the CA and carries a subject key identifier", () => {
        for (const which of ["server", "client"]) {
            expect(x509(which).verify(x509("root").publicKey), which).to.equal(true);
            expect(x509(which).raw.includes(SUBJECT_KEY_ID_OID), which).to.equal(true);
        }
    });

    it("registers its key, request and certificate under the GatewayCert", () => {
        const component = plan.records.find((r) => r.type === "meshfed:trust:GatewayCert" && r.name === "cluster2-ingress")!;
        const children = plan.records.filter((r) => r.parent === component.urn).map((r) => [r.type, r.name]);
        expect(children).to.deep.equal([
            ["tls:index/privateKey:PrivateKey", "cluster2-ingress-key"],
            ["tls:index/certRequest:CertRequest", "cluster2-ingress-csr"],
            ["tls:index/locallySignedCert:LocallySignedCert", "cluster2-ingress-cert"],
        ]);
    });
});

describe("gateway certificates refuse, naming the GatewayCert argument", () => {
    const refusal = (args: Record<string, unknown>) =>
        rejectionOf(planProgram(withCa(() => ({ name: "cluster2-ingress", dnsNames: ["c2.example.com"], usage: "server", ...args }) as never)));

    it("a repeated DNS name", async () => {
        expect(await refusal({ dnsNames: ["c2.example.com", "c2.example.com"] })).to.include('GatewayCertArgs.dnsNames[1]: "c2.example.com" is not valid; each host may appear once');
    });

    it("a usage other than server or client", async () => {
        expect(await refusal({ usage: "both" })).to.include('GatewayCertArgs.usage: "both" is not valid');
    });

    it("a certificate that would outlive its CA", async () => {
        expect(await refusal({ validityHours: 100000 })).to.include("GatewayCertArgs.validityHours: 100000 is not valid; a gateway certificate may not outlive its CA");
    });

    it("no DNS name at all, or not a list", () => {
        expect(() => resolveHosts("GatewayCertArgs.dnsNames", [])).to.throw("GatewayCertArgs.dnsNames: [] is not valid; expected a list of at least one DNS name");
        expect(() => resolveHosts("GatewayCertArgs.dnsNames", "c2.example.com")).to.throw('GatewayCertArgs.dnsNames: "c2.example.com" is not valid; expected a list of at least one DNS name');
    });
});
