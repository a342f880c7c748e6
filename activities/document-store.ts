/**
 * The document store: uploaded files kept by content under DATA_DIR/documents. A file lives at `<sha256>`
 * with its metadata beside it at `<sha256>.json`; workflows keep only the DocumentRef. The type is
 * detected from the bytes, never from the name, and only the kinds an office exchanges are accepted.
 * Uploads are streamed to a temporary file while they are hashed, never held whole in memory; each
 * uploading agency has a quota; an upload no case came to reference is removed after a retention period.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { fromFile } from 'file-type';
import type { DocumentRef } from '../workflows/common/document';

/** The accepted kinds, by the extension file-type reports, with the MIME type stored. */
export const ACCEPTED_DOCUMENT_TYPES = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  jpg: 'image/jpeg',
  png: 'image/png',
} as const;
type AcceptedExtension = keyof typeof ACCEPTED_DOCUMENT_TYPES;

const isAccepted = (ext: string): ext is AcceptedExtension => Object.hasOwn(ACCEPTED_DOCUMENT_TYPES, ext);

/** The content is not one of the accepted kinds; `detected` names what it is (undefined: not recognised). */
export class DocumentTypeRefused extends Error {
  override readonly name = 'DocumentTypeRefused';
  constructor(
    readonly detected: { ext: string; mime: string } | undefined,
    readonly filename: string,
  ) {
    super(
      `Tệp "${filename}" có nội dung ${detected ? `${detected.mime} (.${detected.ext})` : 'không xác định được'}; ` +
        'chỉ nhận PDF, DOCX, XLSX, JPEG, PNG',
    );
  }
}

/** The content exceeds the store's limit. */
export class DocumentTooLarge extends Error {
  override readonly name = 'DocumentTooLarge';
  constructor(
    readonly size: number,
    readonly maxBytes: number,
  ) {
    super(`Tệp ${size} byte vượt giới hạn ${maxBytes} byte`);
  }
}

/** The agency's uploads would pass its quota. */
export class DocumentQuotaExceeded extends Error {
  override readonly name = 'DocumentQuotaExceeded';
  constructor(
    readonly agency: string,
    readonly usedBytes: number,
    readonly quotaBytes: number,
  ) {
    super(`Đơn vị ${agency} đã dùng ${usedBytes} byte trong hạn mức ${quotaBytes} byte cho tài liệu tải lên; tệp này vượt hạn mức`);
  }
}

/** What the store keeps beside the bytes: the reference of the first upload, and when it came. */
export interface DocumentMetadata extends DocumentRef {
  storedAt: string;
  /**
   * An upload (not a document the service made): removed after the retention period unless a case came to
   * reference it. Absent on documents stored before uploads could be removed: those are kept.
   */
  removableUntilReferenced?: true;
}

export interface StoredDocument {
  bytes: Buffer;
  metadata: DocumentMetadata;
}

export interface DocumentStore {
  /** The folder holding the files. */
  readonly dir: string;
  /** Largest accepted document, in bytes. */
  readonly maxBytes: number;
  /** Bytes of uploads each agency may keep (0: no quota). */
  readonly quotaBytes: number;
  /** Stores a document the service made (the consolidated report): kept for good. */
  putDocument(bytes: Buffer, filename: string): Promise<DocumentRef>;
  /**
   * Receives an upload as a stream: written to a temporary file while it is hashed and counted, checked
   * (size, kind, the agency's quota), then moved into place; the same bytes stored twice are one file.
   * `owner`, the uploading agency, is recorded beside it: only an agency that uploaded a document may attach it.
   */
  receiveUpload(content: Readable, filename: string, owner: string): Promise<DocumentRef>;
  /** Records that a case is about to reference the document: the retention sweep keeps it from now on. */
  markReferenced(sha256: string): Promise<void>;
  /** Bytes of the documents an agency uploaded. */
  usageOf(agency: string): Promise<number>;
  /** Removes uploads stored before `storedBefore` that no case references; returns their addresses. */
  removeUnreferenced(storedBefore: Date): Promise<string[]>;
  /** Whether `agency` uploaded the document at this address. */
  uploadedBy(sha256: string, agency: string): Promise<boolean>;
  /** The bytes and metadata of a stored document, or undefined if there is none at that address. */
  readDocument(sha256: string): Promise<StoredDocument | undefined>;
}

const SHA256 = /^[0-9a-f]{64}$/;
const AGENCY_CODE = /^[a-z0-9-]{1,64}$/;

/** Keeps the name readable (Vietnamese included) but never a path, a control character or too long. */
export function cleanFilename(name: string, ext: string): string {
  const base = path.basename(name.replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  const cleaned = base.length > 200 ? base.slice(0, 200) : base;
  return cleaned || `tai-lieu.${ext}`;
}

/** Writes a file whole or not at all: to a temporary name in the same folder, then renamed into place. */
async function writeAtomically(file: string, data: Buffer | string): Promise<void> {
  const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, data, { flag: 'wx' });
    await rename(tmp, file);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}

/** Counts and hashes what passes through, failing once it exceeds `maxBytes`. */
function measuring(maxBytes: number) {
  const hash = createHash('sha256');
  let size = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (size > maxBytes) return callback(new DocumentTooLarge(size, maxBytes));
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  return { stream, result: () => ({ sha256: hash.digest('hex'), size }) };
}

