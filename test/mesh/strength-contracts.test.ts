/**
 * The contracts between shared-root stacks as read: a stack planned by another meshfed, or not a meshfed
 * stack of that kind at all, fails naming the stack and the field; a secret output is never taken.
 */
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { writeStackPlan } from "../../cli/plan-files";
import { readCaRequest, readMeshRoot, readStackOutput } from "../../components/mesh/mesh-contracts";
import { planProgram, rejectionOf, scratchDir } from "../support/plan";

const CSR = "-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n";
const request = () => ({
    version: 1,
    cluster: "east",
    meshId: "mesh1",
    network: "network1",
    certRequestPem: CSR,
    publicKeyPem: "-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----\n",
    keySecret: { namespace: "istio-system", name: "meshfed-ca-key" } as Record<string, unknown>,
} as Record<string, unknown>);
const signed = (c: string) => ({ certPem: `${c} cert`, certChainPem: `${c} chain` } as Record<string, unknown>);
const root = () => ({ version: 1, meshId: "mesh1", rootCertPem: "roots", intermediates: { east: signed("east"), west: signed("west") } as Record<string, Record<string, unknown>> } as Record<string, unknown>);

/** Each edit of a valid contract and the message it must fail with, after `stack "<stack>": `. */
type Case = [string, (c: Record<string, any>) => unknown, string];

const NOT_OBJECTS: [string, unknown][] = [["a string", "meshCaRequest"], ["null", null], ["a list", [request()]], ["missing", undefined]];

describe("a CA-request stack's meshCaRequest as read", () => {
    it("returns a well-formed request as published", () => {
        expect(readCaRequest("east-ca-request", request())).to.deep.equal(request());
    });

    for (const [what, raw] of NOT_OBJECTS) {
        it(`refuses an output that is ${what}, naming the stack and the output`, () => {
            expect(() => readCaRequest("east-ca-request", raw)).to.throw(Error, /^stack "east-ca-request": output meshCaRequest is not an object$/);
        });
    }

    const cases: Case[] = [
        ["another contract version", (c) => (c.version = 2), "meshCaRequest.version is 2, this meshfed reads version 1; upgrade the older side"],
        ["no contract version", (c) => delete c.version, "meshCaRequest.version is undefined, this meshfed reads version 1; upgrade the older side"],
        ["a version written as text", (c) => (c.version = "1"), 'meshCaRequest.version is "1", this meshfed reads version 1; upgrade the older side'],
        ["no cluster", (c) => delete c.cluster, "meshCaRequest.cluster is missing or not a string"],
        ["an empty mesh ID", (c) => (c.meshId = ""), "meshCaRequest.meshId is missing or not a string"],
        ["a network that is not text", (c) => (c.network = 1), "meshCaRequest.network is missing or not a string"],
        ["no public key", (c) => (c.publicKeyPem = null), "meshCaRequest.publicKeyPem is missing or not a string"],
        ["a request that is not a PEM certificate request", (c) => (c.certRequestPem = "-----BEGIN CERTIFICATE-----"), "meshCaRequest.certRequestPem is not a PEM certificate request"],
        ["no key Secret", (c) => delete c.keySecret, "meshCaRequest.keySecret is missing or not an object"],
        ["a key Secret given as text", (c) => (c.keySecret = "istio-system/meshfed-ca-key"), "meshCaRequest.keySecret is missing or not an object"],
        ["a key Secret that is null", (c) => (c.keySecret = null), "meshCaRequest.keySecret is missing or not an object"],
        ["a key Secret that is a list", (c) => (c.keySecret = ["istio-system", "meshfed-ca-key"]), "meshCaRequest.keySecret is missing or not an object"],
        ["a key Secret without its namespace", (c) => delete c.keySecret.namespace, "meshCaRequest.keySecret.namespace is missing or not a string"],
        ["a key Secret with an empty name", (c) => (c.keySecret.name = ""), "meshCaRequest.keySecret.name is missing or not a string"],
    ];
    for (const [what, edit, message] of cases) {
        it(`refuses ${what}: ${message}`, () => {
            const c = request();
            edit(c);
            expect(() => readCaRequest("org/meshfed/east-ca-request", c)).to.throw(Error, `stack "org/meshfed/east-ca-request": ${message}`).with.property("message", `stack "org/meshfed/east-ca-request": ${message}`);
        });
    }
});

describe("the root stack's meshRoot as read", () => {
    it("returns the roots and every cluster's signed intermediate as published", () => {
        expect(readMeshRoot("mesh-root", root())).to.deep.equal(root());
        expect(readMeshRoot("mesh-root", { ...root(), intermediates: {} }).intermediates).to.deep.equal({});
    });

    it("refuses an output that is not an object or of another contract version", () => {
        expect(() => readMeshRoot("mesh-root", [root()])).to.throw('stack "mesh-root": output meshRoot is not an object');
        expect(() => readMeshRoot("mesh-root", { ...root(), version: 0 })).to.throw('stack "mesh-root": meshRoot.version is 0, this meshfed reads version 1');
    });

    const cases: Case[] = [
        ["no mesh ID", (c) => delete c.meshId, "meshRoot.meshId is missing or not a string"],
        ["an empty root bundle", (c) => (c.rootCertPem = ""), "meshRoot.rootCertPem is missing or not a string"],
        ["intermediates given as a list", (c) => (c.intermediates = [signed("east")]), "meshRoot.intermediates is missing or not an object"],
        ["one cluster's intermediate missing its certificate", (c) => delete c.intermediates.west.certPem, "meshRoot.intermediates.west.certPem is missing or not a string"],
        ["one cluster's intermediate missing its chain", (c) => (c.intermediates.east.certChainPem = 7), "meshRoot.intermediates.east.certChainPem is missing or not a string"],
    ];
    for (const [what, edit, message] of cases) {
        it(`refuses ${what}: ${message}`, () => {
            const c = root();
            edit(c);
            expect(() => readMeshRoot("mesh-root", c)).to.throw(Error).with.property("message", `stack "mesh-root": ${message}`);
        });
    }
});

describe("a stack output read for a mesh contract", () => {
    let out: string;
    const read = async (output: string) => {
        let value: unknown;
        await planProgram(async () => {
            value = await readStackOutput("east-ca-request", output);
        }, { stack: "mesh-root", outDir: out });
        return value;
    };

    before(async () => {
        out = scratchDir();
        const publisher = await planProgram(() => ({ meshCaRequest: { version: 1, cluster: "east" }, key: pulumi.secret("PRIVATE") }), { stack: "east-ca-request", outDir: out });
        writeStackPlan(out, publisher, false);
    });

    it("is the published value", async () => {
        expect(await read("meshCaRequest")).to.deep.equal({ version: 1, cluster: "east" });
    });

    it("refuses a secret output, even one this process could decrypt: contracts hold public certificates only", async () => {
        expect(await rejectionOf(read("key"))).to.include('stack "east-ca-request": output key is a secret; a mesh contract holds public certificates only').and.not.include("PRIVATE");
    });

    it("refuses a missing output, asking whether the stack is of that kind and planned", async () => {
        expect(await rejectionOf(read("meshRoot"))).to.include('stack "east-ca-request": output meshRoot is missing; is it a meshfed stack of that kind, planned or deployed?');
    });
});
