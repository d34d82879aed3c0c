/**
 * Azure Database for PostgreSQL flexible server rules (azure-native v3 dbforpostgresql, API 2025-08-01): network
 * exposure, customer keys, TLS and geo-backup regions, shared with MySQL in ./flexible-server. That API version's
 * defaults: public access on unless the server sits in a delegated subnet, system-managed keys, backups in the
 * server's region, and the server parameters require_secure_transport (ON) and ssl_min_protocol_version
 * (TLSv1.2), so only a Configuration that loosens them is a finding.
 */
import { flexibleServerRules } from "./flexible-server";

const postgres = flexibleServerRules({
  module: "dbforpostgresql",
  engine: "PostgreSQL",
  tlsParameter: "ssl_min_protocol_version",
});

export const postgresServerPrivate = postgres.serverPrivate;
export const postgresServerCmk = postgres.serverCmk;
export const postgresConfigurationTls = postgres.configurationTls;
export const postgresServerGeoBackupRegion = postgres.serverGeoBackupRegion;