export function createDocumentStore(opts: { dir: string; maxBytes: number; quotaBytes?: number }): DocumentStore {
  const { dir, maxBytes } = opts;
  const quotaBytes = opts.quotaBytes ?? 0;
  const bytesPath = (sha256: string) => path.join(dir, sha256);
  const metadataPath = (sha256: string) => path.join(dir, `${sha256}.json`);
  // One empty marker per uploading agency: the bytes are shared, the right to attach them is not.
  const ownerPath = (sha256: string, agency: string) => path.join(dir, `${sha256}.owner.${agency}`);
  // One empty marker once any case references the document.
  const referencedPath = (sha256: string) => path.join(dir, `${sha256}.referenced`);
  const temporaryPath = () => path.join(dir, `.${process.pid}.${randomBytes(8).toString('hex')}.part`);

  async function usageOf(agency: string): Promise<number> {
    if (!AGENCY_CODE.test(agency)) return 0;
    const suffix = `.owner.${agency}`;
    const names = await readdir(dir).catch(() => [] as string[]);
    const sizes = await Promise.all(
      names.filter((n) => n.endsWith(suffix) && SHA256.test(n.slice(0, 64))).map((n) => stat(bytesPath(n.slice(0, 64))).then((st) => st.size, () => 0)),
    );
    return sizes.reduce((a, b) => a + b, 0);
  }

  /** Moves checked content from `tmp` into place under its hash, with its metadata and owner. */
  async function keep(tmp: string, ref: DocumentRef, owner: string | undefined, removable: boolean): Promise<DocumentRef> {
    // Identical bytes have one address: a second upload finds them there and writes nothing.
    if (await exists(bytesPath(ref.sha256))) await unlink(tmp);
    else await rename(tmp, bytesPath(ref.sha256));
    if (!(await exists(metadataPath(ref.sha256)))) {
      const metadata: DocumentMetadata = { ...ref, storedAt: new Date().toISOString(), ...(removable ? { removableUntilReferenced: true as const } : {}) };
      await writeAtomically(metadataPath(ref.sha256), `${JSON.stringify(metadata, null, 2)}\n`);
    }
    if (owner !== undefined && AGENCY_CODE.test(owner) && !(await exists(ownerPath(ref.sha256, owner)))) await writeAtomically(ownerPath(ref.sha256, owner), '');
    return ref;
  }

  /** Checks the content at `tmp` (kind, quota) and keeps it, or removes it and throws. */
  async function admit(tmp: string, measured: { sha256: string; size: number }, filename: string, owner: string | undefined, removable: boolean): Promise<DocumentRef> {
    try {
      const detected = await fromFile(tmp);
      if (!detected || !isAccepted(detected.ext)) throw new DocumentTypeRefused(detected, filename);
      if (owner !== undefined && quotaBytes > 0 && !(await exists(ownerPath(measured.sha256, owner)))) {
        const used = await usageOf(owner);
        if (used + measured.size > quotaBytes) throw new DocumentQuotaExceeded(owner, used, quotaBytes);
      }
      const ref: DocumentRef = { sha256: measured.sha256, filename: cleanFilename(filename, detected.ext), contentType: ACCEPTED_DOCUMENT_TYPES[detected.ext], size: measured.size };
      return await keep(tmp, ref, owner, removable);
    } catch (err) {
      await unlink(tmp).catch(() => undefined);
      throw err;
    }
  }

  return {
    dir,
    maxBytes,
    quotaBytes,

    async putDocument(bytes, filename) {
      if (bytes.length > maxBytes) throw new DocumentTooLarge(bytes.length, maxBytes);
      await mkdir(dir, { recursive: true });
      const tmp = temporaryPath();
      await writeFile(tmp, bytes, { flag: 'wx' });
      return admit(tmp, { sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length }, filename, undefined, false);
    },

    async receiveUpload(content, filename, owner) {
      await mkdir(dir, { recursive: true });
      const tmp = temporaryPath();
      const measure = measuring(maxBytes);
      try {
        await pipeline(content, measure.stream, createWriteStream(tmp, { flags: 'wx' }));
      } catch (err) {
        await unlink(tmp).catch(() => undefined);
        throw err;
      }
      return admit(tmp, measure.result(), filename, owner, true);
    },

    async markReferenced(sha256) {
      if (SHA256.test(sha256) && !(await exists(referencedPath(sha256)))) await writeAtomically(referencedPath(sha256), '');
    },

    usageOf,

    async removeUnreferenced(storedBefore) {
      const names = await readdir(dir).catch(() => [] as string[]);
      const removed: string[] = [];
      for (const name of names.filter((n) => n.endsWith('.json') && SHA256.test(n.slice(0, -5)))) {
        const sha256 = name.slice(0, -5);
        const metadata = JSON.parse(await readFile(metadataPath(sha256), 'utf8').catch(() => '{}')) as Partial<DocumentMetadata>;
        if (!metadata.removableUntilReferenced || !metadata.storedAt || Date.parse(metadata.storedAt) >= storedBefore.getTime()) continue;
        if (await exists(referencedPath(sha256))) continue;
        // The bytes go first: from then on nothing can attach it (attach reads them), then what describes them.
        await unlink(bytesPath(sha256)).catch(() => undefined);
        const markers = names.filter((n) => n.startsWith(`${sha256}.owner.`)).map((n) => path.join(dir, n));
        await Promise.all([metadataPath(sha256), ...markers].map((f) => unlink(f).catch(() => undefined)));
        removed.push(sha256);
      }
      return removed;
    },

    async uploadedBy(sha256, agency) {
      return SHA256.test(sha256) && AGENCY_CODE.test(agency) && exists(ownerPath(sha256, agency));
    },

    async readDocument(sha256) {
      if (!SHA256.test(sha256)) return undefined;
      try {
        const [bytes, metadata] = await Promise.all([readFile(bytesPath(sha256)), readFile(metadataPath(sha256), 'utf8')]);
        return { bytes, metadata: JSON.parse(metadata) as DocumentMetadata };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw err;
      }
    },
  };
}
