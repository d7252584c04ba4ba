/**
 * A cluster's contract built from its own resources: what its identity stack publishes, and what a program
 * that creates both sides of a federation hands the other side's `ServiceImports`/`ServiceExports` directly.
 */
import * as pulumi from "@pulumi/pulumi";
import { IngressGateway } from "../gateway/ingress-gateway";
import { FederationTrust } from "../trust/federation-trust";
import { CONTRACT_VERSION, ExportedService, FederationContract, ReachableContract } from "./contract";
import { ResolvedExport } from "./export-specs";

export interface FederationContractArgs {
    /** The cluster's federation name, as given to its `FederationTrust`. */
    cluster: string;
    /** The cluster's trust: its CA certificate, and its first host as the contract's `host`. */
    trust: FederationTrust;
    /** Its ingress gateway: where peers reach it. @default none: a cluster that only consumes */
    ingress?: IngressGateway;
    /** What it exports, to whom (resolved with `resolveExports`). @default none */
    exports?: ResolvedExport[];
}

/** The services a cluster's exports offer, as its peers see them. */
export function exportedServices(exports: ResolvedExport[]): ExportedService[] {
    return exports.map((e) => ({ ...e.exportAs, pathPrefix: e.pathPrefix, consumers: e.consumers }));
}

/** The cluster's contract, known once its CA certificate and its ingress gateway's address are. */
export function federationContract(args: FederationContractArgs & { ingress: IngressGateway }): pulumi.Output<ReachableContract>;
export function federationContract(args: FederationContractArgs): pulumi.Output<FederationContract>;
export function federationContract(args: FederationContractArgs): pulumi.Output<FederationContract> {
    const { ingress } = args;
    // A cluster without an ingress gateway still has a contract: exporters need its CA and host to admit it.
    const reach: pulumi.Output<Pick<FederationContract, "address" | "port">> = ingress ? ingress.address.apply((address) => ({ address, port: ingress.port })) : pulumi.output({});
    return pulumi.all([reach, args.trust.caCertPem]).apply(([where, caCertPem]): FederationContract => ({
        version: CONTRACT_VERSION,
        cluster: args.cluster,
        host: args.trust.hosts[0],
        ...where,
        caCertPem,
        services: exportedServices(args.exports ?? []),
    }));
}
