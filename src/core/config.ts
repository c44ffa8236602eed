import path from 'node:path';
import crypto from 'node:crypto';

/** Typed configuration, read from the environment in this one place. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  embeddedPgPort: number;
  production: boolean;
  demo: boolean;
  demoPassword: string;
  /** VANHIEN_DEMO_DIR: the agency's own demo/*.json (src/core/demo-data.ts); undefined = the shipped demo/ */
  demoDir: string | undefined;
  sessionSecret: string;
  publicUrl: string;
  logLevel: string;
  bodyLimitBytes: number;
  uploadLimitBytes: number;
  smtp: { url: string | undefined; from: string };
  s3: {
    endpoint: string | undefined;
    bucket: string | undefined;
    region: string;
    accessKeyId: string | undefined;
    secretAccessKey: string | undefined;
  };
  oidc: {
    issuer: string | undefined;
    clientId: string | undefined;
    clientSecret: string | undefined;
    label: string;
  };
  worker: boolean;
  /** How long a node trusts a cached session/token lookup (ms, 0 = off); revocations reach every
   * node at once through the cluster bus (ADR 010). */
  identityCacheMs: number;
  /** First delay before the cluster bus reconnects (doubles up to 5 s). */
  busRetryMs: number;
  /** Which proxies' X-Forwarded-For is believed (Fastify `trustProxy`): the client address
   * decides rate limits and the audit trail, so only the reverse proxy may set it. */
  trustProxy: boolean | string[];
  /** Shared rate-limit counters (ADR 011): PostgreSQL unless REDIS_URL is set. */
  rateLimit: { redisUrl: string | undefined; prefix: string };
  /** Sign-in, token, registration and reset attempts allowed per client address and minute. */
  authRateLimit: number;
  /** Who may read /metrics: loopback callers (no proxy header) and/or a bearer token. */
  metrics: { loopback: boolean; token: string | undefined };
  /** Per-account upload limits (issue 9 finding 6): a citizen account must not fill the disk. */
  quotas: { openDrafts: number; filesPerDocument: number; bytesPerDossier: number; bytesPerDay: number };
  /** Feedback module: the map of cases and the inbound email intake (issue 4). */
  dossiers: {
    /** the dossier code's format (tokens {agency} {yymmdd} {yyyymmdd} {seq:N}) */
    codeFormat: string;
    /** "HH:MM": a dossier received after it counts from the next working day; undefined = none */
    afternoonCutoff: string | undefined;
  };
  /** Document signing (issue 18, ADR 015): the agency's PKCS#12 file, or a demo CA outside production. */
  signing: { p12Path: string | undefined; p12Password: string; tsaUrl: string | undefined };
  /** Sector indicators (issue 11): the province IOC's push endpoint and the HMAC-SHA256 secret
   * that signs each body; without a URL nothing is pushed (the delivery page says so). */
  ioc: { pushUrl: string | undefined; pushSecret: string };
  /** Museum counting cameras (issue 11 part 7, ADR 014). */
  devices: {
    /** MQTT_URL: subscribe to this broker (persistent session); undefined = none */
    mqttUrl: string | undefined;
    /** the external subscription's client id (one per deployment: the broker keeps its session) */
    mqttClientId: string;
    /** VANHIEN_MQTT_PORT: the embedded broker's port; undefined = no embedded broker */
    mqttPort: number | undefined;
    mqttHost: string;
  };
  feedback: {
    /** Leaflet tile URL template ({z}/{x}/{y}); without it maps draw no tile layer */
    mapTileUrl: string | undefined;
    mapAttribution: string;
    /** port of the inbound SMTP listener (0: any free port); undefined = email intake off */
    smtpPort: number | undefined;
    smtpHost: string;
    /** the address whose mail becomes a feedback case */
    intakeAddress: string;
  };
}

export class ConfigError extends Error {
  constructor(
    public readonly variable: string,
    message: string,
  ) {
    super(`Cấu hình sai: ${variable} ${message}`);
  }
}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `phải là số nguyên (đang là "${raw}")`);
  const n = Number(raw);
  if (n < min || n > max) throw new ConfigError(name, `phải trong khoảng ${min}–${max} (đang là ${n})`);
  return n;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(name, `phải là true/false (đang là "${raw}")`);
}

function url(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, 'không phải là URL hợp lệ');
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `phải bắt đầu bằng ${protocols.join(' hoặc ')}`);
  }
  return raw;
}

/** Circular 03/2025/TT-VPCP: the code carries the agency, the day and a daily sequence of at
 * least 4 digits (domain.md §1); anything else would make duplicate or unreadable codes. */
