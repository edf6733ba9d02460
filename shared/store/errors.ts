/** Base class: every store error carries a stable code that results and logs can show. */
export class StoreError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class InvalidKeyError extends StoreError {
  constructor(key: string, why: string) {
    super('INVALID_KEY', `invalid object key ${JSON.stringify(key)}: ${why}`);
  }
}

export class ObjectNotFoundError extends StoreError {
  constructor(readonly key: string) {
    super('NOT_FOUND', `no object at key ${JSON.stringify(key)}`);
  }
}

export class ObjectExistsError extends StoreError {
  constructor(readonly key: string) {
    super('EXISTS', `an object already exists at key ${JSON.stringify(key)}`);
  }
}

export class StoreUnavailableError extends StoreError {
  constructor(message: string, cause?: unknown) {
    super('STORE_UNAVAILABLE', message, { cause });
  }
}

/** The folder store never follows a symbolic link: one could lead to files outside the bucket. */
export class LinkRefusedError extends StoreError {
  constructor(readonly key: string) {
    super(
      'SYMLINK',
      `${JSON.stringify(key)} is, or lies under, a symbolic link: the folder store never follows links, ` +
        'so nothing outside the bucket is read, moved or deleted through one; copy or move the file itself in',
    );
  }
}
