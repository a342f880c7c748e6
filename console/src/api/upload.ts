/**
 * Uploads a file to POST /api/v1/documents with progress (XMLHttpRequest reports upload progress; fetch does not).
 * Answers the document reference to attach, or the API's problem.
 */
import { currentSession } from '../session';
import type { Problem } from '../problems';
import type { paths } from './schema';

export type DocumentRef = paths['/api/v1/documents']['post']['responses'][201]['content']['application/json'];

export function uploadDocument(file: File, onProgress: (fraction: number) => void): Promise<{ ref: DocumentRef } | { problem: Problem }> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/documents');
    const session = currentSession();
    if (session) xhr.setRequestHeader('Authorization', `Bearer ${session.token}`);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      if (xhr.status === 201) {
        onProgress(1);
        resolve({ ref: body as DocumentRef });
      } else resolve({ problem: (body as Problem | undefined) ?? { status: xhr.status } });
    };
    xhr.onerror = () => resolve({ problem: { status: 0, detail: 'Không gửi được tệp (mất kết nối?)' } });
    const form = new FormData();
    form.append('file', file);
    xhr.send(form);
  });
}

/** Downloads a file the API serves behind sign-in (a plain link would carry no token). */
export async function downloadWithToken(url: string, filename: string): Promise<void> {
  const session = currentSession();
  const res = await fetch(url, { headers: session ? { Authorization: `Bearer ${session.token}` } : {} });
  if (!res.ok) return;
  const href = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
