/**
 * What crosses between the stacks of a shared-root mesh: public certificates and certificate requests,
 * never a key. A cluster's CA-request stack publishes `meshCaRequest`; the root stack reads every cluster's
 * and publishes `meshRoot` (the trusted roots and each cluster's signed intermediate); each cluster's mesh
 * stack reads its own request and the root. Versioned and checked field by field on read, like the
 * federation contract, so a stack planned by another meshfed fails with the stack and field named.
 */
import * as pulumi from "@pulumi/pulumi";
import { RolloverPhase } from "./root-rollover";

export const MESH_CONTRACT_VERSION = 1;
export const CA_REQUEST_OUTPUT = "meshCaRequest";
export const MESH_ROOT_OUTPUT = "meshRoot";

/** A cluster's request to join a shared-root mesh. */
export interface CaRequestContract {
    version: typeof MESH_CONTRACT_VERSION;
    cluster: string;
    meshId: string;
    /** The cluster's network (`topology.istio.io/network`). */
    network: string;
    /** PKCS#10 request for the cluster's intermediate CA (PEM), signed by its key: proof the cluster holds it. */
    certRequestPem: string;
    /** The intermediate's public key (PEM): the mesh stack checks the root signed this key and no other. */
    publicKeyPem: string;
    /** Where the intermediate's key waits in the cluster: istiod reads it from there, nobody else does. */
    keySecret: { namespace: string; name: string };
}

/** A signed intermediate, as the cluster's istiod loads it. */
export interface SignedIntermediate {
    /** `ca-cert.pem`: the intermediate. */
    certPem: string;
    /** `cert-chain.pem`: the intermediate, then the root that signed it. */
    certChainPem: string;
}

export interface MeshRootContract {
    version: typeof MESH_CONTRACT_VERSION;
    meshId: string;
    /** The rollover phase the root stack is in; absent outside a rollover. */
    phase?: RolloverPhase;
    /** `root-cert.pem`: every root the mesh trusts now (two during a rollover). */
    rootCertPem: string;
    /** Each member cluster's signed intermediate, by cluster. */
    intermediates: Record<string, SignedIntermediate>;
}

/** Reads one public output of a stack, before anything is created; refuses a secret one. */
export async function readStackOutput(stack: string, output: string, opts?: pulumi.CustomResourceOptions): Promise<unknown> {
    const ref = new pulumi.StackReference(stack, { name: stack }, opts);
    const details = await ref.getOutputDetails(output);
    if (details.secretValue !== undefined) {
        throw new Error(`stack "${stack}": output ${output} is a secret; a mesh contract holds public certificates only`);
    }
    if (details.value === undefined) throw new Error(`stack "${stack}": output ${output} is missing; is it a meshfed stack of that kind, planned or deployed?`);
    return details.value;
}

export function readCaRequest(stack: string, raw: unknown): CaRequestContract {
    const c = contractObject(stack, CA_REQUEST_OUTPUT, raw);
    for (const f of ["cluster", "meshId", "network", "certRequestPem", "publicKeyPem"] as const) field(stack, CA_REQUEST_OUTPUT, c, f, "string");
    const keySecret = field(stack, CA_REQUEST_OUTPUT, c, "keySecret", "object") as Record<string, unknown>;
    for (const f of ["namespace", "name"]) field(stack, `${CA_REQUEST_OUTPUT}.keySecret`, keySecret, f, "string");
    if (!String(c.certRequestPem).includes("-----BEGIN CERTIFICATE REQUEST-----")) {
        throw new Error(`stack "${stack}": ${CA_REQUEST_OUTPUT}.certRequestPem is not a PEM certificate request`);
    }
    return c as unknown as CaRequestContract;
}

export function readMeshRoot(stack: string, raw: unknown): MeshRootContract {
    const c = contractObject(stack, MESH_ROOT_OUTPUT, raw);
    for (const f of ["meshId", "rootCertPem"] as const) field(stack, MESH_ROOT_OUTPUT, c, f, "string");
    const intermediates = field(stack, MESH_ROOT_OUTPUT, c, "intermediates", "object") as Record<string, Record<string, unknown>>;
    for (const [cluster, i] of Object.entries(intermediates)) {
        for (const f of ["certPem", "certChainPem"]) field(stack, `${MESH_ROOT_OUTPUT}.intermediates.${cluster}`, i, f, "string");
    }
    return c as unknown as MeshRootContract;
}

function contractObject(stack: string, output: string, raw: unknown): Record<string, unknown> {
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new Error(`stack "${stack}": output ${output} is not an object`);
    const c = raw as Record<string, unknown>;
    if (c.version !== MESH_CONTRACT_VERSION) {
        throw new Error(`stack "${stack}": ${output}.version is ${JSON.stringify(c.version)}, this meshfed reads version ${MESH_CONTRACT_VERSION}; upgrade the older side`);
    }
    return c;
}

function field(stack: string, where: string, c: Record<string, unknown>, name: string, type: "string" | "object"): unknown {
    const v = c[name];
    const ok = type === "string" ? typeof v === "string" && v !== "" : typeof v === "object" && v !== null && !Array.isArray(v);
    if (!ok) throw new Error(`stack "${stack}": ${where}.${name} is missing or not a${type === "object" ? "n object" : " string"}`);
    return v;
}
