/**
 * Writes docs/errors.md from the catalogue cases, each message as `npm run plan` prints it:
 * `npx ts-node --transpile-only test/errors/write-catalogue.ts`. catalogue.test.ts checks the file is current.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { CASES, ErrorCase, SECTIONS } from "./cases";
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
    for (const { title, cases } of SECTIONS) {
        out += `\n## ${title}\n\n`;
        for (const c of cases) out += entry(c, (await refusalOf(c, base)).printed) + "\n";
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
