import { useLocale } from '../i18n/locale-context.tsx';
import { BAND_WIDTH, type CountDisclosure } from '../policy/count-rules.ts';
import { useHowCounted } from './how-counted-context.tsx';

export interface CountValueProps {
  value: number | null | undefined;
  /** Null for numbers that are not disclosure-controlled counts (township submissions). */
  disclosure: CountDisclosure | null;
  title: string;
  source: { operation: string; variables: unknown };
  coordinate: string;
}

/** The text of a count: exact, a band "n–n+4", "<5" for a suppressed small cell, "—" when absent. */
export function countText(value: number | null | undefined, exact: boolean, format: (n: number) => string): string {
  if (exact) return value == null ? '—' : format(value);
  if (value === undefined) return '—';
  return value === null ? '<5' : `${format(value)}–${format(value + BAND_WIDTH - 1)}`;
}

/**
 * One number on screen. It is itself the "how is this counted" link: activating it opens
 * the panel with the operation that produced it and the rule that released it.
 */
export function CountValue({ value, disclosure, title, source, coordinate }: CountValueProps) {
  const { t, number } = useLocale();
  const open = useHowCounted();
  const exact = disclosure?.exact ?? true;
  const text = countText(value, exact, number);
  return (
    <button
      type="button"
      className={`count ${exact ? 'count-exact' : 'count-banded'}`}
      data-coordinate={coordinate}
      data-banded={exact ? undefined : 'true'}
      aria-label={`${title}: ${text}. ${t('howCounted')}`}
      title={t('howCounted')}
      onClick={() => open({ title, operation: source.operation, variables: source.variables, disclosure, coordinate })}
    >
      {text}
    </button>
  );
}
