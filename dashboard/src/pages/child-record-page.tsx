import { useMemo } from 'react';
import { ChildRecord } from '../api/record-operations.ts';
import { useOperation } from '../api/use-operation.ts';
import { RecordField } from '../components/record-field.tsx';
import { StatusLine } from '../components/status-line.tsx';
import { useLocale } from '../i18n/locale-context.tsx';
import { hrefOf } from '../routing/hash-route.ts';

/**
 * A child's record as the caller's policy shows it: every field asked for, each either its
 * value, withheld with the rule that withheld it, or masked. Nothing is hidden by the page
 * itself: what is withheld is what the gateway withheld.
 */
export function ChildRecordPage({ id }: { id: string }) {
  const { t, label, date } = useLocale();
  const variables = useMemo(() => ({ id }), [id]);
  const state = useOperation(ChildRecord, variables);
  const answer = state.answer;
  const basic = answer?.data?.basic;
  return (
    <section aria-labelledby="child-title" className="child-record" data-testid="child-record">
      {basic && (
        <nav aria-label={t('breadcrumb')} className="breadcrumb">
          <ol>
            <li>
              <a href={hrefOf.region(basic.residenceVillage.code)}>{basic.residenceVillage.name}</a>
            </li>
            <li>
              <span aria-current="page">{basic.name}</span>
            </li>
          </ol>
        </nav>
      )}
      <h1 id="child-title">
        {t('childRecord')}: {basic?.name ?? id} <small>{id}</small>
      </h1>
      <StatusLine loading={state.loading} error={state.error} errors={answer?.errors} onRetry={state.reload} />
      {answer && (
        <div className="record-sections">
          <section aria-labelledby="sec-basic">
            <h2 id="sec-basic">{t('sectionBasic')}</h2>
            <dl>
              <RecordField answer={answer} path={['basic', 'name']} name={t('name')} />
              <RecordField answer={answer} path={['basic', 'sex']} name={t('sex')} render={(v) => label('sex', String(v))} />
              <RecordField answer={answer} path={['basic', 'birthDate']} name={t('birthDate')} render={(v) => date(String(v))} />
              <RecordField answer={answer} path={['basic', 'leftBehindCategory']} name={t('category')} render={(v) => label('category', String(v))} />
              <RecordField answer={answer} path={['basic', 'residenceVillage', 'name']} name={t('village')} />
              <RecordField answer={answer} path={['basic', 'currentEnrollment', 'school', 'name']} name="学校 / School" />
              <RecordField answer={answer} path={['basic', 'currentEnrollment', 'grade']} name="年级 / Grade" />
            </dl>
          </section>
          <section aria-labelledby="sec-contact">
            <h2 id="sec-contact">{t('sectionContact')}</h2>
            <dl>
              <RecordField answer={answer} path={['contact', 'father', 'name']} name="父亲 / Father" />
              <RecordField answer={answer} path={['contact', 'father', 'workPlace']} name="父亲务工地 / Father works in" />
              <RecordField answer={answer} path={['contact', 'mother', 'name']} name="母亲 / Mother" />
              <RecordField answer={answer} path={['contact', 'guardian', 'name']} name="委托监护人 / Entrusted guardian" />
              <RecordField answer={answer} path={['contact', 'guardian', 'phone']} name="监护人电话 / Guardian's phone" />
            </dl>
          </section>
          <section aria-labelledby="sec-protective">
            <h2 id="sec-protective">{t('sectionProtective')}</h2>
            <dl>
              <RecordField answer={answer} path={['risk', 'riskFlags', 'deFactoUnsupported']} name={label('risk', 'DE_FACTO_UNSUPPORTED')} />
              <RecordField answer={answer} path={['risk', 'riskFlags', 'guardianMissing']} name={label('risk', 'GUARDIAN_MISSING')} />
              <RecordField answer={answer} path={['risk', 'riskFlags', 'familyHardship']} name={label('risk', 'FAMILY_HARDSHIP')} />
              <RecordField answer={answer} path={['protective', 'dropoutStatus']} name="辍学状态 / Dropout status" />
              <RecordField answer={answer} path={['protective', 'guardianCanAct']} name="监护人能否履责 / Guardian can act" />
              <RecordField answer={answer} path={['protective', 'householdRegistrationStatus']} name="户籍状态 / Household registration" />
              <RecordField answer={answer} path={['protective', 'immunisationComplete']} name="免疫完成 / Immunisation complete" />
              <RecordField answer={answer} path={['protective', 'needsHealthFollowUp']} name="需健康随访 / Needs health follow-up" />
            </dl>
          </section>
          <section aria-labelledby="sec-identifiers">
            <h2 id="sec-identifiers">{t('sectionIdentifiers')}</h2>
            <dl>
              <RecordField answer={answer} path={['identifiers', 'idNumber']} name="公民身份号码 / ID number" />
              <RecordField answer={answer} path={['identifiers', 'currentEnrollment', 'studentNumber']} name="学籍号 / Student number" />
              <RecordField answer={answer} path={['identifiers', 'healthRecord', 'number']} name="健康档案号 / Health record number" />
            </dl>
          </section>
          <section aria-labelledby="sec-sensitive">
            <h2 id="sec-sensitive">{t('sectionSensitive')}</h2>
            <dl>
              <RecordField answer={answer} path={['sensitive', 'disability']} name="残疾评定 / Disability" render={(v) => JSON.stringify(v)} />
              <RecordField answer={answer} path={['sensitive', 'mentalHealthScreenings']} name="心理筛查 / Mental-health screenings" render={(v) => String((v as { edges: unknown[] }).edges.length)} />
              <RecordField answer={answer} path={['sensitive', 'parentStatuses']} name="父母涉案状态 / Parents' police status" render={(v) => String((v as { edges: unknown[] }).edges.length)} />
            </dl>
          </section>
        </div>
      )}
    </section>
  );
}
