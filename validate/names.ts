import { DNS1123_LABEL, DNS1123_SUBDOMAIN, QUALIFIED_NAME } from "../components/core/kube-names";
import { childPath, isRecord } from "./field-path";
import { Finding, jsonType, showValue } from "./finding";

/**
 * The API server's syntax rules for object names, namespaces, label and annotation keys and
 * label values (k8s.io/apimachinery/pkg/util/validation). They hold for every kind, so these
 * checks run on every object, Istio or not.
 */

interface Syntax {
    rule: string;
    maxLength: number;
    pattern: RegExp;
    /** What is allowed, in the API server's words. */
    explain: string;
}

const DNS1123_LABEL_SYNTAX: Syntax = {
    rule: "DNS-1123 label",
    maxLength: 63,
    pattern: DNS1123_LABEL,
    explain: "lower case alphanumeric characters or '-', starting and ending with an alphanumeric character",
};

const DNS1123_SUBDOMAIN_SYNTAX: Syntax = {
    rule: "DNS-1123 subdomain",
    maxLength: 253,
    pattern: DNS1123_SUBDOMAIN,
    explain: "lower case alphanumeric characters, '-' or '.', starting and ending with an alphanumeric character",
};

const DNS1035_LABEL: Syntax = {
    rule: "DNS-1035 label",
    maxLength: 63,
    pattern: /^[a-z]([-a-z0-9]*[a-z0-9])?$/,
    explain: "lower case alphanumeric characters or '-', starting with a letter and ending with an alphanumeric character",
};

const PATH_SEGMENT: Syntax = {
    rule: "path segment name",
    maxLength: Infinity,
    pattern: /^(?!\.{1,2}$)[^/%]+$/,
    explain: "any characters except '/' and '%', and not '.' or '..'",
};

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const NAME_CHARS = "alphanumeric characters, '-', '_' or '.', starting and ending with an alphanumeric character";
const MAX_ANNOTATIONS_BYTES = 256 * 1024;

/** RBAC objects are named by path segment; see ValidateRBACName. */
const RBAC_KINDS = new Set(["Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"]);

/**
 * Which syntax the API server requires of `metadata.name` for a kind. Most kinds use a DNS-1123
 * subdomain; Services a DNS-1035 label (it becomes a DNS label and an environment variable
 * prefix, so it must start with a letter: ValidateServiceName); Namespaces a DNS-1123 label.
 */
function nameSyntax(apiVersion: string, kind: string): Syntax {
    const core = apiVersion === "v1";
    if (core && kind === "Service") return DNS1035_LABEL;
    if (core && kind === "Namespace") return DNS1123_LABEL_SYNTAX;
    if (apiVersion.startsWith("rbac.authorization.k8s.io/") && RBAC_KINDS.has(kind)) return PATH_SEGMENT;
    return DNS1123_SUBDOMAIN_SYNTAX;
}

/** Findings about one object, all phrased against the same `object`. */
type Report = (path: string, rule: string, message: string) => void;

function checkSyntax(value: string, syntax: Syntax, what: string, path: string, report: Report): void {
    if (value.length <= syntax.maxLength && syntax.pattern.test(value)) return;
    const limit = Number.isFinite(syntax.maxLength) ? `, at most ${syntax.maxLength} characters` : "";
    const length = value.length > syntax.maxLength ? ` (${value.length} characters)` : "";
    report(path, syntax.rule, `invalid ${what} ${showValue(value)}${length}: must be a ${syntax.rule}: ${syntax.explain}${limit}`);
}

/** Label and annotation keys: optional DNS-1123 subdomain prefix and `/`, then a name of at most 63 characters. */
function checkQualifiedKey(key: string, rule: string, path: string, report: Report): void {
    const slash = key.indexOf("/");
    const prefix = slash < 0 ? undefined : key.slice(0, slash);
    const name = slash < 0 ? key : key.slice(slash + 1);
    const problems: string[] = [];
    if (prefix !== undefined && (prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix))) {
        problems.push(`the prefix ${showValue(prefix)} must be a DNS-1123 subdomain of at most 253 characters`);
    }
    if (name.length > 63 || !QUALIFIED_NAME.test(name)) {
        problems.push(`the name part ${showValue(name)} must be 1 to 63 ${NAME_CHARS}`);
    }
    if (problems.length > 0) report(path, rule, `invalid key ${showValue(key)}: ${problems.join("; ")} (form: [prefix/]name)`);
}

function checkStringMap(map: unknown, what: "labels" | "annotations", report: Report): void {
    const path = `metadata.${what}`;
    if (map === undefined || map === null) return;
    if (!isRecord(map)) {
        report(path, "type", `must be a map of strings, got ${jsonType(map)} ${showValue(map)}`);
        return;
    }
    for (const [key, value] of Object.entries(map)) {
        const entryPath = childPath(path, key);
        checkQualifiedKey(key, what === "labels" ? "label key" : "annotation key", entryPath, report);
        if (typeof value !== "string") {
            report(entryPath, "type", `${what} values must be strings, got ${jsonType(value)} ${showValue(value)}`);
        } else if (what === "labels" && (value.length > 63 || !LABEL_VALUE.test(value))) {
            report(entryPath, "label value", `invalid label value ${showValue(value)}: must be empty or 1 to 63 ${NAME_CHARS}`);
        }
    }
    if (what === "annotations") {
        const bytes = Object.entries(map).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(String(v)), 0);
        if (bytes > MAX_ANNOTATIONS_BYTES) {
            report(path, "annotation size", `annotations take ${bytes} bytes, at most ${MAX_ANNOTATIONS_BYTES} are allowed`);
        }
    }
}

/** Name, namespace, labels and annotations of any Kubernetes object. */
export function validateMetadata(
    obj: { apiVersion: string; kind: string; metadata?: Record<string, unknown> },
    object: string,
): Finding[] {
    const findings: Finding[] = [];
    const report: Report = (path, rule, message) => findings.push({ object, path, rule, message });
    const meta = obj.metadata ?? {};
    const { name, generateName, namespace } = meta;
    if (typeof name === "string" && name !== "") {
        checkSyntax(name, nameSyntax(obj.apiVersion, obj.kind), "name", "metadata.name", report);
    } else if (typeof generateName !== "string" || generateName === "") {
        report("metadata.name", "required", `name is required, got ${showValue(name)}`);
    }
    if (typeof namespace === "string") {
        checkSyntax(namespace, DNS1123_LABEL_SYNTAX, "namespace", "metadata.namespace", report);
    } else if (namespace !== undefined) {
        report("metadata.namespace", "type", `must be string, got ${jsonType(namespace)} ${showValue(namespace)}`);
    }
    checkStringMap(meta.labels, "labels", report);
    checkStringMap(meta.annotations, "annotations", report);
    return findings;
}
