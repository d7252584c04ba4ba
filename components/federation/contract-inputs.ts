/**
 * Contracts given as Pulumi Inputs. In a program that creates both clusters, a peer's contract is an Output
 * (its CA comes from a tls resource, its address from a LoadBalancer Service). The components decide which
 * objects exist from names alone, standing in for each contract not known yet, and fill in what the objects
 * hold from the real contracts once known (see `deferred-contents`). Plain contracts are used as given, so
 * a program of plain contracts is checked whole before anything is registered, as it always was.
 */
import * as pulumi from "@pulumi/pulumi";
import { objectSetDifference } from "../cluster/deferred-contents";
import { NamedKubeObject } from "../core/kube-object";
import { CONTRACT_VERSION, ExportedService, FederationContract, ReachableContract } from "./contract";

/** Under the reserved `.invalid` TLD: a stand-in's host can never be dialled, should it ever leak. */
const STAND_IN_DOMAIN = "stand-in.invalid";

/**
 * A contract synthesised from a cluster's name, standing for one not known yet: it decides which objects
 * exist (their names come from cluster names only), never what they hold. `services`: what the caller
 * needs it to export, so that imports bind to it; the real contract is checked for them once known.
 */
export function standInContract(cluster: string, services: ExportedService[] = []): ReachableContract {
    const host = `${cluster}.${STAND_IN_DOMAIN}`;
    return { version: CONTRACT_VERSION, cluster, host, address: { hostname: host }, port: 1, caCertPem: "-----BEGIN CERTIFICATE-----\nstand-in\n-----END CERTIFICATE-----\n", services };
}

function isPlain<T>(input: pulumi.Input<T>): input is T {
    return !pulumi.Output.isInstance(input) && !(input instanceof Promise);
}

/** What a component builds from its contracts: the objects it applies and whatever else it derives. */
export interface Built {
    objects: NamedKubeObject[];
}

/** A component's contracts, by their path under `field` (`peers.cluster2` → `ServiceImportsArgs.peers.cluster2`). */
export class ContractInputs {
    /** Each contract as known now: a plain one as given, any other by its stand-in. */
    readonly known: Record<string, FederationContract>;
    private readonly standIns = new Map<FederationContract, string>();

    constructor(
        private readonly field: string,
        private readonly inputs: Record<string, pulumi.Input<FederationContract>>,
        standIn: (key: string) => FederationContract,
    ) {
        this.known = Object.fromEntries(
            Object.entries(inputs).map(([key, input]) => {
                if (isPlain(input)) return [key, input];
                const s = standIn(key);
                this.standIns.set(s, key);
                return [key, s];
            }),
        );
    }

    /** Whether every contract is a plain value, so what was built from `known` is final. */
    get plain(): boolean {
        return this.standIns.size === 0;
    }

    /** A field of a known contract: as given when it is plain, else the real contract's, once known. */
    fieldOf<T>(known: FederationContract, get: (c: FederationContract) => T): pulumi.Input<T> {
        const key = this.standIns.get(known);
        return key === undefined ? get(known) : this.real(key).apply(get);
    }

    /**
     * `build` on the real contracts: `skeleton` (built from `known`) when all are plain, else built again once
     * all are known, and refused unless it is the same set of objects. A failure names the contract at fault:
     * the first that fails on its own, with the others as known now.
     */
    resolve<T extends Built>(skeleton: T, build: (contracts: Record<string, FederationContract>) => T): pulumi.Output<T> {
        const keys = [...this.standIns.values()];
        return pulumi.all(keys.map((k) => this.real(k))).apply((values) => {
            if (keys.length === 0) return skeleton;
            const attempt = (contracts: Record<string, FederationContract>) => {
                const built = build({ ...this.known, ...contracts });
                const difference = objectSetDifference(skeleton.objects, built.objects);
                if (difference) throw new Error(difference);
                return built;
            };
            try {
                return attempt(Object.fromEntries(keys.map((k, i) => [k, values[i]])));
            } catch (err) {
                const culprit = keys.find((k, i) => failsOn(() => attempt({ [k]: values[i] })));
                throw new Error(`${[this.field, culprit].filter(Boolean).join(".")}, checked once its value was known: ${(err as Error).message}`);
            }
        });
    }

    private real(key: string): pulumi.Output<FederationContract> {
        // Contracts hold no Outputs: unwrapping one gives the same type.
        return pulumi.output(this.inputs[key]) as pulumi.Output<FederationContract>;
    }
}

function failsOn(run: () => unknown): boolean {
    try {
        run();
        return false;
    } catch {
        return true;
    }
}
