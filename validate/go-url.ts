import { isIPv4, isIPv6 } from "net";

/**
 * Go's net/url parser (Go 1.26 semantics), which the Kubernetes CEL URL library calls. Node's
 * WHATWG `URL` cannot stand in for it: it rejects `/absolute/path` (Go accepts it as a request
 * URI), normalises `a/../b`, percent-encodes instead of rejecting `%zz`, and lowercases hosts,
 * so `isURL()` and the `get*()` accessors would answer differently from the API server.
 *
 * Go works on bytes; so does this file: strings here hold one UTF-8 byte per UTF-16 unit
 * (latin1), converted back with `fromBytes` where a value leaves the parser.
 */

/** A parsed URL; fields as in Go's `url.URL`, all in byte-string form. */
export interface GoUrl {
    scheme: string;
    opaque: string;
    host: string;
    path: string;
    rawPath: string;
    rawQuery: string;
}

export class GoUrlError extends Error {}

type Mode = "path" | "host" | "zone" | "userPassword" | "queryComponent" | "fragment";

export const toBytes = (s: string): string => Buffer.from(s, "utf8").toString("latin1");
export const fromBytes = (b: string): string => Buffer.from(b, "latin1").toString("utf8");

const isAlnum = (c: string): boolean => /^[A-Za-z0-9]$/.test(c);
const isHex = (c: string | undefined): boolean => c !== undefined && /^[0-9A-Fa-f]$/.test(c);

function shouldEscape(c: string, mode: Mode): boolean {
    if (isAlnum(c)) return false;
    if ((mode === "host" || mode === "zone") && `!$&'()*+,;=:[]<>"`.includes(c)) return false;
    if ("-_.~".includes(c)) return false;
    if ("$&+,/:;=?@".includes(c)) {
        switch (mode) {
            case "path": return c === "?";
            case "userPassword": return "@/?:".includes(c);
            case "queryComponent": return true;
            case "fragment": return false;
        }
    }
    if (mode === "fragment" && "!()*".includes(c)) return false;
    return true;
}

const quote = (s: string): string => JSON.stringify(fromBytes(s));

function unescape(s: string, mode: Mode): string {
    for (let i = 0; i < s.length; ) {
        const c = s[i];
        if (c === "%") {
            if (!isHex(s[i + 1]) || !isHex(s[i + 2])) throw new GoUrlError(`invalid URL escape ${quote(s.slice(i, i + 3))}`);
            const byte = parseInt(s.slice(i + 1, i + 3), 16);
            // In a host, %-encoding may only stand for non-ASCII bytes (RFC 3986), or %25 (RFC 6874).
            if (mode === "host" && byte < 0x80 && s.slice(i, i + 3) !== "%25") throw new GoUrlError(`invalid URL escape ${quote(s.slice(i, i + 3))}`);
            if (mode === "zone" && s.slice(i, i + 3) !== "%25" && byte !== 0x20 && shouldEscape(String.fromCharCode(byte), "host")) {
                throw new GoUrlError(`invalid URL escape ${quote(s.slice(i, i + 3))}`);
            }
            i += 3;
        } else {
            if ((mode === "host" || mode === "zone") && c.charCodeAt(0) < 0x80 && shouldEscape(c, mode)) {
                throw new GoUrlError(`invalid character ${quote(c)} in host name`);
            }
            i++;
        }
    }
    return s
        .replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
        .replace(/\+/g, mode === "queryComponent" ? " " : "+");
}

export function escape(s: string, mode: Mode): string {
    let out = "";
    for (const c of s) {
        out += shouldEscape(c, mode) ? `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}` : c;
    }
    return out;
}

/** Whether `s` needs no escaping to be a path (pchar, RFC 3986 appendix A, plus `[`, `]`, `%`). */
export function validEncodedPath(s: string): boolean {
    return [...s].every((c) => `!$&'()*+,;=:@[]%`.includes(c) || !shouldEscape(c, "path"));
}

export const validOptionalPort = (port: string): boolean => /^(:[0-9]*)?$/.test(port);

function getScheme(raw: string): { scheme: string; rest: string } {
    for (let i = 0; i < raw.length; i++) {
        const c = raw[i];
        if (/[A-Za-z]/.test(c)) continue;
        if (/[0-9+\-.]/.test(c)) {
            if (i === 0) return { scheme: "", rest: raw };
            continue;
        }
        if (c === ":") {
            if (i === 0) throw new GoUrlError("missing protocol scheme");
            return { scheme: raw.slice(0, i), rest: raw.slice(i + 1) };
        }
        return { scheme: "", rest: raw };
    }
    return { scheme: "", rest: raw };
}

