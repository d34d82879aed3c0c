/**
 * The only way an AWS component creates children. Each method takes the component's resolved settings
 * and injects what every child must have: `parent`, the component's `region` on every regional resource
 * (awsx's rule: whatever the provider's region, a child lands where its component says), the rendered
 * tags on every taggable one, and retain/protect flags by the child's role. Forgetting one is a type
 * error: a regional resource cannot be created through the global methods, nor a taggable one without tags.
 */
import type * as pulumi from "@pulumi/pulumi";
import { dataResourceOptions, guardResourceOptions, warnDataLoss } from "@palisade/core";
import type { AwsSettings } from "./settings";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any resource class; its args are read below
type ResourceClass = new (name: string, args: any, opts?: pulumi.CustomResourceOptions) => pulumi.Resource;
/** The args type of a resource class, whether its args are optional or not. */
type ArgsOf<C extends ResourceClass> = NonNullable<ConstructorParameters<C>[1]>;
type HasRegion<A> = "region" extends keyof A ? true : false;
type HasTags<A> = "tags" extends keyof A ? true : false;

/** What the caller gives for each kind of child: never the region or tags the factory injects. */
type TaggedArgs<A> =
  HasRegion<A> extends true ? (HasTags<A> extends true ? Omit<A, "region" | "tags"> : never) : never;
type UntaggedArgs<A> =
  HasRegion<A> extends true ? (HasTags<A> extends true ? never : Omit<A, "region">) : never;
type GlobalTaggedArgs<A> =
  HasRegion<A> extends true ? never : HasTags<A> extends true ? Omit<A, "tags"> : never;
type GlobalArgs<A> = HasRegion<A> extends true ? never : HasTags<A> extends true ? never : A;

export interface ChildOptions {
  /**
   * `data`: holds data, so retained on delete (and protected) per the component's data protection;
   * `guard`: protects data (encryption, access blocks, policies, versioning), retained whenever the data is.
   * @default neither: deleted with the stack
   */
  role?: "data" | "guard";
  dependsOn?: pulumi.Input<pulumi.Input<pulumi.Resource>[]>;
  /** Tags for this child only, over the component's (e.g. `Name`). */
  extraTags?: Record<string, string>;
}

export class AwsChildren {
  constructor(
    readonly parent: pulumi.Resource,
    readonly settings: AwsSettings,
  ) {
    // Said once per component, whatever children it creates.
    warnDataLoss(parent, settings.protection);
  }

  /** A regional resource that takes tags. */
  tagged<C extends ResourceClass>(
    ctor: C,
    name: string,
    args: TaggedArgs<ArgsOf<C>>,
    options: ChildOptions = {},
  ): InstanceType<C> {
    const full = { ...(args as object), region: this.settings.region, tags: this.tags(options) };
    return new ctor(name, full, this.options(options)) as InstanceType<C>;
  }

  /** A regional resource that takes no tags (routes, associations, S3 bucket settings). */
  untagged<C extends ResourceClass>(
    ctor: C,
    name: string,
    args: UntaggedArgs<ArgsOf<C>>,
    options: Omit<ChildOptions, "extraTags"> = {},
  ): InstanceType<C> {
    const full = { ...(args as object), region: this.settings.region };
    return new ctor(name, full, this.options(options)) as InstanceType<C>;
  }

  /** A global resource (IAM) that takes tags. */
  globalTagged<C extends ResourceClass>(
    ctor: C,
    name: string,
    args: GlobalTaggedArgs<ArgsOf<C>>,
    options: ChildOptions = {},
  ): InstanceType<C> {
    const full = { ...(args as object), tags: this.tags(options) };
    return new ctor(name, full, this.options(options)) as InstanceType<C>;
  }

  /** A global resource that takes neither region nor tags (IAM policies and attachments). */
  global<C extends ResourceClass>(
    ctor: C,
    name: string,
    args: GlobalArgs<ArgsOf<C>>,
    options: Omit<ChildOptions, "extraTags"> = {},
  ): InstanceType<C> {
    return new ctor(name, args, this.options(options)) as InstanceType<C>;
  }

  private tags(options: ChildOptions): Record<string, string> {
    return { ...this.settings.tags, ...options.extraTags };
  }

  private options(options: ChildOptions): pulumi.CustomResourceOptions {
    const extra = options.dependsOn ? { dependsOn: options.dependsOn } : {};
    if (options.role === "data") return dataResourceOptions(this.parent, this.settings.protection, extra);
    if (options.role === "guard") return guardResourceOptions(this.parent, this.settings.protection, extra);
    return { ...extra, parent: this.parent };
  }
}
