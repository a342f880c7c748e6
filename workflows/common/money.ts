/** Money is whole Vietnamese đồng, kept as safe integers. */
import { z } from 'zod';

/**
 * The largest sum any estimate may carry: ten thousand billion đồng (10^13), a thousand times below
 * Number.MAX_SAFE_INTEGER, so that a report adding up the estimates of a plan's assigned agencies stays exact.
 */
export const MAX_DONG = 10_000_000_000_000;

export const DongSchema = z.number().int('phải là số nguyên (đồng)').min(0, 'không được âm').max(MAX_DONG, 'vượt quá giới hạn');

/** Formats an amount the Vietnamese way: 12.500.000 đ. */
export function formatDong(amount: number): string {
  const digits = Math.trunc(Math.abs(amount)).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${amount < 0 ? '-' : ''}${digits} đ`;
}
