/**
 * The entries of a zip file and their uncompressed sizes, read from its central directory: enough
 * to weigh what a Lambda package holds without a dependency or an `unzip` on the machine.
 * Zip64 archives (over 4 GB or 65,535 entries) are out of scope: a Lambda package is neither.
 */
import { readFileSync } from 'node:fs';

export interface ZipEntry {
  name: string;
  /** Bytes once unpacked: what Node reads and parses on a cold start. */
  size: number;
  compressedSize: number;
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;

export function zipEntries(file: string): ZipEntry[] {
  const zip = readFileSync(file);
  const end = findEndOfDirectory(zip);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== DIRECTORY_ENTRY) throw new Error(`${file}: broken central directory at ${at}`);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    entries.push({
      compressedSize: zip.readUInt32LE(at + 20),
      size: zip.readUInt32LE(at + 24),
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The end record sits in the last 22 bytes plus at most a 64 KB comment: search backwards. */
function findEndOfDirectory(zip: Buffer): number {
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
    if (zip.readUInt32LE(at) === END_OF_DIRECTORY) return at;
  }
  throw new Error('not a zip file: no end of central directory');
}
