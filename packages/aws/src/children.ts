/**
 * The only way an AWS component creates children. Each method takes the component's resolved settings
 * and injects what every child must have: `parent`, the component's `region` on every regional resource
 * (awsx's rule: whatever the provider's region, a child lands where its component says), the rendered
 * tags on every taggable one, and retain/protect flags by the child's role. Forgetting one is a type
 * error: a regional resource cannot be created through the global methods, nor a taggable one without tags.
 */
import * as pulumi from "@pulumi/pulumi";
import { dataResourceOptions, guardResourceOptions } from "@palisade/core";
import type { AwsSettings } from "./settings";

type Tags = pulumi.Input<Record<string, pulumi.Input<string>> | undefined>;
type Ctor<A, R> = new (name: string, args: A, opts?: pulumi.CustomResourceOptions) => R;

/** A resource argument type that takes a per-resource region (AWS provider v7). */
type RegionalArgs = { region?: pulumi.Input<string | undefined> };

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
  ) {}

  /** A regional resource that takes tags. */
  tagged<A extends RegionalArgs & { tags?: Tags }, R>(
    ctor: Ctor<A, R>,
    name: string,
    args: Omit<A, "region" | "tags">,
    options: ChildOptions = {},
  ): R {
    const full = { ...args, region: this.settings.region, tags: this.tags(options) } as unknown as A;
    return new ctor(name, full, this.options(options));
  }

  /** A regional resource that takes no tags (routes, associations, S3 bucket settings). */
  untagged<A extends RegionalArgs, R>(
    ctor: Ctor<A, R>,
    name: string,
    args: "tags" extends keyof A ? never : Omit<A, "region">,
    options: Omit<ChildOptions, "extraTags"> = {},
  ): R {
    const full = { ...(args as object), region: this.settings.region } as unknown as A;
    return new ctor(name, full, this.options(options));
  }

  /** A global resource (IAM) that takes tags. */
  globalTagged<A extends { tags?: Tags }, R>(
    ctor: Ctor<A, R>,
    name: string,
    args: "region" extends keyof A ? never : Omit<A, "tags">,
    options: ChildOptions = {},
  ): R {
    const full = { ...(args as object), tags: this.tags(options) } as unknown as A;
    return new ctor(name, full, this.options(options));
  }

  /** A global resource that takes neither region nor tags (IAM policies and attachments). */
  global<A extends object, R>(
    ctor: Ctor<A, R>,
    name: string,
    args: "region" extends keyof A ? never : "tags" extends keyof A ? never : A,
    options: Omit<ChildOptions, "extraTags"> = {},
  ): R {
    return new ctor(name, args as A, this.options(options));
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
