// The headers every response carries, the starting face's (web/starting.ts) as the full pages'.

/**
 * Strict by construction: the pages have no script and load nothing but their own stylesheet, so
 * everything else is refused. Written here rather than with @fastify/helmet: six fixed headers are
 * easier to read and test than a plugin's defaults, and need no dependency.
 */
export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
};

/** HSTS for an https PUBLIC_URL: a year, the usual minimum browsers' preload lists accept. */
export const HSTS_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;
