/**
 * Writes docs/errors.md from the catalogue cases, each message as `npm run plan` prints it:
 * `npx ts-node --transpile-only test/errors/write-catalogue.ts`. catalogue.test.ts checks the file is current.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { CASES, ErrorCase } from "./cases";
import { planBase, refusalOf } from "./refusal";

export const CATALOGUE_FILE = path.join(__dirname, "..", "..", "docs", "errors.md");

const HEADER = `# Refusals: every bad stack config meshfed stops on

\`npm run plan\` and \`pulumi up\` check the whole stack config before anything is registered: a mistake stops the
stack with the stack file or config key, the value and what is allowed, and nothing is half-applied. This
catalogue lists each refusal with an example of the mistake, the message as \`npm run plan\` prints it, and the
fix. Each entry is a test (\`test/errors/catalogue.test.ts\` plans the example and checks the message and that
nothing was registered); the file is written from those tests by \`test/errors/write-catalogue.ts\`, so the
messages below are the ones meshfed prints today.

Entries marked *formerly accepted* used to go through silently (found by issue 16).
`;

const SECTIONS: [string, string][] = [
    ["MF-E00", "The stack file"],
    ["MF-E01", "Keys of a stack"],
    ["MF-E02", "Keys of a stack"],
    ["MF-E03", "`meshfed:trust`"],
    ["MF-E05", "`meshfed:gateways`"],
    ["MF-E06", "`meshfed:gateways`"],
    ["MF-E07", "`meshfed:exports`"],
    ["MF-E08", "`meshfed:federation`"],
    ["MF-E09", "`meshfed:federation`"],
    ["MF-E10", "`meshfed:federation`"],
    ["MF-E11", "`meshfed:objects` and `meshfed:offline`"],
    ["MF-E12", "Shared-root mesh stacks"],
];

export function entry(c: ErrorCase, printed: string): string {
    return [
        `### ${c.id}: ${c.title}${c.formerlyAccepted ? " *(formerly accepted)*" : ""}`,
        "",
        `- **Key**: \`${c.key}\` (stack \`${c.stack}\`)`,
        `- **Example**:`,
        "",
        "```yaml",
        c.example,
        "```",
        "",
        `- **Message**:`,
        "",
        "```text",
        printed,
        "```",
        "",
        `- **Fix**: ${c.fix}`,
        "",
    ].join("\n");
}

async function main(): Promise<void> {
    const base = await planBase();
    let out = HEADER;
    let section = "";
    for (const c of CASES) {
        const title = SECTIONS.find(([prefix]) => c.id.startsWith(prefix))?.[1] ?? "Other";
        if (title !== section) {
            out += `\n## ${title}\n\n`;
            section = title;
        }
        out += entry(c, (await refusalOf(c, base)).printed) + "\n";
    }
    fs.mkdirSync(path.dirname(CATALOGUE_FILE), { recursive: true });
    fs.writeFileSync(CATALOGUE_FILE, out.trimEnd() + "\n");
    console.log(`wrote ${CASES.length} entries to ${path.relative(process.cwd(), CATALOGUE_FILE)}`);
}

if (require.main === module) {
    main().catch((err) => {
        console.error(err);
        process.exit(1);
    });
}