function dossierCodeFormat(raw: string | undefined): string {
  const f = (raw ?? '').trim() || '{agency}-{yymmdd}-{seq:4}';
  const seq = /\{seq:(\d{1,2})\}/.exec(f);
  if (!f.includes('{agency}') || !/\{yy(yy)?mmdd\}/.test(f) || !seq || Number(seq[1]) < 4 || f.length > 80) {
    throw new ConfigError('DOSSIER_CODE_FORMAT', 'phải có {agency}, {yymmdd} hoặc {yyyymmdd} và {seq:N} với N ≥ 4, ví dụ {agency}-{yymmdd}-{seq:4}');
  }
  return f;
}

function cutoff(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(raw.trim());
  if (!m) throw new ConfigError('DOSSIER_AFTERNOON_CUTOFF', 'phải có dạng HH:MM, ví dụ 15:00');
  return raw.trim();
}

/** `true`/`false`, or a comma-separated list of proxy addresses/CIDRs. */
function trustProxy(raw: string | undefined, production: boolean): boolean | string[] {
  const v = (raw ?? '').trim();
  if (v === '') return production;
  if (['true', 'false'].includes(v.toLowerCase())) return v.toLowerCase() === 'true';
  const list = v.split(',').map((x) => x.trim()).filter(Boolean);
  if (!list.every((x) => /^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(x) || ['loopback', 'linklocal', 'uniquelocal'].includes(x))) {
    throw new ConfigError('TRUST_PROXY', 'phải là true, false hoặc danh sách địa chỉ/CIDR cách nhau bởi dấu phẩy (ví dụ 127.0.0.1,10.0.0.0/8)');
  }
  return list;
}

/** The receiver checks every push with this secret: a short one would be guessable. */
function iocSecret(env: Env, pushUrl: string | undefined): string {
  const v = env.IOC_PUSH_SECRET ?? '';
  if (pushUrl && v.length < 16) throw new ConfigError('IOC_PUSH_SECRET', 'phải có ít nhất 16 ký tự khi có IOC_PUSH_URL');
  return v;
}

