import { v7 as uuidv7 } from 'uuid';
import { newActivityFields, type EntityName, type Mutation } from '../../lib/schemas';
import { formatHlc } from '../../lib/sync/hlc';
import { addRep, createTeam } from '../admin/admin';
import type { Database } from '../db/connect';

/** Complete field sets for new records, so tests state only what they care about. */
export function accountFields(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'Acme',
    domains: ['acme.example'],
    industry: null,
    sizeTier: null,
    ownerId: null,
    stage: 'lead',
    renewalDate: null,
    health: null,
    facts: {},
    deletedAt: null,
    ...overrides,
  };
}

export function contactFields(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { accountId: null, name: 'Li Wei', email: null, phone: null, title: null, role: null, profileUrl: null, deletedAt: null, ...overrides };
}

export function dealFields(accountId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    accountId,
    name: 'Pilot',
    stage: 'lead',
    amount: null,
    currency: 'CNY',
    expectedCloseDate: null,
    ownerId: null,
    closedAt: null,
    lostReason: null,
    facts: {},
    deletedAt: null,
    ...overrides,
  };
}

export function noteFields(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...newActivityFields({ type: 'note', accountId: null, occurredAt: 1_700_000_000_000, body: 'Called about the pilot.' }), ...overrides };
}

export function suggestionStateFields(subjectId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { subjectType: 'account', subjectId, suggestionKey: 'confirm_budget', status: 'dismissed', snoozedUntil: null, deletedAt: null, ...overrides };
}

/** Hands out strictly increasing stamps for one client, starting at a fixed wall time. */
export function stampsFor(clientId: string, startMs = Date.now() - 60_000) {
  let wallMs = startMs;
  return () => formatHlc({ wallMs: wallMs++, counter: 0, node: clientId });
}

export function mutation(entity: EntityName, recordId: string, patch: Record<string, unknown>, hlc: string): Mutation {
  return { id: uuidv7(), entity, recordId, patch, hlc };
}

export interface SeededRep {
  id: string;
  name: string;
  token: string;
  tokenId: string;
}

export async function seedTeam(db: Database, repNames: readonly string[] = ['Li Wei', 'Ana Souza'], teamName = 'Acme Sales') {
  const team = await createTeam(db, teamName);
  const reps: SeededRep[] = [];
  for (const name of repNames) {
    const added = await addRep(db, { teamId: team.id, name, email: `${name.split(' ')[0]!.toLowerCase()}@acme.example` });
    reps.push({ id: added.rep.id, name, token: added.token, tokenId: added.tokenId });
  }
  return { team, reps };
}
