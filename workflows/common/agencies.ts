/**
 * Who takes part in every process by duty (docs/architecture.md, "Who takes part"): the leadership decides, the
 * office administers and follows every case, the appraising agency appraises estimates, the level above receives
 * the report. Which unit holds each duty is the tenant's data (the directory's `parties`); a case carries the
 * codes it was started with, so a running case keeps its parties whatever the directory says later.
 */
import { z } from 'zod';

const code = z.string().regex(/^[a-z0-9-]+$/, 'lowercase letters, digits and dashes');

export const PartiesSchema = z.object({
  /** The People's Committee's leadership: decides estimates, approves the report, grants extensions. */
  leadership: code,
  /** The office (Văn phòng HĐND và UBND): launches campaigns, compiles the report, administers. */
  office: code,
  /** The agency that appraises budget estimates (Phòng Tài chính - Kế hoạch of a district; Phòng Kinh tế of a commune). */
  appraiser: code,
  /** The level above, to which the report is sent (UBND tỉnh for a district or a commune). */
  above: code,
});
export type Parties = z.infer<typeof PartiesSchema>;

/**
 * The seed district's units. Also the parties of every case started before cases carried theirs: those cases
 * were all the seed's, so replaying them with these codes does what they did.
 */
export const SEED_PARTIES: Parties = { leadership: 'lanh-dao', office: 'van-phong', appraiser: 'tckh', above: 'ubnd-tinh' };

/** The parties a case was started with, or the seed's for a case started before inputs carried them. */
export const partiesOf = (input: { parties?: Parties | undefined }): Parties => input.parties ?? SEED_PARTIES;
