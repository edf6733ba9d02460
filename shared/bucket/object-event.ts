import * as z from 'zod';

/** What an object-fired action receives, whoever delivered the event. */
export interface ObjectEvent {
  bucket: string;
  key: string;
  etag?: string;
  size?: number;
}

/**
 * One record of an S3 / MinIO bucket notification. Lenient: MinIO omits eTag and size on some
 * events, s3rver omits eTag on copies, AWS adds versionId; only bucket, key and the event name
 * are required.
 */
const NotificationRecord = z.object({
  eventName: z.string(),
  s3: z.object({
    bucket: z.object({ name: z.string() }),
    object: z.object({
      key: z.string(),
      eTag: z.string().optional(),
      size: z.number().optional(),
      sequencer: z.string().optional(),
      versionId: z.string().optional(),
    }),
  }),
});

export const NotificationBody = z.object({ Records: z.array(NotificationRecord) });

/**
 * The object-created events of a notification body, keys decoded exactly once. S3 and MinIO
 * send keys form-encoded (space as `+`, MinIO also encodes `/`): `+` becomes a space first,
 * then percent-escapes are decoded, so a literal `+` (sent as `%2B`) survives.
 */
export function objectCreatedEvents(body: z.infer<typeof NotificationBody>): ObjectEvent[] {
  return body.Records.filter((record) => /ObjectCreated/.test(record.eventName)).map((record) => ({
    bucket: record.s3.bucket.name,
    key: decodeObjectKey(record.s3.object.key),
    ...(record.s3.object.eTag ? { etag: record.s3.object.eTag.replace(/"/g, '') } : {}),
    ...(record.s3.object.size !== undefined ? { size: record.s3.object.size } : {}),
  }));
}

export function decodeObjectKey(encoded: string): string {
  const spaced = encoded.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced; // not percent-encoded after all (s3rver sends keys raw)
  }
}
