/** A real mutual-TLS handshake on loopback, with `node:tls`, between two sets of PEM material. */
import * as tls from "node:tls";
import { AddressInfo } from "node:net";

export interface TlsMaterial {
    key: string;
    cert: string;
    /** The CA certificates this side accepts from its peer. */
    ca: string;
    /**
     * Client only: the name the server's certificate must carry, as a DestinationRule's `subjectAltNames`
     * checks it. @default the SNI
     */
    verifyHost?: string;
}

export interface HandshakeResult {
    ok: boolean;
    /** Why it failed: what the client saw, and what the server said about the client. */
    error?: string;
}

/** Connects client to server with SNI `servername`; ok only when application data crossed. */
export function handshake(server: TlsMaterial, client: TlsMaterial, servername: string): Promise<HandshakeResult> {
    return new Promise((resolve) => {
        let serverError: string | undefined;
        // The server checks the client certificate itself, as a MUTUAL gateway does, so the reason for a
        // refusal is known (node's own rejection closes the socket without saying why).
        const srv = tls.createServer({ ...server, requestCert: true, rejectUnauthorized: false }, (socket) => {
            if (socket.authorized) {
                socket.end("federated");
            } else {
                serverError = String(socket.authorizationError);
                socket.destroy();
            }
        });
        srv.on("tlsClientError", (err) => (serverError = err.message));
        let finished = false;
        // The server's verdict on the client certificate may arrive just after the client sees the
        // connection drop: give it a moment, so a failure names its real cause.
        const finish = (result: () => HandshakeResult) => {
            if (finished) return;
            finished = true;
            setTimeout(() => {
                srv.close();
                resolve(result());
            }, 50);
        };
        srv.listen(0, "127.0.0.1", () => {
            const { port } = srv.address() as AddressInfo;
            let received = "";
            const { verifyHost, ...material } = client;
            const socket = tls.connect({
                host: "127.0.0.1",
                port,
                servername,
                ...material,
                checkServerIdentity: (_sni, cert) => tls.checkServerIdentity(verifyHost ?? servername, cert),
            });
            socket.setTimeout(5000, () => socket.destroy(new Error("timed out")));
            socket.on("data", (d) => (received += d));
            const failure = (clientError: string) => ({ ok: false, error: `client: ${clientError}; server: ${serverError ?? "no error"}` });
            socket.on("error", (err) => finish(() => failure(err.message)));
            socket.on("close", () => finish(() => (received === "federated" ? { ok: true } : failure("connection closed before any data"))));
        });
    });
}
