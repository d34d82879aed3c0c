/**
 * The only way a GCP component creates children. GCP resources differ in which of `project`, `region`,
 * `location`, `zone` and `labels` they take (a key ring has a project and a location but no labels, a
 * crypto key has labels but inherits the rest from its ring, an IAM member has none), so each creation
 * names its child's scope: an object that must list exactly the keys the child's args have, which the
 * factory then fills from the component's settings. Leaving one out, naming one the child lacks, or
 * passing the value yourself in the args literal is a type error. `parent` and retain/protect flags by
 * role are injected too.
 */
import type * as pulumi from "@pulumi/pulumi";
import { dataResourceOptions, guardResourceOptions, warnDataLoss } from "@palisade/core";
import type { GcpSettings } from "./settings";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any resource class; its args are read below
type ResourceClass = new (name: string, args: any, opts?: pulumi.CustomResourceOptions) => pulumi.Resource;
/** The args type of a resource class, whether its args are optional or not. */
type ArgsOf<C extends ResourceClass> = NonNullable<ConstructorParameters<C>[1]>;

/** The args the factory fills from the component's settings. */
export type Scoped = "project" | "region" | "location" | "zone" | "labels" | "resourceLabels";
type ScopeKeys<A> = Extract<keyof A, Scoped>;
/** A zone is named by its letter, so it always lies in the component's region. */
export type ZoneLetter = "a" | "b" | "c" | "d" | "f";

/**
 * Exactly the settings a child takes: `true` for each of project, region, location and labels its args
 * have (a zone letter for `zone`), and nothing for the ones they lack.
 */
export type Scope<A> = { readonly [K in ScopeKeys<A>]-?: K extends "zone" ? ZoneLetter : true } & {
  readonly [K in Exclude<Scoped, ScopeKeys<A>>]?: never;
};
/** What the caller gives: never the values the factory injects. */
export type CallerArgs<A> = Omit<A, ScopeKeys<A>>;

export interface ChildOptions {
  /**
   * `data`: holds data, so retained on delete (and protected) per the component's data protection;
   * `guard`: protects data (encryption grants, log routing, audit configuration), retained whenever the
   * data is.
   * @default neither: deleted with the stack
   */
  role?: "data" | "guard";
  dependsOn?: pulumi.Input<pulumi.Input<pulumi.Resource>[]>;
  /** Labels for this child only, over the component's. */
  extraLabels?: Record<string, string>;
}

export class GcpChildren {
  constructor(
    readonly parent: pulumi.Resource,
    readonly settings: GcpSettings,
    /** @internal A factory for another region of the same component says nothing again. */
    warn = true,
  ) {
    // Said once per component, whatever children it creates.
    if (warn) warnDataLoss(parent, settings.protection);
  }

  /**
   * The same factory for another region the component spans (a network's subnets in several regions):
   * every setting but the region is the component's. The component checks `region` first, as it checks
   * its own (the baseline's allow-list applies).
   */
  inRegion(region: string): GcpChildren {
    return new GcpChildren(this.parent, { ...this.settings, region }, false);
  }

  /** Creates `ctor` with the caller's args plus the settings its `scope` names. */
  create<C extends ResourceClass>(
    ctor: C,
    name: string,
    scope: Scope<ArgsOf<C>>,
    args: CallerArgs<ArgsOf<C>>,
    options: ChildOptions = {},
  ): InstanceType<C> {
    const injected = this.scoped(scope, options);
    return new ctor(name, { ...(args as object), ...injected }, this.options(options)) as InstanceType<C>;
  }

  private scoped(
    scope: Partial<Record<Scoped, true | ZoneLetter>>,
    options: ChildOptions,
  ): Record<string, unknown> {
    const values: Record<string, unknown> = {};
    if (scope.project) values.project = this.settings.project;
    if (scope.region) values.region = this.settings.region;
    if (scope.location) values.location = this.settings.region;
    if (typeof scope.zone === "string") values.zone = `${this.settings.region}-${scope.zone}`;
    if (scope.labels) values.labels = { ...this.settings.labels, ...options.extraLabels };
    // GKE clusters call their labels `resourceLabels`.
    if (scope.resourceLabels) values.resourceLabels = { ...this.settings.labels, ...options.extraLabels };
    return values;
  }

  private options(options: ChildOptions): pulumi.CustomResourceOptions {
    const extra = options.dependsOn ? { dependsOn: options.dependsOn } : {};
    if (options.role === "data") return dataResourceOptions(this.parent, this.settings.protection, extra);
    if (options.role === "guard") return guardResourceOptions(this.parent, this.settings.protection, extra);
    return { ...extra, parent: this.parent };
  }
}
