/**
 * Envoy access logs for one private gateway, through Istio's Telemetry API scoped to its selector: a user
 * following a request across clusters switches them on for the federation path only, not mesh-wide.
 */
export function buildAccessLogTelemetry(releaseName: string, namespace: string, selector: Record<string, string>) {
    return {
        apiVersion: "telemetry.istio.io/v1",
        kind: "Telemetry",
        metadata: { name: `${releaseName}-access-log`, namespace },
        spec: {
            selector: { matchLabels: selector },
            // `envoy` is the built-in provider: logs go to the gateway container's stdout.
            accessLogging: [{ providers: [{ name: "envoy" }] }],
        },
    };
}
