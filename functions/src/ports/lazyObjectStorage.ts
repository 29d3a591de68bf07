/**
 * Object storage loaded on first use. Requiring the S3 client costs a cold start 20–45 ms
 * (npm run bench), and most functions never touch a file: the adapter (ports/objectStorage.ts,
 * with the SDK) is imported the first time a call needs it, then kept for the container's life.
 */
import type { ObjectStorage, ObjectUpload, S3Options } from './objectStorage';

export function lazyObjectStorage(options: S3Options): ObjectStorage {
  let loaded: Promise<ObjectStorage> | undefined;
  const load = () => (loaded ??= import('./objectStorage').then((adapter) => adapter.s3ObjectStorage(options)));
  return {
    presignPut: async (request) => (await load()).presignPut(request),
    presignGet: async (request) => (await load()).presignGet(request),
    head: async (key) => (await load()).head(key),
    copy: async (from, to) => (await load()).copy(from, to),
    delete: async (key) => (await load()).delete(key),
    upload: (key, contentType) => deferredUpload(load().then((storage) => storage.upload(key, contentType))),
  };
}

/** An upload whose first chunks arrive before the adapter has loaded: kept, then handed over in order. */
function deferredUpload(real: Promise<ObjectUpload>): ObjectUpload {
  let early: Uint8Array[] = [];
  let target: ObjectUpload | undefined;
  const ready = async () => {
    if (!target) {
      target = await real;
      for (const chunk of early) target.write(chunk);
      early = [];
    }
    return target;
  };
  return {
    write: (chunk) => (target ? target.write(chunk) : void early.push(chunk)),
    flush: async () => (await ready()).flush(),
    complete: async () => (await ready()).complete(),
    abort: async () => (await ready()).abort(),
  };
}
