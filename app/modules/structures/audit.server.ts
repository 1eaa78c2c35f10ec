import { type Executor, db } from '#db/client.server.ts'
import { newId } from '#app/utils/ids.server.ts'

// The audit log: who did what to what, for acts that engage the network (label granted, structure deleted by an
// admin…). Append-only; the actor becomes null when their account is deleted.

export async function recordAudit(
  entry: { actorId: string | null; action: string; targetType: string; targetId: string; data?: Record<string, unknown> },
  trx: Executor = db,
): Promise<void> {
  await trx
    .insertInto('auditLog')
    .values({
      id: newId(),
      actorId: entry.actorId,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      dataJson: JSON.stringify(entry.data ?? {}),
      createdAt: new Date().toISOString(),
    })
    .execute()
}

export async function listAuditEntries(target: { type: string; id: string }, trx: Executor = db) {
  return trx
    .selectFrom('auditLog')
    .leftJoin('users', 'users.id', 'auditLog.actorId')
    .select(['auditLog.id', 'auditLog.action', 'auditLog.dataJson', 'auditLog.createdAt', 'users.name as actorName'])
    .where('auditLog.targetType', '=', target.type)
    .where('auditLog.targetId', '=', target.id)
    .orderBy('auditLog.createdAt', 'desc')
    .execute()
}
