/**
 * The one way a Kubernetes component creates its children: parent, labels and retention come from the
 * component's resolved settings, so no child can forget them. The component's provider reaches every
 * child through `parent`.
 */
import type * as pulumi from "@pulumi/pulumi";
import { childName, dataResourceOptions, guardResourceOptions } from "@palisade/core";
import type { KubernetesSettings } from "./settings";

/**
 * How a child relates to the component's data:
 * - `data` holds it (a namespace): retained and protected as the settings say;
 * - `guard` keeps retained data safe (the default deny, the default service account's patch, Pod Security
 *   labels): retained whenever the data is, so a destroy never leaves retained data unguarded;
 * - `plain` neither: deleted with the stack (allow rules, quotas, roles, workloads; removing them only
 *   narrows access or frees capacity).
 */
export type ChildRole = "data" | "guard" | "plain";

/** The metadata a component chooses for an object; labels are added on top of the settings' labels. */
export interface ObjectName {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
}

/** A resource class; its own argument type is read back with `ArgsOf`. */
type ResourceClass = new (name: string, args: never, opts?: pulumi.CustomResourceOptions) => unknown;
type ArgsOf<K extends ResourceClass> = NonNullable<ConstructorParameters<K>[1]>;

/** A child component class, constructed from the plan its parent resolved for it. */
type ComponentClass<P> = new (name: string, plan: P, opts: pulumi.ComponentResourceOptions) => unknown;

export class KubernetesChildren {
  constructor(
    private readonly parent: pulumi.ComponentResource,
    private readonly name: string,
    readonly settings: KubernetesSettings,
  ) {}

  private options(role: ChildRole, dependsOn: pulumi.Resource[]): pulumi.CustomResourceOptions {
    const extra = dependsOn.length > 0 ? { dependsOn } : {};
    if (role === "data") return dataResourceOptions(this.parent, this.settings.protection, extra);
    if (role === "guard") return guardResourceOptions(this.parent, this.settings.protection, extra);
    return { ...extra, parent: this.parent };
  }

  /** A Kubernetes object Palisade owns, labelled with the settings' labels under its own. */
  object<K extends ResourceClass>(
    Kind: K,
    role: ChildRole,
    suffix: readonly string[],
    metadata: ObjectName,
    body: Omit<ArgsOf<K>, "metadata">,
    dependsOn: pulumi.Resource[] = [],
  ): InstanceType<K> {
    const labels = { ...this.settings.labels, ...metadata.labels };
    const args = { ...body, metadata: { ...metadata, labels } } as never;
    return new Kind(childName(this.name, ...suffix), args, this.options(role, dependsOn)) as InstanceType<K>;
  }

  /**
   * A patch of an object Palisade does not own, or a Helm release: only the fields it must set, so it
   * never claims ownership of labels (or puts compliance labels on someone else's object).
   */
  unlabelled<K extends ResourceClass>(
    Kind: K,
    role: ChildRole,
    suffix: readonly string[],
    args: ArgsOf<K>,
    dependsOn: pulumi.Resource[] = [],
  ): InstanceType<K> {
    return new Kind(childName(this.name, ...suffix), args, this.options(role, dependsOn)) as InstanceType<K>;
  }

  /** A child component, from the plan (name and inherited settings included) its parent validated. */
  component<P extends { readonly name: string }, K extends ComponentClass<P>>(
    Kind: K,
    plan: P,
  ): InstanceType<K> {
    return new Kind(plan.name, plan, { parent: this.parent }) as InstanceType<K>;
  }
}
