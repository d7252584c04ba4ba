import type { Environment } from "@marcbachmann/cel-js";
import { escape, fromBytes, GoUrl, parseRequestUri, parseUrl, toBytes, validEncodedPath, validOptionalPort } from "./go-url";

/**
 * The Kubernetes CEL URL library (k8s.io/apiserver/pkg/cel/library/urls.go), which Istio's
 * CRDs use for WasmPlugin `spec.url`, TrafficExtension `spec.wasm.url` and RequestAuthentication
 * `jwksUri`. cel-js does not ship it. Every function is registered, not only `getScheme()` which
 * the 1.30 rules call, so that a future CRD using another accessor is evaluated, not reported as
 * an unknown function.
 */
export class KubeUrl {
    readonly #url: GoUrl;

    constructor(url: GoUrl) {
        this.#url = url;
    }

    /** `url(s)`: validated as a request URI (absolute URI or absolute path), then parsed like `url.Parse`. */
    static fromString(s: string): KubeUrl {
        try {
            parseRequestUri(s);
            return new KubeUrl(parseUrl(s));
        } catch (e) {
            throw new Error(`URL parse error during conversion from string: ${(e as Error).message}`);
        }
    }

    static isUrl(s: string): boolean {
        try {
            parseRequestUri(s);
            return true;
        } catch {
            return false;
        }
    }

    scheme(): string {
        return fromBytes(this.#url.scheme);
    }

    /** Host with port and IPv6 brackets, e.g. `[::1]:80`. */
    host(): string {
        return fromBytes(this.#url.host);
    }

    hostname(): string {
        return fromBytes(splitHostPort(this.#url.host).host);
    }

    port(): string {
        return splitHostPort(this.#url.host).port;
    }

    /** Go's `EscapedPath()`: the path as written when that is a valid encoding, else re-escaped. */
    escapedPath(): string {
        const { path, rawPath } = this.#url;
        if (rawPath !== "" && validEncodedPath(rawPath)) return fromBytes(rawPath);
        return fromBytes(path === "*" ? "*" : escape(path, "path"));
    }

    /** Go's `Query()`: repeated keys collect values; malformed pairs are dropped. */
    query(): Map<string, string[]> {
        const result = new Map<string, string[]>();
        for (const pair of this.#url.rawQuery.split("&")) {
            if (pair === "" || pair.includes(";")) continue;
            const eq = pair.indexOf("=");
            const key = queryUnescape(eq < 0 ? pair : pair.slice(0, eq));
            const value = queryUnescape(eq < 0 ? "" : pair.slice(eq + 1));
            if (key === undefined || value === undefined) continue;
            result.set(key, [...(result.get(key) ?? []), value]);
        }
        return result;
    }
}

function splitHostPort(hostPort: string): { host: string; port: string } {
    let host = hostPort;
    let port = "";
    const colon = host.lastIndexOf(":");
    if (colon >= 0 && validOptionalPort(host.slice(colon))) {
        port = host.slice(colon + 1);
        host = host.slice(0, colon);
    }
    if (host.startsWith("[") && host.endsWith("]")) host = host.slice(1, -1);
    return { host, port };
}

function queryUnescape(s: string): string | undefined {
    if (/%(?![0-9A-Fa-f]{2})/.test(s)) return undefined;
    const bytes = toBytes(s).replace(/\+/g, " ").replace(/%([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    return fromBytes(bytes);
}

/** Adds `url()`, `isURL()` and the `URL` accessors to a cel-js environment. */
export function registerUrlLibrary(env: Environment): Environment {
    return env
        .registerType("URL", KubeUrl)
        .registerFunction("url(string): URL", (s: string) => KubeUrl.fromString(s))
        .registerFunction("isURL(string): bool", (s: string) => KubeUrl.isUrl(s))
        .registerFunction("URL.getScheme(): string", (u: KubeUrl) => u.scheme())
        .registerFunction("URL.getHost(): string", (u: KubeUrl) => u.host())
        .registerFunction("URL.getHostname(): string", (u: KubeUrl) => u.hostname())
        .registerFunction("URL.getPort(): string", (u: KubeUrl) => u.port())
        .registerFunction("URL.getEscapedPath(): string", (u: KubeUrl) => u.escapedPath())
        .registerFunction("URL.getQuery(): map<string, list<string>>", (u: KubeUrl) => u.query());
}
