/**
 * What one primary-remote stack reads of another: a stack planned by another meshfed, or not a meshfed stack
 * at all, fails naming the stack, the output and the field, never half-read.
 */
import { expect } from "chai";
import { readPrimaryContract, readRemoteAccess, readRemoteClusterContract } from "../../components/primary-remote/control-plane-contract";
import { NORTH_PRIMARY } from "./published";

const primary = NORTH_PRIMARY;
const remoteCluster = { version: 1, cluster: "south", meshId: "mesh2", network: "network2", primary: "north" };
const access = { version: 1, cluster: "south", server: "https://10.20.0.2:443", certificateAuthorityData: "Q0E=", token: "tok" };

const readers = [
    { output: "primaryControlPlane", stack: "north-primary", kind: "<cluster>-primary", read: readPrimaryContract, valid: primary as Record<string, unknown> },
    { output: "remoteCluster", stack: "south-remote", kind: "<cluster>-remote", read: readRemoteClusterContract, valid: remoteCluster as Record<string, unknown> },
    { output: "remoteAccess", stack: "south-remote", kind: "<cluster>-remote", read: readRemoteAccess, valid: access as Record<string, unknown> },
];

describe("the contracts between primary-remote stacks, read field by field", () => {
    for (const { output, stack, kind, read, valid } of readers) {
        describe(output, () => {
            it("is read as published", () => {
                expect(read(stack, structuredClone(valid))).to.deep.equal(valid);
            });

            for (const [what, raw] of [["missing", undefined], ["null", null], ["a list", [valid]], ["a string", "[secret]"]] as const) {
                it(`refuses it ${what}, asking whether the stack is a ${kind} stack`, () => {
                    expect(() => read(stack, raw)).to.throw(`stack "${stack}": ${output} is missing or not an object; is it a meshfed ${kind} stack, planned or deployed?`);
                });
            }

            for (const version of [2, undefined, "1"]) {
                it(`refuses version ${JSON.stringify(version)}, naming the version it reads`, () => {
                    expect(() => read(stack, { ...valid, version })).to.throw(`stack "${stack}": ${output}.version is ${JSON.stringify(version)}, this meshfed reads version 1; upgrade the older side`);
                });
            }

            const fields = Object.keys(valid).filter((f) => typeof valid[f] === "string");
            for (const field of fields) {
                for (const [what, value] of [["missing", undefined], ["empty", ""], ["a number", 7]] as const) {
                    it(`refuses .${field} ${what}`, () => {
                        expect(() => read(stack, { ...valid, [field]: value })).to.throw(`stack "${stack}": ${output}.${field} is missing or not a string`);
                    });
                }
            }
        });
    }

    describe("primaryControlPlane's gateway address and port", () => {
        it("takes the east-west gateway by IP or by DNS name", () => {
            expect(readPrimaryContract("north-primary", { ...primary, address: { hostname: "ew.north.example.com" } }).address).to.deep.equal({ hostname: "ew.north.example.com" });
            expect(readPrimaryContract("north-primary", primary).address).to.deep.equal({ ip: "192.0.2.7" });
        });

        for (const [what, address] of [["missing", undefined], ["empty", {}], ["neither ip nor hostname as text", { ip: 7, hostname: ["ew"] }]] as const) {
            it(`refuses an address ${what}: a remote could not reach istiod`, () => {
                expect(() => readPrimaryContract("north-primary", { ...primary, address })).to.throw('stack "north-primary": primaryControlPlane.address is missing: { ip } or { hostname }');
            });
        }

        for (const port of [undefined, "15443"]) {
            it(`refuses port ${JSON.stringify(port)}: the remotes' gateways open the primary's cross-network port`, () => {
                expect(() => readPrimaryContract("north-primary", { ...primary, port })).to.throw('stack "north-primary": primaryControlPlane.port is missing or not a number');
            });
        }
    });

    describe("remoteAccess's API server", () => {
        for (const server of ["http://10.20.0.2:443", "10.20.0.2:443", "ftp://https://10.20.0.2"]) {
            it(`refuses ${server}: istiod would hand its reader token over in clear or not at all`, () => {
                expect(() => readRemoteAccess("south-remote", { ...access, server })).to.throw('stack "south-remote": remoteAccess.server is not an https:// URL');
            });
        }
    });
});
