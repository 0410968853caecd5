// Session domain: who is at the counter. Kiosks run without an operator login (mode 'kiosk').
import { z } from 'zod';
import { appModeSchema, emptyArgSchema, idSchema } from './common';

export const operatorRoleSchema = z.enum(['clerk', 'supervisor', 'technician']);
export const operatorSchema = z.object({ id: idSchema, name: z.string(), role: operatorRoleSchema });
export type Operator = z.infer<typeof operatorSchema>;

export const sessionStateSchema = z.object({
  mode: appModeSchema,
  /** null in kiosk mode and before login at a counter. */
  operator: operatorSchema.nullable(),
  /** The logged-in operator must change the PIN before anything else (first run). */
  mustChangePin: z.boolean(),
  /** Technician screen unlocked (tech/unlock) and until when (epoch ms). */
  technicianUntil: z.number().int().nullable(),
  /**
   * No operator exists yet (production first run, issue #10 §2): the counter shows the first-run screen
   * instead of the login. Absent means false.
   */
  firstRun: z.boolean().optional(),
});
export type SessionState = z.infer<typeof sessionStateSchema>;

export const sessionContract = {
  'session/operators': { arg: emptyArgSchema, value: z.array(operatorSchema) },
  'session/login': { arg: z.object({ operatorId: idSchema, pin: z.string().min(1).max(32) }), value: sessionStateSchema },
  'session/logout': { arg: emptyArgSchema, value: sessionStateSchema },
  'session/state': { arg: emptyArgSchema, value: sessionStateSchema },
  /** The operator changes their own PIN (first login with a must-change PIN). */
  'session/changePin': { arg: z.object({ currentPin: z.string().min(1).max(32), newPin: z.string().min(1).max(32) }), value: sessionStateSchema },
  /** First run only: creates the first supervisor with the PIN they chose; refused once any operator exists. */
  'session/initFirstSupervisor': { arg: z.object({ operatorId: idSchema, name: z.string().min(1).max(100), pin: z.string().min(1).max(32) }), value: sessionStateSchema },
} as const;
