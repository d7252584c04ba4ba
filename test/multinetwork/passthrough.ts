/**
 * What an AUTO_PASSTHROUGH gateway does to a connection, reproduced on loopback: read the TLS ClientHello's
 * SNI, and either splice the raw bytes to the workload (the gateway never terminates TLS) or close the
 * connection when no filter chain matches. The SNIs a gateway admits are derived from the planned Gateway,
 * its DestinationRules and the cluster's Services as pilot's `builtAutoPassthroughFilterChains` does.
 */
import * as net from "node:net";
import * as tls from "node:tls";
import { AddressInfo } from "node:net";
import { KubeObject } from "../../engine/kubernetes";

/** The SNI of a ClientHello, or undefined when the bytes are not one (or carry none). */
export function clientHelloSni(buf: Buffer): string | undefined {
    if (buf.length < 5 || buf[0] !== 0x16) return undefined;
    let p = 5 + 4 + 2 + 32; // record header, handshake header, client version, random
    p += 1 + buf[p]; // session id
    p += 2 + buf.readUInt16BE(p); // cipher suites
    p += 1 + buf[p]; // compression methods
    const end = p + 2 + buf.readUInt16BE(p);
    p += 2;
    while (p + 4 <= end) {
        const type = buf.readUInt16BE(p);
        const len = buf.readUInt16BE(p + 2);
        if (type === 0) return buf.subarray(p + 9, p + 9 + buf.readUInt16BE(p + 7)).toString("ascii");
        p += 4 + len;
    }
    return undefined;
}

/**
 * The SNIs pilot gives filter chains on a gateway with these AUTO_PASSTHROUGH hosts: for every Service the
 * gateway sees whose host a server host covers, per port `outbound_.<port>_._.<host>` and one per subset of
 * the DestinationRule of that host (gateway.go, builtAutoPassthroughFilterChains).
 */
export function autoPassthroughSnis(objects: KubeObject[], clusterDomain = "cluster.local"): Set<string> {
    const spec = (o: KubeObject) => o.spec as Record<string, any>;
    const hosts = objects
        .filter((o) => o.kind === "Gateway")
        .flatMap((g) => spec(g).servers.filter((s: any) => s.tls?.mode === "AUTO_PASSTHROUGH").flatMap((s: any) => s.hosts as string[]))
        .map((h) => (h.includes("/") ? h.split("/")[1] : h));
    const covers = (h: string, pattern: string) => (pattern.startsWith("*") ? h.endsWith(pattern.slice(1)) : h === pattern);
    const snis = new Set<string>();
    for (const svc of objects.filter((o) => o.kind === "Service")) {
        const host = `${svc.metadata.name}.${svc.metadata.namespace}.svc.${clusterDomain}`;
        if (!hosts.some((p) => covers(host, p))) continue;
        const rule = objects.find((o) => o.kind === "DestinationRule" && spec(o).host === host);
        for (const port of spec(svc).ports as { port: number }[]) {
            snis.add(`outbound_.${port.port}_._.${host}`);
            for (const subset of (rule ? spec(rule).subsets ?? [] : []) as { name: string }[]) snis.add(`outbound_.${port.port}_.${subset.name}_.${host}`);
        }
    }
    return snis;
}

export interface Leaf {
    key: string;
    /** The leaf, then its chain. */
    cert: string;
    /** The roots it trusts. */
    ca: string;
}

/**
 * A caller's sidecar → the exporter's passthrough gateway → the workload's sidecar, all on loopback. The
 * result says whether the gateway admitted the SNI and whether mutual TLS completed end to end.
 */
export function throughPassthrough(admitted: Set<string>, workload: Leaf, caller: Leaf, sni: string): Promise<{ admitted: boolean; ok: boolean; error?: string }> {
    return new Promise((resolve) => {
        let admittedSni = false;
        const backend = tls.createServer({ ...workload, requestCert: true, rejectUnauthorized: true }, (s) => s.end("from the remote workload"));
        const gateway = net.createServer((downstream) => {
            downstream.once("data", (hello: Buffer) => {
                const name = clientHelloSni(hello);
                if (!name || !admitted.has(name)) {
                    downstream.destroy(); // no filter chain matches
                    return;
                }
                admittedSni = true;
                const upstream = net.connect((backend.address() as AddressInfo).port, "127.0.0.1", () => {
                    upstream.write(hello);
                    downstream.pipe(upstream).pipe(downstream);
                });
                upstream.on("error", () => downstream.destroy());
            });
            downstream.on("error", () => undefined);
        });
        let finished = false;
        const done = (ok: boolean, error?: string) => {
            if (finished) return;
            finished = true;
            gateway.close();
            backend.close();
            resolve({ admitted: admittedSni, ok, error });
        };
        backend.listen(0, "127.0.0.1", () =>
            gateway.listen(0, "127.0.0.1", () => {
                let received = "";
                const socket = tls.connect({
                    host: "127.0.0.1",
                    port: (gateway.address() as AddressInfo).port,
                    servername: sni,
                    ...caller,
                    // Envoy checks the SPIFFE URI SANs against the DestinationRule's; chain trust is what is at stake here.
                    checkServerIdentity: () => undefined,
                });
                socket.setTimeout(5000, () => socket.destroy(new Error("timed out")));
                socket.on("data", (d) => (received += d));
                socket.on("end", () => done(received === "from the remote workload"));
                socket.on("error", (e) => done(false, e.message));
                socket.on("close", () => done(received === "from the remote workload"));
            }),
        );
    });
}
