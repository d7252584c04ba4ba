/**
 * Reads `stacks/Pulumi.<stack>.yaml` into the two maps the Pulumi runtime takes: the config (every value a
 * string, objects as JSON, the way the CLI passes structured config) and the keys that are secret.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { projectName } from "./project";

export interface StackConfig {
    stack: string;
    file: string;
    /** `project:key` → value as the CLI hands it to the program. */
    values: Record<string, string>;
    secretKeys: string[];
    /** Secret keys the offline engine stood in for: their real values live outside the repo. */
    standIns: string[];
}

/**
 * A `secure:` value is ciphertext only the `pulumi` CLI can decrypt. Offline, no cluster or cloud is
 * contacted, so the engine passes a stand-in that is still a secret: the program's secret handling is
 * exercised without the real value.
 */
export const OFFLINE_SECRET_STANDIN = "offline-engine: stand-in for an encrypted config value";

/**
 * Secrets a stack needs but that never live in the repo (`pulumi config set --secret`): offline they are
 * stood in for when the config file does not set them.
 */
const SECRETS_SET_OUTSIDE_THE_REPO = ["meshfed:kubeconfig"];

/**
 * A stack config given as data rather than read from a file (tests, `meshfed/testing`): structured values
 * JSON-encoded, as the pulumi CLI hands structured config to a program.
 */
export function inlineStackConfig(stack: string, config: Record<string, unknown> = {}, secretKeys: string[] = []): StackConfig {
    const values = Object.fromEntries(Object.entries(config).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
    return { stack, file: `(inline) Pulumi.${stack}.yaml`, values, secretKeys, standIns: [] };
}

export function stackConfigFile(stacksDir: string, stack: string): string {
    return path.join(stacksDir, `Pulumi.${stack}.yaml`);
}

export function listStacks(stacksDir: string): string[] {
    return fs
        .readdirSync(stacksDir)
        .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
        .filter((s): s is string => s !== undefined)
        .sort();
}

export function readStackConfig(stacksDir: string, stack: string): StackConfig {
    const file = stackConfigFile(stacksDir, stack);
    if (!fs.existsSync(file)) {
        const known = fs.existsSync(stacksDir) ? listStacks(stacksDir) : [];
        throw new Error(`stack "${stack}" has no config file ${file} (stacks: ${known.join(", ") || "none"})`);
    }
    const doc = parseStackFile(file);
    const raw: Record<string, unknown> = doc.config ?? {};
    if (typeof raw !== "object" || Array.isArray(raw)) {
        throw new Error(`${file}: "config" must be a map of key → value`);
    }
    const values: Record<string, string> = {};
    const secretKeys: string[] = [];
    const standIns: string[] = [];
    for (const [key, value] of Object.entries(raw)) {
        if (!key.includes(":")) {
            throw new Error(`${file}: config key "${key}" must be namespaced as <project>:<key>, e.g. ${projectName()}:${key}`);
        }
        if (isSecure(value)) {
            values[key] = OFFLINE_SECRET_STANDIN;
            secretKeys.push(key);
            standIns.push(key);
        } else {
            values[key] = typeof value === "string" ? value : JSON.stringify(value);
        }
    }
    for (const key of SECRETS_SET_OUTSIDE_THE_REPO) {
        if (!(key in values)) {
            values[key] = OFFLINE_SECRET_STANDIN;
            secretKeys.push(key);
            standIns.push(key);
        }
    }
    return { stack, file, values, secretKeys, standIns };
}

/** Top-level keys of a Pulumi stack file besides `config`. */
const STACK_FILE_KEYS = ["config", "encryptionsalt", "secretsprovider", "encryptedkey", "environment"];

/** Parses a stack file, naming the file, line and column of a YAML error and any key outside `config:`. */
function parseStackFile(file: string): Record<string, any> {
    let doc: unknown;
    try {
        doc = parse(fs.readFileSync(file, "utf8")) ?? {};
    } catch (err) {
        const pos = (err as { linePos?: { line: number; col: number }[] }).linePos?.[0];
        const where = pos ? `${file}:${pos.line}:${pos.col}` : file;
        throw new Error(`${where}: ${(err as Error).message.split("\n")[0]}`);
    }
    if (typeof doc !== "object" || doc === null || Array.isArray(doc)) throw new Error(`${file}: expected a map with a "config" key`);
    for (const k of Object.keys(doc)) {
        if (!STACK_FILE_KEYS.includes(k)) {
            throw new Error(`${file}: "${k}" is at the top level; stack settings go under "config:" (indented), e.g. config:\n  ${k}: ...`);
        }
    }
    return doc as Record<string, any>;
}

function isSecure(v: unknown): boolean {
    return typeof v === "object" && v !== null && !Array.isArray(v) && Object.keys(v).length === 1 && "secure" in v;
}
