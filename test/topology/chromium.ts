/** Headless Chromium (Debian's `chromium` package), to look at what a real browser makes of a file. */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";

export const CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => fs.existsSync(p));

// As root (CI containers) Chromium's sandbox cannot start; --no-sandbox is for a local file we wrote.
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run"];

/** Screenshot of a local file as PNG. */
export function screenshot(file: string, png: string, size = "2200,1400"): Buffer {
    execFileSync(CHROMIUM!, [...FLAGS, `--screenshot=${png}`, `--window-size=${size}`, `file://${file}`], { stdio: "pipe", timeout: 60_000 });
    return fs.readFileSync(png);
}

/** The document as the browser parsed it (its serialized DOM). */
export function dumpDom(file: string): string {
    return execFileSync(CHROMIUM!, [...FLAGS, "--dump-dom", `file://${file}`], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 60_000 });
}
