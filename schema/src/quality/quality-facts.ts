/**
 * What each agency tells the hub's data-quality check about one child: the few facts the
 * rules compare, derived where a derived fact is enough (the police give the birth date and
 * sex an ID number encodes, never the number). These pass through the checking process's
 * memory only; no agency's facts are stored in another's database.
 */

/** Civil affairs: the registry. */
export interface RegistryFacts {
  childId: string;
  status: 'ACTIVE' | 'EXITED';
  exitReason: 'JOINED_PARENTS' | 'PARENT_RETURNED' | 'TURNED_SIXTEEN' | 'OTHER' | null;
  birthDate: string;
  sex: 'MALE' | 'FEMALE';
  villageCode: string;
  /** Each parent as the registry records them: at home (not away) and with no reason they cannot care. */
  fatherAtHomeAndAble: boolean;
  motherAtHomeAndAble: boolean;
  /** The registry records a reason a parent cannot act (服刑, 重病…) for either parent. */
  parentUnableRecorded: boolean;
  /** The DISABILITY risk flag is raised and not cleared. */
  disabilityFlag: boolean;
}

/** Education: the enrollment system. */
export interface EducationFacts {
  childId: string;
  /** The current enrollment's school, or null when the child is enrolled nowhere. */
  schoolId: string | null;
  /** The 12-digit village code of that school. */
  schoolCode: string | null;
  /** The current enrollment's left-behind flag (留守儿童标记), false when not enrolled. */
  leftBehindFlag: boolean;
  /** A dropout report that is not RETURNED. */
  openDropoutReport: boolean;
  /** Whether the residence place (published by the registry) is known here: false for a child the registry does not hold. */
  residenceKnown: boolean;
}

/** Police: household registration. */
export interface PoliceFacts {
  childId: string;
  /** Birth date and sex as the child's ID number encodes them; null when the child has none. */
  idBirthDate: string | null;
  idSex: 'MALE' | 'FEMALE' | null;
  /** Child.guardianCanAct as the police derive it. */
  guardianCanAct: boolean;
  fatherServingSentence: boolean;
  motherServingSentence: boolean;
  /** The day civil affairs reported the child unregistered, while still PENDING. */
  unregisteredPendingSince: string | null;
  /** Both parents currently RESIDING_ELSEWHERE (registered or working away from the child). */
  bothParentsElsewhere: boolean;
  /** The village of the child's household, or null. */
  householdCode: string | null;
  residenceKnown: boolean;
}

/** Health. */
export interface HealthFacts {
  childId: string;
  /** A disability assessment is on file. */
  disabilityAssessed: boolean;
  residenceKnown: boolean;
}

/** Everything the hub learned about one child of a township, by agency; an agency that holds nothing is absent. */
export interface ChildFacts {
  childId: string;
  registry?: RegistryFacts;
  education?: EducationFacts;
  police?: PoliceFacts;
  health?: HealthFacts;
}
