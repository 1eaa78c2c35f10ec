import { type Executor, db } from '#db/client.server.ts'
import { type Actor, viewerId } from '#app/modules/auth/viewer.ts'
import { newId } from '#app/utils/ids.server.ts'

// The audit log: who did what to what, for acts that engage the network (label granted, structure deleted by an
// admin, a group's coordinator appointed, a join request decided…). Append-only; the actor becomes null when their
// account is deleted. Shared by every domain (structures, groups…): write it in the transaction of the act.

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

/** Records an act of `actor`: a person's id, or null with the system's name in the data. */
export async function recordActorAudit(
  actor: Actor,
  entry: { action: string; targetType: string; targetId: string; data?: Record<string, unknown> },
  trx: Executor = db,
): Promise<void> {
  const data = actor.kind === 'system' ? { ...entry.data, system: actor.name } : (entry.data ?? {})
  await recordAudit({ ...entry, actorId: viewerId(actor), data }, trx)
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
