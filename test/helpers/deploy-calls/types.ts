/**
 * The vocabulary of the deploy-call map: a resource as the engine would create it (recorded, or
 * a child a remote component creates on the provider side) and the IAM-authorized calls the AWS
 * provider (or a dynamic provider's SDK client) makes for it.
 */

/** What creates, reads, changes, tags or deletes a resource. */
export type Phase = "create" | "read" | "update" | "tag" | "delete";

/** One authorized call: the action and the resource ARN as AWS forms it. */
export interface Call {
  readonly phase: Phase;
  readonly action: string;
  readonly resource: string;
  /** Tags the request sends (`aws:RequestTag/<key>`, `aws:TagKeys`). */
  readonly requestTags?: Readonly<Record<string, string>>;
  /** Tags the resource already carries (`aws:ResourceTag/<key>`). */
  readonly resourceTags?: Readonly<Record<string, string>>;
  /** Service condition keys of the request (`iam:PassedToService`, `ec2:CreateAction`, ...). */
  readonly context?: Readonly<Record<string, string | readonly string[]>>;
}

/** A resource to cover: a recorded one, or a child of a remote component (`child` names it). */
export interface Target {
  readonly type: string;
  /** Logical name (the recorded one, or `<component>/<child>` for a remote component's child). */
  readonly name: string;
  readonly inputs: Readonly<Record<string, any>>;
  /** The tags AWS stores on it: the provider's default tags plus its own `tags` input. */
  readonly tags: Readonly<Record<string, string>>;
}

/** Where the stack runs and what it is called. */
export interface Scope {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
  /** The provider's default tags (the program's tags, `gitops-platform:stack` among them). */
  readonly defaultTags: Readonly<Record<string, string>>;
  /** Every resource of the stack (references between resources are resolved in it). */
  readonly targets: readonly Target[];
}

/** The calls of one resource type; `undefined` for a type no map knows. */
export type CallsOf = (target: Target, scope: Scope) => Call[];

/** ARN builder of one scope. */
export function arns(scope: Scope) {
  const { partition: p, region: r, accountId: a } = scope;
  return {
    regional: (service: string, resource: string) => `arn:${p}:${service}:${r}:${a}:${resource}`,
    global: (service: string, resource: string) => `arn:${p}:${service}::${a}:${resource}`,
    aws: (service: string, resource: string) => `arn:${p}:${service}::aws:${resource}`,
  };
}

/** The name AWS gets: the `name` input (or `key`), else Pulumi's auto-name `<logical>-<7 hex>`. */
export function physicalName(target: Target, key = "name"): string {
  const v = target.inputs[key];
  return typeof v === "string" ? v : `${target.name.split("/").pop()}-1a2b3c4`;
}

/** Shorthand for a list of calls on one resource with the same tags. */
export function on(
  resource: string,
  resourceTags: Readonly<Record<string, string>> | undefined,
  calls: readonly [Phase, ...string[]][],
): Call[] {
  return calls.flatMap(([phase, ...actions]) =>
    actions.map((action) => ({ phase, action, resource, resourceTags })),
  );
}

/** The recorded resource of `type` that AWS knows as `name` (explicit or auto-named). */
export function byName(
  targets: readonly Target[],
  type: string,
  name: unknown,
  key = "name",
): Target {
  const found = targets.find(
    (t) =>
      t.type === type && (t.inputs[key] === undefined ? t.name === name : t.inputs[key] === name),
  );
  if (!found) throw new Error(`no recorded ${type} named ${String(name)}`);
  return found;
}
