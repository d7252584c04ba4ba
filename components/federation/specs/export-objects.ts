/**
 * Everything the exposing side applies, as plain objects: the ingress Gateway with a server per consumer,
 * each export's routes, the subsets of exported services and the policy tying consumers to their exports.
 */
import { NamedKubeObject } from "../../core/kube-object";
import { consumerBundleName } from "../../trust/credential-names";
import { consumerSni, FederationContract, ReachableContract } from "../contract";
import { ResolvedExport } from "../export-specs";
import { buildExportAuthorizationPolicy } from "./export-authorization";
import { buildExportDestinationRules, buildExportVirtualService } from "./export-routing";
import { buildIngressGateway, ConsumerServer } from "./ingress-gateway-server";

/** One consumer as the exporter admits it: its SNI host, its name, its CA bundle. */
export interface AdmittedConsumer extends ConsumerServer {
    /** The consumer's CA certificate, the only one its server accepts. */
    caCertPem: string;
}

export interface ExportObjectsInput {
    namespace: string;
    selector: Record<string, string>;
    credentialName: string;
    /** This cluster's own contract: its host and federation port. */
    self: ReachableContract;
    additionalHosts: string[];
    exports: ResolvedExport[];
    /** The contract of each consumer the exports name. */
    consumers: Record<string, FederationContract>;
}

export interface ExportObjects {
    objects: NamedKubeObject[];
    /** Each consumer as admitted, by cluster name. */
    consumers: Record<string, AdmittedConsumer>;
}

export function buildExportObjects(input: ExportObjectsInput): ExportObjects {
    const { namespace, selector, exports } = input;
    const names = [...new Set(exports.flatMap((e) => e.consumers))].sort();
    const consumers: Record<string, AdmittedConsumer> = Object.fromEntries(
        names.map((c) => {
            const contract = input.consumers[c];
            const snis = [input.self.host, ...input.additionalHosts].map((h) => consumerSni(c, h));
            return [c, { cluster: c, sni: snis[0], snis, host: contract.host, caBundle: consumerBundleName(c), caCertPem: contract.caCertPem }];
        }),
    );
    const objects = [
        buildIngressGateway({ namespace, selector, port: input.self.port, credentialName: input.credentialName, consumers: Object.values(consumers) }),
        ...exports.map((e) => buildExportVirtualService(e, namespace, e.consumers.flatMap((c) => consumers[c].snis).sort())),
        ...buildExportDestinationRules(exports, namespace),
        buildExportAuthorizationPolicy(exports, namespace, selector, consumers),
    ];
    return { objects, consumers };
}
