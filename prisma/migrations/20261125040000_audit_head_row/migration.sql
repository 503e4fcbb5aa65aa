-- The single AuditHead row: the genesis of the audit chain (no events, all-zero hash).
INSERT INTO "AuditHead" ("id", "seq", "hash") VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
