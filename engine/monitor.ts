/**
 * The offline engine's resource monitor: Pulumi's MockMonitor, extended with what the real engine does
 * and the mock does not — URNs checked for duplicates, every resource recorded with its parent and
 * provider, secret-ness kept (input secrets and `additionalSecretOutputs`), and realistic answers for the
 * providers meshfed uses (see `providers.ts`).
 */
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import { deserializeProperties, deserializeProperty, serializeProperties } from "@pulumi/pulumi/runtime/rpc";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import * as resproto from "@pulumi/pulumi/proto/resource_pb";
import { ProviderAnswers } from "./providers";
import { ResourceRecord, STACK_TYPE } from "./records";
import { containsSecret, isSecretValue, reveal, secretValue } from "./secrets";

type Callback = (err: any, response?: any) => void;

export class OfflineMonitor extends MockMonitor {
    readonly records: ResourceRecord[] = [];
    /** Registrations the engine refused, as `<type> "<name>": <why>`. */
    readonly errors: string[] = [];
    /** The bare reasons of those refusals, to recognise them when the SDK reports them again. */
    readonly errorReasons: string[] = [];
    stackOutputs: Record<string, unknown> = {};
    private readonly byUrn = new Map<string, ResourceRecord>();

    constructor(
        private readonly project: string,
        private readonly stack: string,
        private readonly answers: ProviderAnswers,
        /** Told the number of resources registered so far, after each registration (a progress line). */
        private readonly onRegistered?: (registered: number) => void,
    ) {
        super({
            newResource: () => {
                throw new Error("unreachable: OfflineMonitor answers resources itself");
            },
            call: (args) => answers.invoke(args.token),
        });
    }

    /** An invoke the engine cannot answer is reported like a refused registration, by its token. */
    async invoke(req: any, callback: Callback): Promise<void> {
        await super.invoke(req, (err: any, response?: any) => {
            if (err) {
                const message = err instanceof Error ? err.message : String(err);
                this.errors.push(message);
                this.errorReasons.push(message);
            }
            callback(err, response);
        });
    }

    async registerResource(req: any, callback: Callback): Promise<void> {
        await this.handle(req, false, callback);
    }

    async readResource(req: any, callback: Callback): Promise<void> {
        await this.handle(req, true, callback);
    }

    registerResourceOutputs(req: any, callback: Callback): void {
        const record = this.byUrn.get(req.getUrn());
        if (!record) {
            callback(new Error(`registerOutputs for unknown resource ${req.getUrn()}`));
            return;
        }
        const outputs = deserializeProperties(req.getOutputs() ?? new structproto.Struct());
        record.outputs = outputs;
        if (record.type === STACK_TYPE) this.stackOutputs = outputs;
        callback(null, {});
    }

    private urnOf(parent: string, type: string, name: string): string {
        // Same URN scheme as the engine: a child's type is qualified by its parent's type chain, except under
        // the stack itself (pulumi's NewURN leaves the root stack's type out).
        const parentChain = parent ? parent.split("::")[2] : STACK_TYPE;
        const qualified = parentChain === STACK_TYPE ? type : `${parentChain}$${type}`;
        return `urn:pulumi:${this.stack}::${this.project}::${qualified}::${name}`;
    }

