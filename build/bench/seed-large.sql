-- build/bench.sh's large database (BENCH_LARGE=1): build/bench-admin.sh's million users (1 in 1000 an admin, 5% inactive,
-- 70% verified; about 1,000,000 sessions; 3,000,000 audit rows), then sessions up to 3,000,000, every one with the
-- refresh token it would hold (one live token; the seeded sessions' tokens are random, never presented).
\ir seed-1m-users.sql
SET synchronous_commit = off;
SET session_replication_role = replica;
-- Live sessions (other devices of the same users): 30 days absolute, 7 days idle, as the defaults issue them.
INSERT INTO sessions (id, user_id, created_at, last_used_at, expires_at, idle_expires_at, revoked_at, revocation_reason, ip_address, user_agent)
SELECT gen_random_uuid(), u.id, now() - interval '2 days', now() - interval '3 hours', now() + interval '28 days',
       now() + interval '5 days', NULL, NULL, '198.51.100.9', 'bench/1.0 (device ' || g || ')'
FROM users u CROSS JOIN generate_series(1, 3) AS g
LIMIT (SELECT greatest(0, 3000000 - count(*)) FROM sessions);
INSERT INTO refresh_tokens (id, session_id, token_hash, parent_token_id, created_at, rotated_at)
SELECT gen_random_uuid(), s.id, md5(s.id::text) || md5(s.id::text || 'refresh'), NULL, s.created_at, NULL
FROM sessions s;
VACUUM (ANALYZE);
