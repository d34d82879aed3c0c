/**
 * Azure Database for MySQL flexible server rules (azure-native v3 dbformysql, API 2024-02-01-preview): network
 * exposure, customer keys, TLS and geo-backup regions, shared with PostgreSQL in ./flexible-server. That API
 * version's defaults: public access on unless the server sits in a delegated subnet, system-managed keys, backups
 * in the server's region, and the server parameters require_secure_transport (ON) and tls_version (TLSv1.2), so
 * only a Configuration that loosens them is a finding.
 */
import { flexibleServerRules } from "./flexible-server";

const mysql = flexibleServerRules({ module: "dbformysql", engine: "MySQL", tlsParameter: "tls_version" });

export const mysqlServerPrivate = mysql.serverPrivate;
export const mysqlServerCmk = mysql.serverCmk;
export const mysqlConfigurationTls = mysql.configurationTls;
export const mysqlServerGeoBackupRegion = mysql.serverGeoBackupRegion;
