/**
 * The only way an Azure component creates children. Azure resources differ in which of
 * `resourceGroupName`, `location` and `tags` they take (a vault takes all three, a key takes tags but
 * inherits its vault's group and location, a role assignment or a diagnostic setting takes none), so each
 * creation names its child's scope: an object that must list exactly the keys the child's args have,
 * which the factory then fills from the component's settings. Leaving one out, naming one the child lacks,
 * or passing the value yourself in the args literal is a type error. `parent` and retain/protect flags by
 * role are injected too.
 */
import type * as pulumi from "@pulumi/pulumi";
import { getClientConfigOutput, type GetClientConfigResult } from "@pulumi/azure-native/authorization";
import { dataResourceOptions, guardResourceOptions, warnDataLoss } from "@palisade/core";
import type { AzureSettings } from "./settings";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any resource class; its args are read below
type ResourceClass = new (name: string, args: any, opts?: pulumi.CustomResourceOptions) => pulumi.Resource;
/** The args type of a resource class, whether its args are optional or not. */
type ArgsOf<C extends ResourceClass> = NonNullable<ConstructorParameters<C>[1]>;

/** The args the factory fills from the component's settings. */
export type Scoped = "resourceGroupName" | "location" | "tags";
type ScopeKeys<A> = Extract<keyof A, Scoped>;

/**
 * Exactly the settings a child takes: `true` for each of resourceGroupName, location and tags its args
 * have, and nothing for the ones it lacks. Two children live elsewhere by Azure's design: private DNS zones
 * are `"global"`, and flow logs belong to the region's Network Watcher in its own resource group.
 */
export type Scope<A> = {
  readonly [K in ScopeKeys<A>]-?: K extends "location"
    ? true | "global"
    : K extends "resourceGroupName"
      ? true | { readonly elsewhere: pulumi.Input<string> }
      : true;
} & { readonly [K in Exclude<Scoped, ScopeKeys<A>>]?: never };
/** What the caller gives: never the values the factory injects. */
export type CallerArgs<A> = Omit<A, ScopeKeys<A>>;

export interface ChildOptions {
  /**
   * `data`: holds data, so retained on delete (and protected) per the component's data protection;
   * `guard`: protects data (keys' role assignments, diagnostic settings, locks), retained whenever the data
   * is.
   * @default neither: deleted with the stack
   */
  role?: "data" | "guard";
  dependsOn?: pulumi.Input<pulumi.Input<pulumi.Resource>[]>;
}

export class AzureChildren {
  private clientConfigOutput?: pulumi.Output<GetClientConfigResult>;

  constructor(
    readonly parent: pulumi.Resource,
    readonly settings: AzureSettings,
  ) {
    // Said once per component, whatever children it creates.
    warnDataLoss(parent, settings.protection);
  }

  /** Creates `ctor` with the caller's args plus the settings its `scope` names. */
  create<C extends ResourceClass>(
    ctor: C,
    name: string,
    scope: Scope<ArgsOf<C>>,
    args: CallerArgs<ArgsOf<C>>,
    options: ChildOptions = {},
  ): InstanceType<C> {
    const injected = this.scoped(scope);
    return new ctor(name, { ...(args as object), ...injected }, this.options(options)) as InstanceType<C>;
  }

  /**
   * The deploying identity's tenant and subscription, looked up once per component (`palisade preview`
   * answers it offline). Key Vault needs the tenant; built-in role ids need the subscription.
   */
  get clientConfig(): pulumi.Output<GetClientConfigResult> {
    this.clientConfigOutput ??= getClientConfigOutput({ parent: this.parent });
    return this.clientConfigOutput;
  }

  private scoped(scope: {
    resourceGroupName?: true | { elsewhere: pulumi.Input<string> };
    location?: true | "global";
    tags?: true;
  }): Record<string, unknown> {
    const values: Record<string, unknown> = {};
    if (scope.resourceGroupName)
      values.resourceGroupName =
        scope.resourceGroupName === true
          ? this.settings.resourceGroupName
          : scope.resourceGroupName.elsewhere;
    if (scope.location) values.location = scope.location === true ? this.settings.location : scope.location;
    if (scope.tags) values.tags = { ...this.settings.tags };
    return values;
  }

  private options(options: ChildOptions): pulumi.CustomResourceOptions {
    const extra = options.dependsOn ? { dependsOn: options.dependsOn } : {};
    if (options.role === "data") return dataResourceOptions(this.parent, this.settings.protection, extra);
    if (options.role === "guard") return guardResourceOptions(this.parent, this.settings.protection, extra);
    return { ...extra, parent: this.parent };
  }
}
