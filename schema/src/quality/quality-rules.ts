import { ageOn, LEFT_BEHIND_AGE_LIMIT } from '../child-age.ts';
import type { Agency } from '../principal.ts';
import type { ChildFacts } from './quality-facts.ts';

/** What a rule is evaluated against besides the child's facts. */
export interface QualityContext {
  /** Today in China (YYYY-MM-DD). */
  today: string;
  /** Days an unregistered child may stay PENDING at the police before it is a finding. */
  pendingDays: number;
}

/**
 * One data-quality rule: two agencies' facts about the same child that should agree, and the
 * agency that owns the fact to correct (the finding is routed there; the other agency of
 * the rule sees it too, since its own fact is half of it).
 */
export interface QualityRule {
  id: string;
  agencies: readonly Agency[];
  /** The agency asked to correct its record. */
  owner: Agency;
  zh: string;
  en: string;
  /** Whether `facts` violate the rule. Only called for children the registry holds. */
  violated(facts: ChildFacts, context: QualityContext): boolean;
}

/** Days a pending registration may wait by default: the seeds ask the police to register "依法" without a term; 60 days is the operator's default. */
export const UNREGISTERED_PENDING_DAYS = 60;

/**
 * Whether a child of `birthDate` is of compulsory-school age on `today`: 6 to 15 at the
 * start of the school year under way. Schools take a child who is six by 31 August, so a
 * child who turns six in September is not missing from school until the next year.
 */
function schoolAge(birthDate: string, today: string): boolean {
  const year = Number(today.slice(0, 4)) - (today.slice(5) < '09-01' ? 1 : 0);
  const age = ageOn(birthDate, `${year}-08-31`);
  return age >= 6 && age <= 15;
}

function daysBetween(from: string, to: string): number {
  return Math.floor((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * THE data-quality rules, each stated once: the check runs them, the README lists them,
 * the findings name them by id.
 */
export const QUALITY_RULES: readonly QualityRule[] = [
  {
    id: 'SCHOOL_FLAG_MISSING',
    agencies: ['civil_affairs', 'education'],
    owner: 'education',
    zh: '登记为在册留守儿童，学籍未标记留守（档案未随学籍流转）',
    en: 'active in the registry, but the school has not flagged the pupil left behind (the file did not follow a transfer)',
    violated: ({ registry, education }) => registry?.status === 'ACTIVE' && !!education?.schoolId && !education.leftBehindFlag,
  },
  {
    id: 'SCHOOL_FLAG_STALE',
    agencies: ['civil_affairs', 'education'],
    owner: 'education',
    zh: '已退出留守儿童名册，学籍仍标记留守',
    en: 'exited from the registry, but the school still flags the pupil left behind',
    violated: ({ registry, education }) => registry?.status === 'EXITED' && !!education?.leftBehindFlag,
  },
  {
    id: 'JOINED_PARENTS_STILL_ENROLLED',
    agencies: ['civil_affairs', 'education'],
    owner: 'education',
    zh: '以"随父母生活"退出，仍在原籍县就读',
    en: 'exited as "joined parents", yet still enrolled at a school in the home county',
    violated: ({ registry, education }) => registry?.exitReason === 'JOINED_PARENTS' && !!education?.schoolCode && education.schoolCode.slice(0, 6) === registry.villageCode.slice(0, 6),
  },
  {
    id: 'GUARDIAN_CAPACITY_DISAGREES',
    agencies: ['civil_affairs', 'police'],
    owner: 'civil_affairs',
    zh: '公安认定监护人无法履责，民政记录父母均可履责',
    en: 'the police find no parent able to act as guardian, the registry records no parent unable',
    violated: ({ registry, police }) => registry?.status === 'ACTIVE' && police?.guardianCanAct === false && !registry.parentUnableRecorded,
  },
  {
    id: 'PARENT_IN_PRISON_AT_HOME',
    agencies: ['civil_affairs', 'police'],
    owner: 'civil_affairs',
    zh: '父母一方正在服刑，民政记录其在家且可履责',
    en: 'a parent is serving a sentence, the registry records that parent at home and able',
    violated: ({ registry, police }) => !!registry && !!police && ((police.fatherServingSentence && registry.fatherAtHomeAndAble) || (police.motherServingSentence && registry.motherAtHomeAndAble)),
  },
  {
    id: 'UNREGISTERED_PENDING_TOO_LONG',
    agencies: ['civil_affairs', 'police'],
    owner: 'police',
    zh: '无户籍儿童移交公安后超期未登记',
    en: 'handed over as unregistered and still pending at the police after the allowed days',
    violated: ({ registry, police }, { today, pendingDays }) =>
      registry?.status === 'ACTIVE' && !!police?.unregisteredPendingSince && daysBetween(police.unregisteredPendingSince, today) > pendingDays,
  },
  {
    id: 'DISABILITY_FLAG_MISSING',
    agencies: ['civil_affairs', 'health'],
    owner: 'civil_affairs',
    zh: '卫健有残疾评定，民政未标记残疾',
    en: 'health holds a disability assessment, the registry has no disability flag',
    violated: ({ registry, health }) => registry?.status === 'ACTIVE' && !!health?.disabilityAssessed && !registry.disabilityFlag,
  },
  {
    id: 'ACTIVE_AT_SIXTEEN',
    agencies: ['civil_affairs'],
    owner: 'civil_affairs',
    zh: '年满十六周岁仍在册',
    en: 'still active at 16 or older',
    violated: ({ registry }, { today }) => registry?.status === 'ACTIVE' && ageOn(registry.birthDate, today) >= LEFT_BEHIND_AGE_LIMIT,
  },
  {
    id: 'ID_NUMBER_DISAGREES',
    agencies: ['civil_affairs', 'police'],
    owner: 'civil_affairs',
    zh: '身份证号所含出生日期或性别与民政登记不符',
    en: "the ID number's birth date or sex disagrees with the registry",
    violated: ({ registry, police }) => !!registry && !!police?.idBirthDate && (police.idBirthDate !== registry.birthDate || police.idSex !== registry.sex),
  },
  {
    id: 'SCHOOL_AGE_NOT_ENROLLED',
    agencies: ['civil_affairs', 'education'],
    owner: 'education',
    zh: '适龄在册儿童无学籍，也无辍学报告',
    en: 'a school-age active child with no enrollment and no dropout report',
    violated: ({ registry, education }, { today }) => registry?.status === 'ACTIVE' && schoolAge(registry.birthDate, today) && !education?.schoolId && !education?.openDropoutReport,
  },
];

export type QualityRuleId = (typeof QUALITY_RULES)[number]['id'];

/** The rules `facts` violate, by id. */
export function violatedRules(facts: ChildFacts, context: QualityContext): string[] {
  return QUALITY_RULES.filter((rule) => rule.violated(facts, context)).map((rule) => rule.id);
}
