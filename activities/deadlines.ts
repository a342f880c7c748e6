/** Plans a step's deadline in working days; an activity because the holiday calendar is data that changes. */
import type { Deadline, WorkingCalendar } from '../catalog/calendar';

export interface DeadlineRequest {
  from: string;
  workingDays: number;
  reminderBefore: number;
}

export function createPlanDeadline(calendar: WorkingCalendar) {
  return async function planDeadline(req: DeadlineRequest): Promise<Deadline> {
    return calendar.deadline(new Date(req.from), req.workingDays, req.reminderBefore);
  };
}
