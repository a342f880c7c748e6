/**
 * The document store: uploaded files kept by content under DATA_DIR/documents. A file lives at `<sha256>`
 * with its metadata beside it at `<sha256>.json`; workflows keep only the DocumentRef. The type is
 * detected from the bytes, never from the name, and only the kinds an office exchanges are accepted.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fromBuffer } from 'file-type';
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

/** What the store keeps beside the bytes: the reference of the first upload, and when it came. */
export interface DocumentMetadata extends DocumentRef {
  storedAt: string;
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
  /**
   * Checks and stores a document; the same bytes stored twice are one file. `owner`, the uploading agency,
   * is recorded beside it: only an agency that uploaded a document may attach it to a case.
   */
  putDocument(bytes: Buffer, filename: string, owner?: string): Promise<DocumentRef>;
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

export function createDocumentStore(opts: { dir: string; maxBytes: number }): DocumentStore {
  const { dir, maxBytes } = opts;
  const bytesPath = (sha256: string) => path.join(dir, sha256);
  const metadataPath = (sha256: string) => path.join(dir, `${sha256}.json`);
  // One empty marker per uploading agency: the bytes are shared, the right to attach them is not.
  const ownerPath = (sha256: string, agency: string) => path.join(dir, `${sha256}.owner.${agency}`);

  return {
    dir,
    maxBytes,

    async putDocument(bytes, filename, owner) {
      if (bytes.length > maxBytes) throw new DocumentTooLarge(bytes.length, maxBytes);
      const detected = await fromBuffer(bytes);
      if (!detected || !isAccepted(detected.ext)) throw new DocumentTypeRefused(detected, filename);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const ref: DocumentRef = {
        sha256,
        filename: cleanFilename(filename, detected.ext),
        contentType: ACCEPTED_DOCUMENT_TYPES[detected.ext],
        size: bytes.length,
      };
      await mkdir(dir, { recursive: true });
      // Identical bytes have one address: a second upload finds them there and writes nothing.
      if (!(await exists(bytesPath(sha256)))) await writeAtomically(bytesPath(sha256), bytes);
      if (!(await exists(metadataPath(sha256)))) {
        const metadata: DocumentMetadata = { ...ref, storedAt: new Date().toISOString() };
        await writeAtomically(metadataPath(sha256), `${JSON.stringify(metadata, null, 2)}\n`);
      }
      if (owner !== undefined && AGENCY_CODE.test(owner) && !(await exists(ownerPath(sha256, owner)))) await writeAtomically(ownerPath(sha256, owner), '');
      return ref;
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
