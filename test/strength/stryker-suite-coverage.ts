/**
 * Loaded by `npm run mutation` only (stryker.conf.mjs, mochaOptions.require); a no-op elsewhere.
 *
 * Stryker's per-test coverage tags what runs with the test that is running: its mocha runner sets the tag
 * in a root `beforeEach`. Most of meshfed's tests plan a stack once, in a suite's `before` hook, and then
 * read the plan in several `it`s; left alone, what that hook runs would be tagged with the previous suite's
 * last test, and a mutant would be run against tests that never execute it (and "survive"). Here each
 * suite's `before` hooks are tagged with the suite, and that coverage is given to every test of the suite
 * (which is what mocha runs when Stryker selects any of them: the suite's `before` hooks, then the test).
 */
import type { Context, Hook, Suite } from "mocha";

interface StrykerContext {
    currentTestId?: string;
    mutantCoverage?: { static: Record<string, number>; perTest: Record<string, Record<string, number>> };
}

const HOOK_TAG = "stryker-suite-hook: ";
const stryker = (): StrykerContext | undefined => (globalThis as { __stryker__?: StrykerContext }).__stryker__;

function tagSuiteHooks(suite: Suite): void {
    for (const hook of (suite as unknown as { _beforeAll: Hook[] })._beforeAll) {
        const fn = hook.fn as ((this: Context, ...args: unknown[]) => unknown) & { tagged?: boolean };
        if (!fn || fn.tagged) continue;
        const tagged = function (this: Context, ...args: unknown[]) {
            const s = stryker();
            if (s) s.currentTestId = HOOK_TAG + suite.fullTitle();
            return fn.apply(this, args);
        };
        (tagged as typeof fn).tagged = true;
        hook.fn = tagged as Hook["fn"];
    }
    suite.suites.forEach(tagSuiteHooks);
}

export const mochaHooks = {
    beforeAll(this: Context) {
        let root = this.test?.parent;
        while (root?.parent) root = root.parent;
        if (root) tagSuiteHooks(root);
    },
    afterEach(this: Context) {
        const perTest = stryker()?.mutantCoverage?.perTest;
        const test = this.currentTest;
        if (!perTest || !test) return;
        const own = (perTest[test.fullTitle()] ??= {});
        for (let suite: Suite | undefined = test.parent; suite; suite = suite.parent) {
            for (const [mutant, hits] of Object.entries(perTest[HOOK_TAG + suite.fullTitle()] ?? {})) own[mutant] = (own[mutant] ?? 0) + hits;
        }
    },
    afterAll() {
        const perTest = stryker()?.mutantCoverage?.perTest;
        if (!perTest) return;
        for (const id of Object.keys(perTest)) if (id.startsWith(HOOK_TAG)) delete perTest[id];
    },
};
