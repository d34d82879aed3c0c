import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { auditConfigComplete } from "./iam";

const allLogTypes = [{ logType: "ADMIN_READ" }, { logType: "DATA_READ" }, { logType: "DATA_WRITE" }];
const audit = (
  props: Record<string, unknown>,
  type = "gcp:projects/iAMAuditConfig:IAMAuditConfig",
): KitResource => ({
  type,
  name: "audit",
  props: { project: "p", service: "allServices", auditLogConfigs: allLogTypes, ...props },
});

describeRule(auditConfigComplete, {
  baseline: hipaa,
  compliant: [
    audit({}),
    audit({ folder: "folders/1", project: undefined }, "gcp:folder/iamAuditConfig:IamAuditConfig"),
    audit({ orgId: "1", project: undefined }, "gcp:organizations/iamAuditConfig:IamAuditConfig"),
    // One service may log only what it needs; allServices must log every type.
    audit({ service: "sqladmin.googleapis.com", auditLogConfigs: [{ logType: "DATA_WRITE" }] }),
    // The project is created in the same preview.
    audit({ project: UNKNOWN }),
  ],
  requirements: {
    "no-exempted-members": {
      violating: [
        audit({
          auditLogConfigs: [
            ...allLogTypes.slice(0, 2),
            { logType: "DATA_WRITE", exemptedMembers: ["user:a@example.com"] },
          ],
        }),
        // Even on one service, and even when the member is unknown at preview.
        audit(
          {
            service: "storage.googleapis.com",
            auditLogConfigs: [{ logType: "DATA_READ", exemptedMembers: [UNKNOWN] }],
          },
          "gcp:folder/iamAuditConfig:IamAuditConfig",
        ),
      ],
      unknown: [
        audit({
          auditLogConfigs: [...allLogTypes.slice(1), { logType: "ADMIN_READ", exemptedMembers: UNKNOWN }],
        }),
      ],
    },
    "all-log-types": {
      violating: [
        audit({ auditLogConfigs: allLogTypes.slice(0, 2) }),
        audit({ auditLogConfigs: [] }),
        audit({ auditLogConfigs: undefined }),
        audit({ auditLogConfigs: allLogTypes.slice(1) }, "gcp:organizations/iamAuditConfig:IamAuditConfig"),
      ],
      unknown: [
        audit({ service: UNKNOWN }),
        audit({ auditLogConfigs: [{ logType: UNKNOWN }, ...allLogTypes.slice(1)] }),
      ],
    },
  },
});
