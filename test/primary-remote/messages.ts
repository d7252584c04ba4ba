/** What the checks say is allowed, as the refusals of primary-remote settings and component args print it. */
export const DNS_LABEL = "expected a DNS-1123 label: lowercase letters, digits and '-', at most 63 characters, starting and ending alphanumeric";
export const A_MAP = "expected an object (a YAML map)";
export const A_STRING = "expected a non-empty string";
export const API_SERVER_HELP = "expected the API server's URL as the primary's istiod reaches it, e.g. https://10.0.0.1:6443 or https://api.west.example.com";
