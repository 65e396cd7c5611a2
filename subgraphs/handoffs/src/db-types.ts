import type { Agency, AdminLevel, HandoffKind, HandoffState } from '@lbc/schema';
import type { ChildPlaceTable, WriteTables } from '@lbc/subgraph-kit';
import type { Generated, Selectable } from 'kysely';

/** The hand-off database, as Kysely sees it. Column names are the SQL ones. */
export interface HandoffsDB extends WriteTables {
  handoff: HandoffTable;
  handoff_event: HandoffEventTable;
  handoff_notice: HandoffNoticeTable;
  hotline_ticket: HotlineTicketTable;
  hotline_follow_up: HotlineFollowUpTable;
  child_place: ChildPlaceTable;
  quality_finding: QualityFindingTable;
  quality_check: QualityCheckTable;
}

export type HandoffOutcomeValue = 'SUCCESSFUL' | 'UNSUCCESSFUL';

export interface HandoffTable {
  id: Generated<string>;
  kind: HandoffKind;
  child_id: string | null;
  ticket_id: string | null;
  from_agency: Agency;
  from_level: AdminLevel;
  from_region: string;
  from_org: string | null;
  from_subject: string;
  to_agency: Agency;
  to_level: AdminLevel;
  to_region: string;
  to_org: string | null;
  reason: string;
  note: string | null;
  service: string | null;
  case_id: string | null;
  knew_at: Date | null;
  requested_due_at: Date | null;
  state: Generated<HandoffState>;
  version: Generated<number>;
  sent_at: Generated<Date>;
  answered_at: Date | null;
  finished_at: Date | null;
  outcome: HandoffOutcomeValue | null;
  outcome_reason: string | null;
  step_started_at: Generated<Date>;
  due_at: Date | null;
  overdue_since: Date | null;
  escalation_depth: Generated<number>;
  next_check_at: Date | null;
}
export type HandoffRow = Selectable<HandoffTable>;

export type HandoffEventKind = 'SENT' | 'ACCEPTED' | 'DECLINED' | 'DONE' | 'WITHDRAWN' | 'ESCALATED';

export interface HandoffEventTable {
  id: Generated<string>;
  handoff_id: string;
  kind: HandoffEventKind;
  at: Date;
  by_agency: string;
  by_level: string;
  by_region: string;
  by_org: string | null;
  by_subject: string | null;
  note: string | null;
}
export type HandoffEventRow = Selectable<HandoffEventTable>;

export type NoticeReason = 'ADDRESSED' | 'COPIED' | 'ESCALATED' | 'ANSWERED' | 'FINISHED' | 'WITHDRAWN';

export interface HandoffNoticeTable {
  seq: Generated<string>;
  id: Generated<string>;
  handoff_id: string;
  at: Date;
  reason: NoticeReason;
  agency: string;
  level: string;
  region_code: string;
  org: string | null;
  payload: string;
}
export type HandoffNoticeRow = Selectable<HandoffNoticeTable>;

export interface HotlineTicketTable {
  id: Generated<string>;
  opened_at: Generated<Date>;
  opened_by: string;
  owner_region: string;
  region_code: string;
  caller: string;
  child_id: string | null;
  situation: string | null;
  summary: string;
  status: Generated<'OPEN' | 'TRANSFERRED' | 'CLOSED'>;
  version: Generated<number>;
  closed_at: Date | null;
  outcome: string | null;
}
export type HotlineTicketRow = Selectable<HotlineTicketTable>;

export interface HotlineFollowUpTable {
  id: Generated<string>;
  ticket_id: string;
  at: Generated<Date>;
  by_subject: string;
  note: string;
}
export type HotlineFollowUpRow = Selectable<HotlineFollowUpTable>;

/** A data-quality finding: a rule a child's records violate, from the check that first saw it to the one that no longer did. */
export interface QualityFindingTable {
  id: Generated<string>;
  rule: string;
  child_id: string;
  village_code: string;
  owner_agency: Agency;
  first_seen_at: Date;
  last_seen_at: Date;
  resolved_at: Date | null;
}
export type QualityFindingRow = Selectable<QualityFindingTable>;

/** When a township was last checked, and whether a check was asked for since. */
export interface QualityCheckTable {
  town_code: string;
  checked_at: Date | null;
  findings: Generated<number>;
  requested_at: Date | null;
  requested_by: string | null;
}
