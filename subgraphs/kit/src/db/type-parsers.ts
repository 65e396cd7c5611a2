/**
 * pg and PGlite parse some types differently (pg: INT8 as string, DATE as a local
 * Date; PGlite: INT8 as number). Both drivers get these parsers so every resolver sees
 * the same values: counts as numbers, calendar dates as 'YYYY-MM-DD' strings (a Date
 * would shift across time zones), timestamps as Date.
 */
export const PG_TYPE = { INT8: 20, NUMERIC: 1700, DATE: 1082 } as const;

export const typeParsers: Record<number, (value: string) => unknown> = {
  [PG_TYPE.INT8]: (value) => Number(value),
  [PG_TYPE.NUMERIC]: (value) => Number(value),
  [PG_TYPE.DATE]: (value) => value,
};
