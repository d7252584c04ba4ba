/** The project a program belongs to, as the `pulumi` CLI finds it: the `name` of the nearest Pulumi.yaml. */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";

export function projectName(from = process.cwd()): string {
    for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
        const file = path.join(dir, "Pulumi.yaml");
        if (fs.existsSync(file)) {
            const name = (parse(fs.readFileSync(file, "utf8")) as { name?: unknown } | null)?.name;
            if (typeof name !== "string" || name === "") throw new Error(`${file}: expected a project name (name: <project>)`);
            return name;
        }
        if (path.dirname(dir) === dir) throw new Error(`no Pulumi.yaml in ${from} or above it: the offline engine needs the project's name`);
    }
}
