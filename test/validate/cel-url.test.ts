import { expect } from "chai";
import type { Environment } from "@marcbachmann/cel-js";
import { createCelEnvironment } from "../../validate/cel-env";

/**
 * The examples documented in k8s.io/apiserver/pkg/cel/library/urls.go, which are the library's
 * contract, plus cases where Go's URL parser and a browser's disagree.
 */
describe("the Kubernetes CEL URL library", () => {
    let env: Environment;
    before(async () => {
        env = await createCelEnvironment();
    });
    const evaluate = (expression: string): unknown => env.evaluate(expression, { self: null });

    const results: [string, unknown][] = [
        ["url('/path').getScheme()", ""],
        ["url('https://example.com/').getScheme()", "https"],
        ["url('HTTPS://example.com/').getScheme()", "https"],
        ["url('https://example.com:80/').getHost()", "example.com:80"],
        ["url('https://example.com/').getHost()", "example.com"],
        ["url('https://[::1]:80/').getHost()", "[::1]:80"],
        ["url('https://[::1]/').getHost()", "[::1]"],
        ["url('/path').getHost()", ""],
        ["url('https://example.com:80/').getHostname()", "example.com"],
        ["url('https://127.0.0.1:80/').getHostname()", "127.0.0.1"],
        ["url('https://[::1]:80/').getHostname()", "::1"],
        ["url('https://example.com:80/').getPort()", "80"],
        ["url('https://example.com/').getPort()", ""],
        ["url('https://example.com/path').getEscapedPath()", "/path"],
        ["url('https://example.com/path with spaces/').getEscapedPath()", "/path%20with%20spaces/"],
        ["url('https://example.com/a%2Fb').getEscapedPath()", "/a%2Fb"],
        ["url('https://example.com').getEscapedPath()", ""],
        ["url('https://example.com/path?k1=a&k2=b&k2=c').getQuery()['k2']", ["b", "c"]],
        ["url('https://example.com/path?key with spaces=value with spaces').getQuery()['key with spaces']", ["value with spaces"]],
        ["url('https://example.com/path?').getQuery().size()", 0n],
        ["url('https://user:pass@example.com:80/path?query=val#fragment').getHost()", "example.com:80"],
        ["isURL('https://user:pass@example.com:80/path?query=val#fragment')", true],
        ["isURL('/absolute-path')", true],
        ["isURL('oci://ghcr.io/istio/plugin:1.0')", true],
        ["isURL('https://a:b:c/')", false],
        ["isURL('../relative-path')", false],
        ["isURL('example.com/no-scheme')", false],
        ["isURL('https://exa mple.com/')", false],
        ["isURL('https://example.com/%zz')", false],
        ["isURL('https://[1.2.3.4]/')", false],
        ["isURL('')", false],
        // Go reads `localhost:5000/x` as scheme "localhost" with opaque data; WHATWG URL agrees here.
        ["url('localhost:5000/x').getScheme()", "localhost"],
    ];
    for (const [expression, expected] of results) {
        it(`${expression} is ${JSON.stringify(expected, (_, v) => (typeof v === "bigint" ? Number(v) : v))}`, () => {
            expect(evaluate(expression)).to.deep.equal(expected);
        });
    }

    it("url() of a string that is not a URL fails with Go's parse error", () => {
        expect(() => evaluate("url('https://a:b:c/')")).to.throw(
            'URL parse error during conversion from string: parse "https://a:b:c/": invalid port ":b:c" after host',
        );
    });
});
