/**
 * `--state PREV_OUT`: an earlier plan's records stand for the state of the last deployment, as Pulumi's
 * state does for `pulumi up`: unchanged keys, certificates and random values are kept (a certificate in its
 * renewal window is replaced). Keys are secrets, so the earlier plan must have been written with
 * `--show-secrets`; a redacted one could only be re-minted, and is refused.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { ResourceRecord } from "../engine/records";
import { REDACTED } from "../engine/secrets";

/** The records of `stack` in the plan directory `stateDir`, or none when it has no plan of that stack. */
export function previousRecords(stateDir: string, stack: string): ResourceRecord[] | undefined {
    const file = path.join(stateDir, stack, "resources.json");
    if (!fs.existsSync(file)) return undefined;
    const records = JSON.parse(fs.readFileSync(file, "utf8")) as (ResourceRecord & { secrets?: string[] })[];
    const redacted = records.find((r) => (r.secrets ?? []).length > 0 && JSON.stringify([r.inputs, r.outputs]).includes(`"${REDACTED}"`));
    if (redacted) {
        throw new Error(`--state ${stateDir}: ${file} was written without --show-secrets (${redacted.urn} reads "${REDACTED}"); plan the state with --show-secrets`);
    }
    return records;
}
