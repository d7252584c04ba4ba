/**
 * The refusal catalogue as data: each entry of docs/errors.md is one case, in cases/<section>.ts, with the edit that makes
 * the mistake, the stack planned, and the three things its message must name (key or file, value, what is
 * allowed). `catalogue.test.ts` plans every case; `write-catalogue.ts` writes docs/errors.md from them.
 */
import { Stacks } from "./stacks";
import { STACK_FILE_CASES } from "./cases/stack-file";
import { STACK_KEY_CASES } from "./cases/stack-keys";
import { TRUST_CASES } from "./cases/trust";
import { GATEWAYS_CASES } from "./cases/gateways";
import { EXPORTS_CASES } from "./cases/exports";
import { FEDERATION_CASES } from "./cases/federation";
import { OBJECTS_CASES } from "./cases/objects";
import { MESH_CASES } from "./cases/mesh";
import { REPLICATED_CASES } from "./cases/replicated";
import { PRIMARY_REMOTE_CASES } from "./cases/primary-remote";

export interface CatalogueContext {
    /** A real CA certificate (cluster2's), for contracts written out in the config. */
    caCertPem: string;
}

export interface ErrorCase {
    id: string;
    /** The mistake, in the user's words. */
    title: string;
    /** The stack that is planned and must be refused. */
    stack: string;
    /** The config key (or the stack file) the message must name. */
    key: string;
    /** The bad value as the catalogue shows it (YAML, in the stack file). */
    example: string;
    /** The value as the message prints it. */
    value: string;
    /** Part of the message that says what is allowed. */
    allowed: string;
    fix: string;
    /** Breaks the stacks (a copy of `baseStacks()`). */
    edit?: (s: Stacks, ctx: CatalogueContext) => void;
    /** Or: the raw text of the planned stack's file. */
    file?: string;
    /** One of the previously accepted mistakes (issue 16). */
    formerlyAccepted?: boolean;
    /** Stacks the edit changed that the planned stack reads: planned again (successfully) first. */
    replan?: string[];
}

/** The sections of docs/errors.md, in order, each with its cases in the order listed. */
export const SECTIONS: { title: string; cases: ErrorCase[] }[] = [
    { title: "The stack file", cases: STACK_FILE_CASES },
    { title: "Keys of a stack", cases: STACK_KEY_CASES },
    { title: "`meshfed:trust`", cases: TRUST_CASES },
    { title: "`meshfed:gateways`", cases: GATEWAYS_CASES },
    { title: "`meshfed:exports`", cases: EXPORTS_CASES },
    { title: "`meshfed:federation`", cases: FEDERATION_CASES },
    { title: "`meshfed:objects` and `meshfed:offline`", cases: OBJECTS_CASES },
    { title: "Shared-root mesh stacks", cases: MESH_CASES },
    { title: "Replicated control planes (`meshfed:networkGateway`, `meshfed:networkImports`)", cases: REPLICATED_CASES },
    { title: "One control plane across networks (`meshfed:primary`, `meshfed:remote`, `meshfed:primaryRemotes`)", cases: PRIMARY_REMOTE_CASES },
];

/** In the order docs/errors.md lists them. */
export const CASES: ErrorCase[] = SECTIONS.flatMap((s) => s.cases);
