import type { HealthDB } from '@lbc/health';
import { insertRows } from '../insert-rows.ts';
import type { SeedProjection } from '../seed-projection.ts';
import { writeChildPlaces } from './child-places.ts';
import type { SyntheticChild } from '../world/synthetic-child.ts';

/** Clinic ids are derived from the township they serve, so children can name theirs without a lookup. */
export const clinicId = (townCode: string) => `CL-${townCode}`;

/** The health record number: the township of the record and the child's sequence in the world. */
export const healthRecordNumber = (c: SyntheticChild) => `HR${c.health.clinicTown}${String(c.index + 1).padStart(9, '0')}`;

/** The maternal and child health system: a health centre per township, and each child's record and histories. */
export const healthProjection: SeedProjection<HealthDB> = {
  async prepare(db, places) {
    const clinics = [...places.townSeat].map(([town, seat]) => ({
      id: clinicId(town),
      // Places name villages; the town's own name is used when it is known.
      name: `${places.names.get(town) ?? places.names.get(seat) ?? town}卫生院`,
      region_code: seat,
    }));
    await insertRows(db, 'clinic', clinics);
  },

  async writeBatch(db, children) {
    await writeChildPlaces(db, children);
    await insertRows(
      db,
      'patient',
      children.map((c) => ({
        child_id: c.id,
        record_number: healthRecordNumber(c),
        id_number: c.idNumber,
        birth_date: c.birthDate,
        residence_code: c.villageCode,
        clinic_id: clinicId(c.health.clinicTown),
        // The child health record (儿童保健手册) is opened at the newborn visit.
        registered_on: c.birthDate,
      })),
    );
    await insertRows(
      db,
      'immunisation',
      children.flatMap((c) => c.health.immunisations.map((i) => ({ child_id: c.id, vaccine: i.vaccine, dose: i.dose, given_on: i.givenOn }))),
    );
    await insertRows(
      db,
      'growth_measurement',
      children.flatMap((c) => c.health.growth.map((g) => ({ child_id: c.id, measured_on: g.measuredOn, height_cm: g.heightCm, weight_kg: g.weightKg, assessment: g.assessment }))),
    );
    await insertRows(
      db,
      'disability_assessment',
      children.flatMap((c) => {
        const d = c.health.disability;
        return d ? [{ child_id: c.id, category: d.category, grade: d.grade, assessed_on: d.assessedOn, detail: d.detail }] : [];
      }),
    );
    await insertRows(
      db,
      'chronic_condition',
      children.flatMap((c) => c.health.chronic.map((x) => ({ child_id: c.id, condition: x.condition, icd10: x.icd10, diagnosed_on: x.diagnosedOn }))),
    );
    await insertRows(
      db,
      'hospital_stay',
      children.flatMap((c) => c.health.hospitalStays.map((h) => ({ child_id: c.id, hospital: h.hospital, reason: h.reason, admitted_on: h.admittedOn, discharged_on: h.dischargedOn }))),
    );
    await insertRows(
      db,
      'mental_health_screening',
      children.flatMap((c) => c.health.mentalScreenings.map((m) => ({ child_id: c.id, screened_on: m.screenedOn, instrument: m.instrument, score: m.score, risk: m.risk, notes: m.notes }))),
    );
  },
};
