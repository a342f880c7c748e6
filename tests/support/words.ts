/**
 * What an official must never read: ids of cases (`assignment:…`, `commune-plan:…`), plan codes
 * (`bac-son-70-nam-dien-bien-phu`) and the engine's words. Links and file names are stripped first: a link
 * carries the case's address, and a file keeps the name its sender gave it.
 */
export const ENGINE_WORDS = /\b(?:assignment|commune-plan|budget|report|campaign|inbox|mail|calendar|digest):|\b[a-z0-9]+(?:-[a-z0-9]+){3,}\b|Tín hiệu|terminate|workflow/i;

/** The first engine word in a text an official reads, or null. */
export function engineWordIn(text: string): string | null {
  const read = text.replace(/(?:https?:\/\/|href=")[^\s"<>]+/g, '').replace(/[^\s"<>():]+\.(?:pdf|docx|xlsx|jpe?g|png)\b/g, '');
  return read.match(ENGINE_WORDS)?.[0] ?? null;
}