export function loadConfig(env: Env = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const databaseUrl = url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  const port = int(env, 'PORT', 3000, 0, 65535);
  const host = env.HOST || '0.0.0.0';
  const sessionSecret = env.SESSION_SECRET ?? '';
  if (production && sessionSecret.length < 32) {
    throw new ConfigError('SESSION_SECRET', 'phải có ít nhất 32 ký tự khi NODE_ENV=production');
  }
  if (sessionSecret !== '' && sessionSecret.length < 16) {
    throw new ConfigError('SESSION_SECRET', 'quá ngắn (ít nhất 16 ký tự)');
  }
  const embeddedPgPort = int(env, 'VANHIEN_EMBEDDED_PG_PORT', 54329, 1024, 65535);
  if (embeddedPgPort === 5432) {
    throw new ConfigError('VANHIEN_EMBEDDED_PG_PORT', 'không được là 5432 (cổng của PostgreSQL hệ thống)');
  }
  const demoDefault = !production && databaseUrl === undefined;
  const s3Endpoint = url(env, 'S3_ENDPOINT', ['http:', 'https:']);
  const s3Bucket = env.S3_BUCKET || undefined;
  if (s3Endpoint && !s3Bucket) throw new ConfigError('S3_BUCKET', 'phải được đặt khi có S3_ENDPOINT');
  if (s3Endpoint && !env.S3_ACCESS_KEY_ID) throw new ConfigError('S3_ACCESS_KEY_ID', 'phải được đặt khi có S3_ENDPOINT');
  if (s3Endpoint && !env.S3_SECRET_ACCESS_KEY) throw new ConfigError('S3_SECRET_ACCESS_KEY', 'phải được đặt khi có S3_ENDPOINT');
  const demoPassword = env.VANHIEN_DEMO_PASSWORD || 'Demo@2026';
  const metricsToken = env.METRICS_TOKEN || undefined;
  if (metricsToken && metricsToken.length < 16) throw new ConfigError('METRICS_TOKEN', 'quá ngắn (ít nhất 16 ký tự)');
  return {
    port,
    host,
    dataDir: path.resolve(env.VANHIEN_DATA_DIR || './data'),
    databaseUrl,
    embeddedPgPort,
    production,
    demo: bool(env, 'VANHIEN_DEMO', demoDefault),
    demoPassword,
    demoDir: env.VANHIEN_DEMO_DIR ? path.resolve(env.VANHIEN_DEMO_DIR) : undefined,
    // Without a configured secret a random one is used: sessions live in the database, so
    // the secret only signs the CSRF cookie and a restart merely invalidates open forms.
    sessionSecret: sessionSecret || crypto.randomBytes(32).toString('hex'),
    publicUrl: (url(env, 'PUBLIC_URL', ['http:', 'https:']) ?? `http://localhost:${port}`).replace(/\/$/, ''),
    logLevel: env.LOG_LEVEL || (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    bodyLimitBytes: int(env, 'VANHIEN_BODY_LIMIT', 1_048_576, 1024, 104_857_600),
    uploadLimitBytes: int(env, 'VANHIEN_UPLOAD_LIMIT', 10_485_760, 1024, 1_073_741_824),
    smtp: {
      url: url(env, 'SMTP_URL', ['smtp:', 'smtps:']),
      from: env.SMTP_FROM || 'Văn Hiến <no-reply@vanhien.test>',
    },
    s3: {
      endpoint: s3Endpoint,
      bucket: s3Bucket,
      region: env.S3_REGION || 'us-east-1',
      accessKeyId: env.S3_ACCESS_KEY_ID || undefined,
      secretAccessKey: env.S3_SECRET_ACCESS_KEY || undefined,
    },
    oidc: {
      issuer: url(env, 'OIDC_ISSUER', ['http:', 'https:']),
      clientId: env.OIDC_CLIENT_ID || undefined,
      clientSecret: env.OIDC_CLIENT_SECRET || undefined,
      label: env.OIDC_LABEL || 'Đăng nhập bằng VNeID',
    },
    worker: bool(env, 'VANHIEN_WORKER', true),
    identityCacheMs: int(env, 'IDENTITY_CACHE_MS', 5_000, 0, 60_000),
    busRetryMs: int(env, 'VANHIEN_BUS_RETRY_MS', 100, 10, 60_000),
    trustProxy: trustProxy(env.TRUST_PROXY, production),
    rateLimit: { redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']), prefix: env.RATE_LIMIT_PREFIX || 'vanhien-rl:' },
    authRateLimit: int(env, 'AUTH_RATE_LIMIT', 10, 1, 10_000),
    metrics: { loopback: bool(env, 'METRICS_LOOPBACK', true), token: metricsToken },
    quotas: {
      openDrafts: int(env, 'QUOTA_OPEN_DRAFTS', 10, 1, 10_000),
      filesPerDocument: int(env, 'QUOTA_FILES_PER_DOCUMENT', 10, 1, 1000),
      bytesPerDossier: int(env, 'QUOTA_BYTES_PER_DOSSIER', 52_428_800, 1024, 10_737_418_240),
      bytesPerDay: int(env, 'QUOTA_BYTES_PER_DAY', 209_715_200, 1024, 107_374_182_400),
    },
    dossiers: {
      codeFormat: dossierCodeFormat(env.DOSSIER_CODE_FORMAT),
      afternoonCutoff: cutoff(env.DOSSIER_AFTERNOON_CUTOFF),
    },
    signing: {
      p12Path: env.SIGNING_P12_PATH ? path.resolve(env.SIGNING_P12_PATH) : undefined,
      p12Password: env.SIGNING_P12_PASSWORD ?? '',
      tsaUrl: url(env, 'SIGNING_TSA_URL', ['http:', 'https:']),
    },
    ioc: { pushUrl: url(env, 'IOC_PUSH_URL', ['https:', 'http:']), pushSecret: iocSecret(env, url(env, 'IOC_PUSH_URL', ['https:', 'http:'])) },
    devices: {
      mqttUrl: url(env, 'MQTT_URL', ['mqtt:', 'mqtts:', 'tcp:', 'ws:', 'wss:']),
      mqttClientId: env.VANHIEN_MQTT_CLIENT_ID || 'vanhien-ingest',
      // The embedded broker runs when asked for, or by default outside tests when no external
      // broker is configured ('off' disables it); 1884 leaves 1883 to a system Mosquitto.
      mqttPort:
        env.VANHIEN_MQTT_PORT === 'off'
          ? undefined
          : env.VANHIEN_MQTT_PORT
            ? int(env, 'VANHIEN_MQTT_PORT', 1884, 0, 65535)
            : env.NODE_ENV === 'test' || env.MQTT_URL
              ? undefined
              : 1884,
      mqttHost: env.VANHIEN_MQTT_HOST || '127.0.0.1',
    },
    feedback: {
      mapTileUrl: url(env, 'FEEDBACK_MAP_TILE_URL', ['https:', 'http:']),
      mapAttribution: env.FEEDBACK_MAP_ATTRIBUTION || '',
      smtpPort: env.FEEDBACK_SMTP_PORT ? int(env, 'FEEDBACK_SMTP_PORT', 0, 0, 65535) : undefined,
      smtpHost: env.FEEDBACK_SMTP_HOST || '127.0.0.1',
      intakeAddress: (env.FEEDBACK_INTAKE_ADDRESS || 'phananh@vanhien.test').toLowerCase(),
    },
  };
}