function parseHost(scheme: string, host: string): string {
    const open = host.lastIndexOf("[");
    if (open > 0) throw new GoUrlError("invalid IP-literal");
    if (open === 0) {
        const close = host.lastIndexOf("]");
        if (close < 0) throw new GoUrlError("missing ']' in host");
        const colonPort = host.slice(close + 1);
        if (!validOptionalPort(colonPort)) throw new GoUrlError(`invalid port ${quote(colonPort)} after host`);
        const hostname = host.slice(1, close);
        const zone = hostname.indexOf("%25");
        const address = zone < 0
            ? unescape(hostname, "host")
            : unescape(hostname.slice(0, zone), "host") + unescape(hostname.slice(zone), "zone");
        // Only an IPv6 address may be bracketed (Go checks with netip.ParseAddr).
        if (isIPv4(address)) throw new GoUrlError("invalid IP-literal");
        if (!isIPv6(address)) throw new GoUrlError(`invalid host: ${quote(address)} is not an IP address`);
        return `[${address}]${colonPort}`;
    }
    const firstColon = host.indexOf(":");
    if (firstColon >= 0) {
        // Colons inside the host are tolerated (host lists) except for http and https.
        const i = scheme === "http" || scheme === "https" ? firstColon : host.lastIndexOf(":");
        if (!validOptionalPort(host.slice(i))) throw new GoUrlError(`invalid port ${quote(host.slice(i))} after host`);
    }
    return unescape(host, "host");
}

function parseAuthority(scheme: string, authority: string): string {
    const at = authority.lastIndexOf("@");
    const host = parseHost(scheme, authority.slice(at + 1));
    if (at >= 0) {
        const userinfo = authority.slice(0, at);
        if (!/^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(userinfo)) throw new GoUrlError("net/url: invalid userinfo");
        userinfo.split(":").slice(0, 2).forEach((part) => unescape(part, "userPassword"));
    }
    return host;
}

function parse(raw: string, viaRequest: boolean): GoUrl {
    if (/[\x00-\x1f\x7f]/.test(raw)) throw new GoUrlError("net/url: invalid control character in URL");
    if (raw === "" && viaRequest) throw new GoUrlError("empty url");
    const url: GoUrl = { scheme: "", opaque: "", host: "", path: "", rawPath: "", rawQuery: "" };
    if (raw === "*") return { ...url, path: "*" };
    const split = getScheme(raw);
    url.scheme = split.scheme.toLowerCase();
    let rest = split.rest;
    if (rest.endsWith("?") && rest.indexOf("?") === rest.length - 1) {
        rest = rest.slice(0, -1);
    } else if (rest.includes("?")) {
        url.rawQuery = rest.slice(rest.indexOf("?") + 1);
        rest = rest.slice(0, rest.indexOf("?"));
    }
    if (!rest.startsWith("/")) {
        if (url.scheme !== "") return { ...url, opaque: rest };
        if (viaRequest) throw new GoUrlError("invalid URI for request");
        if (rest.split("/")[0].includes(":")) throw new GoUrlError("first path segment in URL cannot contain colon");
    }
    if ((url.scheme !== "" || (!viaRequest && !rest.startsWith("///"))) && rest.startsWith("//")) {
        const slash = rest.indexOf("/", 2);
        const authority = slash < 0 ? rest.slice(2) : rest.slice(2, slash);
        rest = slash < 0 ? "" : rest.slice(slash);
        url.host = parseAuthority(url.scheme, authority);
    }
    url.path = unescape(rest, "path");
    url.rawPath = escape(url.path, "path") === rest ? "" : rest;
    return url;
}

const wrap = (raw: string, run: () => GoUrl): GoUrl => {
    try {
        return run();
    } catch (e) {
        if (e instanceof GoUrlError) throw new GoUrlError(`parse ${JSON.stringify(raw)}: ${e.message}`);
        throw e;
    }
};

/** `url.ParseRequestURI`: an absolute URI or an absolute path; a `#` is part of the path or query. */
export function parseRequestUri(raw: string): GoUrl {
    return wrap(raw, () => parse(toBytes(raw), true));
}

/** `url.Parse`: any URI reference; the fragment is cut off (and checked) first. */
export function parseUrl(raw: string): GoUrl {
    return wrap(raw, () => {
        const bytes = toBytes(raw);
        const hash = bytes.indexOf("#");
        if (hash >= 0) unescape(bytes.slice(hash + 1), "fragment");
        return parse(hash < 0 ? bytes : bytes.slice(0, hash), false);
    });
}
