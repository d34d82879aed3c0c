/** IAM principals named in key and cluster policies: real ARNs, never a wildcard, never an empty list. */
import { shape, type ArgsSchema, type ProblemCollector } from "@palisade/core";

/** An IAM role, user or account-root ARN in any partition, or a 12-digit account id. */
const PRINCIPAL_ARN =
  /^(arn:aws(-[a-z]+)*:(iam|sts)::\d{12}:(root|(role|user|assumed-role|federated-user)\/[\w+=,.@/-]+)|\d{12})$/;

export const PRINCIPALS_SCHEMA: ArgsSchema = shape.array(
  shape.input(
    shape.string("must be an IAM principal ARN"),
    "must be an IAM principal ARN or an Output of one",
  ),
  "must list IAM principal ARNs",
);

export const PRINCIPAL_RULE =
  "must be an IAM role, user or account ARN such as arn:aws:iam::123456789012:role/app (never * or a wildcard)";

/** Checks a list of principals when given: at least one, each plain value a principal ARN. */
export function checkPrincipals(
  problems: ProblemCollector,
  path: string,
  principals: readonly unknown[] | undefined,
  purpose: string,
): void {
  if (principals === undefined) return;
  if (
    !problems.require(
      principals.length > 0,
      path,
      principals,
      `must name at least one principal allowed to ${purpose} the key (omit it for the default)`,
    )
  )
    return;
  principals.forEach((principal, i) => checkPrincipal(problems, `${path}[${i}]`, principal));
}

/** Checks one principal; an Output is only known at deployment, where AWS rejects what is not a principal. */
export function checkPrincipal(problems: ProblemCollector, path: string, principal: unknown): void {
  if (typeof principal !== "string") return;
  problems.require(PRINCIPAL_ARN.test(principal), path, principal, PRINCIPAL_RULE);
}

const SERVICE_PRINCIPAL = /^[a-z0-9.-]+\.amazonaws\.com$/;

/** Checks AWS service principals such as `cloudtrail.amazonaws.com`. */
export function checkServicePrincipals(
  problems: ProblemCollector,
  path: string,
  services: readonly string[] | undefined,
): void {
  (services ?? []).forEach((service, i) =>
    problems.require(
      SERVICE_PRINCIPAL.test(service),
      `${path}[${i}]`,
      service,
      "must be an AWS service principal such as cloudtrail.amazonaws.com",
    ),
  );
}
