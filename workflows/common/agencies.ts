/** The district's units that every process names by duty (docs/architecture.md, "Who takes part"): the leadership decides, the office follows every case. */
export const LEADERSHIP_AGENCY = 'lanh-dao';
export const OFFICE_AGENCY = 'van-phong';
