-- 1,000,000 users (1 in 1000 an admin, 5% inactive, 70% verified, 60% have logged in), ~1.2M sessions, ~3M audit rows.
SET synchronous_commit = off;
-- Bulk load: foreign keys are known to hold (every row is derived from users); skip their per-row triggers.
SET session_replication_role = replica;
INSERT INTO users (id, email, normalized_email, username, normalized_username, full_name, password_hash, is_active,
                   email_verified, created_at, updated_at, security_stamp, last_login_at)
SELECT gen_random_uuid(),
       'User' || i || '@Example' || (i % 50) || '.com', 'user' || i || '@example' || (i % 50) || '.com',
       'User_' || i, 'user_' || i, 'Seeded User ' || i,
       '$argon2id$v=19$m=19456,t=2,p=1$c2VlZHNhbHRzZWVkc2FsdA$c2VlZGhhc2hzZWVkaGFzaHNlZWRoYXNoc2VlZA',
       i % 20 <> 0, i % 10 < 7,
       now() - make_interval(secs => (1000000 - i)::bigint * 60), now() - make_interval(secs => (1000000 - i)::bigint * 60), 0,
       CASE WHEN i % 5 < 3 THEN now() - make_interval(secs => (i::bigint * 7919) % 31536000) END
FROM generate_series(1, 1000000) AS i;
INSERT INTO user_roles (user_id, role) SELECT id, 'user' FROM users;
INSERT INTO user_roles (user_id, role) SELECT id, 'admin' FROM users WHERE normalized_username ~ '^user_[0-9]*000$';
INSERT INTO sessions (id, user_id, created_at, last_used_at, expires_at, idle_expires_at, revoked_at, revocation_reason, ip_address, user_agent)
SELECT gen_random_uuid(), u.id, now() - interval '1 day', now() - interval '1 hour',
       now() + CASE WHEN s.k = 0 THEN interval '20 days' ELSE interval '-1 day' END,
       now() + CASE WHEN s.k = 0 THEN interval '6 days' ELSE interval '-1 day' END,
       CASE WHEN s.k = 1 THEN now() - interval '2 days' END, CASE WHEN s.k = 1 THEN 'Logout' END,
       '203.0.113.7', 'bench/1.0'
FROM users u CROSS JOIN LATERAL (SELECT generate_series(0, (abs(hashtext(u.normalized_username)) % 3) - 1) AS k) s;
INSERT INTO audit_log (id, occurred_at, event_type, user_id, actor_id, ip_address, user_agent, trace_id, details)
SELECT gen_random_uuid(), u.created_at + make_interval(secs => e.n), e.t, u.id, u.id, '203.0.113.7', 'bench/1.0',
       md5(u.id::text || e.n), '{}'::jsonb
FROM users u CROSS JOIN LATERAL (VALUES (0, 'user.registered'), (60, 'login.succeeded'), (120, 'login.failed')) AS e(n, t);
-- As autovacuum leaves a settled table: visibility map set, so counts can use index-only scans.
VACUUM (ANALYZE);
