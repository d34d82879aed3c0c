/**
 * Google-managed service agents, by their documented email pattern
 * (https://cloud.google.com/iam/docs/service-agents). Built from a project number rather than looked up:
 * a lookup is an invoke, which offline previews cannot answer, and `gcp.projects.ServiceIdentity` does not
 * support Cloud Storage (terraform-google-modules/terraform-google-project-factory#803). The catch: some
 * agents exist only after first use (Cloud Storage creates its agent on demand), and a grant to an agent
 * that does not exist yet fails; pass the email from `storage.getProjectServiceAccountOutput()` instead.
 */
import type { ProblemCollector } from "@palisade/core";
import { GCP_PROJECT_NUMBER } from "./names";

export const SERVICE_AGENT_DOMAINS = {
  /** Cloud Storage: encrypts and decrypts objects with a bucket's CMEK. */
  storage: "gs-project-accounts.iam.gserviceaccount.com",
  /** Compute Engine: encrypts persistent disks and images. */
  compute: "compute-system.iam.gserviceaccount.com",
  /** Cloud Logging: encrypts log buckets and writes routed logs. */
  logging: "gcp-sa-logging.iam.gserviceaccount.com",
  /** GKE: encrypts application-layer secrets. */
  container: "container-engine-robot.iam.gserviceaccount.com",
} as const;

export type ServiceAgent = keyof typeof SERVICE_AGENT_DOMAINS;

/** `serviceAccount:service-<number>@<domain>`, the IAM member of a project's service agent. */
export function serviceAgentMember(service: ServiceAgent, projectNumber: string): string {
  return `serviceAccount:service-${projectNumber}@${SERVICE_AGENT_DOMAINS[service]}`;
}

/** Records a problem unless `projectNumber` is a project number (digits, not the project id). */
export function checkProjectNumber(
  problems: ProblemCollector,
  path: string,
  projectNumber: unknown,
): boolean {
  return problems.require(
    typeof projectNumber === "string" && GCP_PROJECT_NUMBER.test(projectNumber),
    path,
    projectNumber,
    "must be the project's number (6-19 digits, from `gcloud projects describe`), not its id",
  );
}

/** An IAM member that names one identity: never `allUsers`, `allAuthenticatedUsers` or a bare email. */
export const IAM_MEMBER = /^(serviceAccount|user|group|principal):[^\s,]+$/;
