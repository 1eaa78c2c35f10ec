// In-memory sliding-window limiter: good for one process (the embedded default). A multi-process deployment would
// move the buckets to a shared store; the function signature stays the same.

type Bucket = { hits: number[] }
const buckets = new Map<string, Bucket>()

export type RateLimitResult = { allowed: boolean; retryAfterSeconds: number; remaining: number }

export function hitRateLimit(key: string, limit: number, windowMs: number, now = Date.now()): RateLimitResult {
  const bucket = buckets.get(key) ?? { hits: [] }
  bucket.hits = bucket.hits.filter((t) => t > now - windowMs)
  if (bucket.hits.length >= limit) {
    buckets.set(key, bucket)
    return { allowed: false, retryAfterSeconds: Math.ceil((bucket.hits[0] + windowMs - now) / 1000), remaining: 0 }
  }
  bucket.hits.push(now)
  buckets.set(key, bucket)
  if (buckets.size > 50_000) pruneBuckets(windowMs, now)
  return { allowed: true, retryAfterSeconds: 0, remaining: limit - bucket.hits.length }
}

function pruneBuckets(windowMs: number, now: number) {
  for (const [key, bucket] of buckets) if (!bucket.hits.some((t) => t > now - windowMs)) buckets.delete(key)
}

export function resetRateLimits() {
  buckets.clear()
}

/**
 * Throws a 429 (rendered as the French "Trop de tentatives" page by the error boundary) when this IP has posted more
 * than the allowed number of times this minute to the authentication forms.
 */
export function enforceAuthRateLimit(clientIp: string, limitPerMinute: number) {
  const result = hitRateLimit(`auth:${clientIp}`, limitPerMinute, 60_000)
  if (!result.allowed) {
    throw new Response('Trop de tentatives', {
      status: 429,
      statusText: 'Too Many Requests',
      headers: { 'Retry-After': String(result.retryAfterSeconds) },
    })
  }
}
