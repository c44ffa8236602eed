// s3rver ships no types; only what the storage test uses.
declare module 's3rver' {
  export default class S3rver {
    constructor(opts: { port: number; address: string; silent: boolean; directory: string; configureBuckets: { name: string; configs: unknown[] }[] });
    run(): Promise<{ port: number }>;
    close(): Promise<void>;
  }
}
