/**
 * When access stands out. Each threshold is a judgement; they are named here so an
 * auditor can read (and a deployment can argue about) the rule behind every finding.
 */

/**
 * MANY_CHILDREN: a principal read more than this many times the mean of its peers (the
 * other principals of the same agency and level active in the window, in the auditor's
 * jurisdiction). Caseloads of comparable officers differ with the size of their town or
 * school, commonly by up to about two to one; three times the peers is beyond that
 * variation and is what bulk browsing or a harvested account looks like.
 */
export const MANY_CHILDREN_PEER_FACTOR = 3;

/**
 * MANY_CHILDREN: and at least this many distinct children. Small numbers make ratios
 * meaningless (8 children against peers' 2 is routine). Twenty is a township's whole
 * caseload in the seed counties (one county counted 100 left-behind children in 8
 * townships, about 12 each), so reading more than that is never incidental.
 */
export const MANY_CHILDREN_MINIMUM = 20;

/**
 * OUT_OF_HOURS: working hours in China time (Asia/Shanghai, UTC+8, no daylight saving),
 * start inclusive, end exclusive. The seeds' offices work days; emergencies happen at
 * night, so such entries are reported (the summary counts the EMERGENCY ones) for an
 * auditor to judge, not treated as violations.
 */
export const WORKING_HOURS_START = '08:00';
export const WORKING_HOURS_END = '20:00';
export const CHINA_TIME_ZONE = 'Asia/Shanghai';

/**
 * OUT_OF_HOURS: reported from this many entries returning child data out of hours. One is
 * enough: such reads are rare and each one is worth a look.
 */
export const OUT_OF_HOURS_MINIMUM = 1;

/**
 * MANY_DENIALS: denied fields in the window, from this many. A caller whose tool asks for a
 * field it may not read collects a few denials per screen; ten or more means repeated
 * reaching beyond its rights — probing, or a misconfigured client worth fixing.
 */
export const MANY_DENIALS_MINIMUM = 10;

/** BREAK_GLASS: every break-glass entry is reviewed; there is no threshold. */
export const BREAK_GLASS_MINIMUM = 1;

/**
 * FAILED_IDENTIFIER_LOOKUPS: entries whose lookups by identifier found nothing, or were
 * refused as throttled, from this many. An officer mistyping a number misses now and then;
 * recovering a number that masking or jurisdiction hides takes hundreds of guesses, and
 * the gateway's throttle (20 misses in 10 minutes) turns them into RATE_LIMITED entries
 * that count here too. Ten is well past mistyping and well before a search succeeds.
 */
export const FAILED_IDENTIFIER_LOOKUPS_MINIMUM = 10;

/** The longest window one query may cover: anomalies are a review of recent access, and the aggregate's cost grows with the window. */
export const MAX_WINDOW_DAYS = 90;
