/**
 * Who acts: a person of the directory, always on behalf of one agency and in one role. The API resolves the
 * actor from the caller's token and passes it with every action, so the history records who did what.
 */
import { z } from 'zod';
import { CapacitySchema } from './capacity';
import { Roles } from './roles';

export { Roles, type Role } from './roles';
export const RoleSchema = z.enum(Roles);

export const ActorSchema = z.object({
  userId: z.string().min(1),
  name: z.string().min(1),
  agency: z.string().min(1),
  role: RoleSchema,
  /** The authority a decision is made under (workflows/common/capacity.ts), when the action is a decision. */
  capacity: CapacitySchema.optional(),
});
export type Actor = z.infer<typeof ActorSchema>;
