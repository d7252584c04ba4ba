import { expect } from "chai";
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { writeStackPlan } from "../../cli/plan-files";
import { planProgram, scratchDir } from "../support/plan";

/** Plans a stack publishing a secret output, writes its plan files, then a stack reading it. */
async function publishThenRead(showSecrets: boolean, forget = false) {
    const out = scratchDir();
    const publisher = await planProgram(() => ({ access: pulumi.secret({ token: "T0KEN" }), cluster: "south" }), { stack: "south-remote", outDir: out });
    writeStackPlan(out, publisher, showSecrets);
    if (forget) {
        // Another process: only the files remain.
        const copy = scratchDir();
        fs.cpSync(path.join(out, "south-remote"), path.join(copy, "south-remote"), { recursive: true });
        return { out: copy, read: await readAccess(copy) };
    }
    return { out, read: await readAccess(out) };
}

async function readAccess(out: string) {
    let details: pulumi.StackReferenceOutputDetails | undefined;
    await planProgram(
        async () => {
            details = await new pulumi.StackReference("south-remote", { name: "acme/meshfed/south-remote" }).getOutputDetails("access");
        },
        { stack: "north-remotes", outDir: out },
    );
    return details!;
}

describe("the offline engine's StackReferences to secret outputs", () => {
    it("hands a secret output over as a secret, readable, to a stack planned in the same run, while the files stay redacted", async () => {
        const { out, read } = await publishThenRead(false);
        expect(read.value).to.equal(undefined);
        expect(read.secretValue).to.deep.equal({ token: "T0KEN" });
        expect(fs.readFileSync(path.join(out, "south-remote", "outputs.json"), "utf8")).not.to.include("T0KEN");
    });

    it("keeps an output secret across the reference with --show-secrets, from the stack's recorded secret paths", async () => {
        const { read } = await publishThenRead(true, true);
        expect(read.value).to.equal(undefined);
        expect(read.secretValue).to.deep.equal({ token: "T0KEN" });
    });

    it("leaves a redacted secret unreadable to a later run that only has the files", async () => {
        const { read } = await publishThenRead(false, true);
        expect(read.secretValue).to.equal("[secret]");
    });

    it("keeps a public output public", async () => {
        const out = scratchDir();
        writeStackPlan(out, await planProgram(() => ({ cluster: "south" }), { stack: "south-remote", outDir: out }), true);
        let details: pulumi.StackReferenceOutputDetails | undefined;
        await planProgram(async () => {
            details = await new pulumi.StackReference("south-remote", { name: "south-remote" }).getOutputDetails("cluster");
        }, { outDir: out });
        expect(details!.value).to.equal("south");
        expect(details!.secretValue).to.equal(undefined);
    });
});
