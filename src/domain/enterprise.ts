/** An enterprise (生产经营单位) under supervision. */
export type Enterprise = {
  id: string;
  /** GB 32100 unified social credit code. */
  creditCode: string;
  name: string;
  /** An industry code (domain/industry.ts); kept as stored so an old code does not hide a row. */
  industry: string;
  /** Local A/B/C/D class, or null. */
  supervisionClass: string | null;
  areaId: string;
  gridId: string | null;
  address: string | null;
};
