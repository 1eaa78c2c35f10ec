// The audit log moved to the shared module app/modules/audit/audit.server.ts (groups write to it too); this file
// keeps the structures domain's imports working.
export { listAuditEntries, recordAudit } from '#app/modules/audit/audit.server.ts'