    /** The URNs an `aliases` option names, resolved as the engine resolves alias specs. */
    private aliasUrns(req: any, type: string, name: string, parent: string): string[] | undefined {
        const urns = (req.getAliasesList() as any[]).map((alias) => {
            if (alias.getUrn()) return alias.getUrn() as string;
            const spec = alias.getSpec();
            const aliasParent = spec.getNoparent() ? "" : spec.getParenturn() || parent;
            const urn = this.urnOf(aliasParent, spec.getType() || type, spec.getName() || name);
            return urn.replace(`urn:pulumi:${this.stack}::${this.project}::`, `urn:pulumi:${spec.getStack() || this.stack}::${spec.getProject() || this.project}::`);
        });
        // A parent known by former URNs gives its children theirs too, as Pulumi's engine does
        // (inheritedChildAlias): a component moved under a new parent takes its whole subtree's state along.
        // Each of the child's own names (now and former) is combined with each former URN of the parent.
        const parentAliases = parent ? (this.byUrn.get(parent)?.aliases ?? []) : [];
        const parentName = parent ? parent.split("::")[3] : "";
        const own = [this.urnOf(parent, type, name), ...urns];
        for (const former of parentAliases) {
            const formerName = former.split("::")[3];
            for (const urn of own) {
                const [, , chain, childName] = urn.split("::");
                const renamed = parentName && childName.startsWith(parentName) ? formerName + childName.slice(parentName.length) : childName;
                urns.push(this.urnOf(former, chain.split("$").pop()!, renamed));
            }
        }
        return urns.length > 0 ? [...new Set(urns)] : undefined;
    }

    private async handle(req: any, read: boolean, callback: Callback): Promise<void> {
        const type: string = req.getType();
        const name: string = req.getName();
        const parent: string = req.getParent();
        const urn = this.urnOf(parent, type, name);
        try {
            if (this.byUrn.has(urn)) {
                throw new Error(
                    `Duplicate resource URN '${urn}'; try giving it a unique name (two ${type} resources named "${name}" under the same parent)`,
                );
            }
            const inputs = deserializeProperties(read ? req.getProperties() : req.getObject());
            const custom = read ? true : req.getCustom();
            const record: ResourceRecord = {
                type,
                name,
                urn,
                id: "",
                parent: parent || undefined,
                provider: req.getProvider() || undefined,
                custom,
                protect: read ? false : req.getProtect() === true,
                read,
                dependencies: req.getDependenciesList(),
                aliases: read ? undefined : this.aliasUrns(req, type, name, parent),
                replacementTrigger: read || !req.hasReplacementTrigger() ? undefined : deserializeProperty(req.getReplacementTrigger().toJavaScript()),
                inputs,
                outputs: {},
            };
            this.byUrn.set(urn, record);
            this.records.push(record);
            this.onRegistered?.(this.records.length);

            const answer = custom
                ? await this.answers.resource({
                      type,
                      name,
                      urn,
                      inputs: reveal(inputs) as Record<string, any>,
                      read,
                      id: read ? req.getId() : undefined,
                      replacementTrigger: record.replacementTrigger,
                  })
                : { id: "", state: {} };
            record.id = answer.id;
            record.outputs = markSecrets(answer.state, inputs, req.getAdditionalsecretoutputsList());
            const serialized = await serializeProperties("", record.outputs);
            this.resources.set(urn, { urn, id: answer.id, state: serialized });

            const response = read ? new resproto.ReadResourceResponse() : new resproto.RegisterResourceResponse();
            response.setUrn(urn);
            if (!read) (response as resproto.RegisterResourceResponse).setId(answer.id);
            (response as any).setObject?.(structproto.Struct.fromJavaScript(serialized));
            (response as any).setProperties?.(structproto.Struct.fromJavaScript(serialized));
            callback(null, response);
        } catch (err) {
            const message = err instanceof Error ? err.message : String(err);
            this.errors.push(`${type} "${name}": ${message}`);
            this.errorReasons.push(message);
            callback(err instanceof Error ? err : new Error(message));
        }
    }
}

/**
 * As the engine does: an output is secret when its input of the same name held a secret, or the resource
 * lists it in `additionalSecretOutputs`.
 */
function markSecrets(state: Record<string, unknown>, inputs: Record<string, unknown>, additional: string[]) {
    return Object.fromEntries(
        Object.entries(state).map(([k, v]) => {
            const secret = containsSecret(inputs[k]) || additional.includes(k);
            return [k, secret && !isSecretValue(v) ? secretValue(v) : v];
        }),
    );
}
