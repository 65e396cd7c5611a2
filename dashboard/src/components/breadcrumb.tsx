import { useLocale } from '../i18n/locale-context.tsx';
import { hrefOf } from '../routing/hash-route.ts';

export interface Crumb {
  code: string;
  name: string;
}

/** The way back up, from the caller's own region down to the current place (levels above the caller's are not its to read). */
export function Breadcrumb({ trail }: { trail: Crumb[] }) {
  const { t } = useLocale();
  return (
    <nav aria-label={t('breadcrumb')} className="breadcrumb">
      <ol>
        {trail.map((crumb, i) => (
          <li key={crumb.code}>{i === trail.length - 1 ? <span aria-current="page">{crumb.name}</span> : <a href={hrefOf.region(crumb.code)}>{crumb.name}</a>}</li>
        ))}
      </ol>
    </nav>
  );
}
