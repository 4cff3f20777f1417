import Foundation
import GRDB

/// The register's schema, as a history of named migrations. Never edit a shipped migration: add one.
enum RegisterSchema {
    /// - Parameter secret: the data folder's key for the keyed hashes in the search index (`SearchIndex`).
    static func migrator(secret: Data) -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: register, items, checks, sales, upload queue") { db in
            try db.execute(sql: """
                CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);

                -- One row per register entry. `content` is the canonical JSON the hash covers; the other
                -- columns are indexes derived from it, checked by `verify`.
                CREATE TABLE entry (
                    entry_number INTEGER PRIMARY KEY NOT NULL CHECK (entry_number > 0),
                    recorded_at TEXT NOT NULL,
                    day TEXT NOT NULL,
                    clerk TEXT NOT NULL,
                    price_cents INTEGER NOT NULL,
                    corrects INTEGER REFERENCES entry(entry_number),
                    seller_key TEXT NOT NULL,
                    content BLOB NOT NULL,
                    previous_hash TEXT NOT NULL,
                    hash TEXT NOT NULL UNIQUE
                );
                CREATE INDEX entry_day ON entry(day);
                CREATE INDEX entry_seller_key ON entry(seller_key);

                CREATE TABLE entry_item (
                    item_id TEXT PRIMARY KEY NOT NULL,
                    entry_number INTEGER NOT NULL REFERENCES entry(entry_number),
                    item_index INTEGER NOT NULL,
                    category TEXT NOT NULL,
                    identifier TEXT,
                    hold_until TEXT
                );
                CREATE INDEX entry_item_entry ON entry_item(entry_number);
                CREATE INDEX entry_item_hold ON entry_item(hold_until);

                -- Every stolen-goods check done for an item: proof of due diligence.
                CREATE TABLE item_check (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    item_id TEXT NOT NULL,
                    checked_at TEXT NOT NULL,
                    status TEXT NOT NULL,
                    record BLOB NOT NULL
                );
                CREATE INDEX item_check_item ON item_check(item_id);

                -- The sales side (verkoopregister).
                CREATE TABLE sale (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    item_id TEXT NOT NULL UNIQUE REFERENCES entry_item(item_id),
                    recorded_at TEXT NOT NULL,
                    content BLOB NOT NULL
                );

                -- Police flags: opened and closed as events, never edited.
                CREATE TABLE police_flag_event (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    item_id TEXT NOT NULL REFERENCES entry_item(item_id),
                    opened INTEGER NOT NULL,
                    at TEXT NOT NULL,
                    note TEXT NOT NULL
                );

                -- Transactional outbox: written in the same transaction as the entry or sale it uploads.
                CREATE TABLE upload_job (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    kind TEXT NOT NULL,
                    entry_number INTEGER NOT NULL,
                    sale_id INTEGER,
                    idempotency_key TEXT NOT NULL UNIQUE,
                    payload BLOB NOT NULL,
                    status TEXT NOT NULL DEFAULT 'queued',
                    attempts INTEGER NOT NULL DEFAULT 0,
                    next_attempt_at TEXT NOT NULL,
                    last_error TEXT,
                    register_reference TEXT,
                    created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL
                );
                CREATE INDEX upload_job_status ON upload_job(status, next_attempt_at);
                """)
            // The register is append-only: the database itself refuses to change or remove what was written.
            for table in ["entry", "entry_item", "item_check", "sale", "police_flag_event"] {
                try db.execute(sql: """
                    CREATE TRIGGER \(table)_no_update BEFORE UPDATE ON \(table)
                    BEGIN SELECT RAISE(ABORT, 'register rows are append-only: \(table) cannot be updated'); END;
                    CREATE TRIGGER \(table)_no_delete BEFORE DELETE ON \(table)
                    BEGIN SELECT RAISE(ABORT, 'register rows are append-only: \(table) cannot be deleted'); END;
                    """)
            }
        }
        migrator.registerMigration("v2: owner alerts") { db in
            try db.execute(sql: """
                CREATE TABLE owner_alert (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    kind TEXT NOT NULL,
                    raised_at TEXT NOT NULL,
                    item_id TEXT,
                    entry_number INTEGER,
                    message TEXT NOT NULL
                );
                CREATE TABLE owner_alert_ack (
                    alert_id INTEGER PRIMARY KEY REFERENCES owner_alert(id),
                    by TEXT NOT NULL,
                    at TEXT NOT NULL,
                    note TEXT NOT NULL
                );
                """)
            for table in ["owner_alert", "owner_alert_ack"] {
                try db.execute(sql: """
                    CREATE TRIGGER \(table)_no_update BEFORE UPDATE ON \(table)
                    BEGIN SELECT RAISE(ABORT, 'alerts are append-only: \(table) cannot be updated'); END;
                    CREATE TRIGGER \(table)_no_delete BEFORE DELETE ON \(table)
                    BEGIN SELECT RAISE(ABORT, 'alerts are append-only: \(table) cannot be deleted'); END;
                    """)
            }
        }
        migrator.registerMigration("v3: staff accounts and audit log") { db in
            try db.execute(sql: """
                -- Who may sign in at the kiosk. A PIN is stored only as a slow salted hash (StaffPINHash).
                -- Accounts are disabled, never deleted, so every clerk name in the register stays explained.
                CREATE TABLE staff_account (
                    name TEXT PRIMARY KEY NOT NULL COLLATE NOCASE,
                    role TEXT NOT NULL CHECK (role IN ('staff', 'owner', 'technician')),
                    pin_hash TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    disabled INTEGER NOT NULL DEFAULT 0
                );
                CREATE TRIGGER staff_account_no_delete BEFORE DELETE ON staff_account
                BEGIN SELECT RAISE(ABORT, 'staff accounts are disabled, never deleted'); END;

                -- Who did what, when: sign-ins (also failed ones, which drive the lockout), overrides, exports.
                CREATE TABLE audit_event (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    at TEXT NOT NULL,
                    at_ms INTEGER NOT NULL,
                    actor TEXT NOT NULL,
                    action TEXT NOT NULL,
                    subject TEXT,
                    detail TEXT NOT NULL DEFAULT ''
                );
                CREATE INDEX audit_event_actor ON audit_event(actor, action);
                CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: audit_event cannot be updated'); END;
                CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: audit_event cannot be deleted'); END;
                """)
        }
        migrator.registerMigration("v4: upload job scheduling") { db in
            // upload_job is the one table that changes: a job's status moves queued → sent → acknowledged or
            // rejected. `next_attempt_at` is text to the second; backoff and attempt timeouts need milliseconds
            // and a number SQLite compares as such. NULL means "due now" (jobs enqueued by `UploadOutbox`).
            try db.execute(sql: """
                ALTER TABLE upload_job ADD COLUMN due_at_ms INTEGER;
                ALTER TABLE upload_job ADD COLUMN consecutive_failures INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE upload_job ADD COLUMN last_attempt_at TEXT;
                CREATE INDEX upload_job_due ON upload_job(status, due_at_ms);
                """)
        }
        migrator.registerMigration("v5: intake idempotency keys") { db in
            // A retried registration (a lost answer, a second click, a reload) carries the same key and gets the
            // entry it made the first time, never a second entry.
            try db.execute(sql: """
                CREATE TABLE intake_request (
                    idempotency_key TEXT PRIMARY KEY NOT NULL,
                    entry_number INTEGER NOT NULL REFERENCES entry(entry_number),
                    at TEXT NOT NULL
                );
                CREATE TRIGGER intake_request_no_update BEFORE UPDATE ON intake_request
                BEGIN SELECT RAISE(ABORT, 'intake requests are append-only'); END;
                CREATE TRIGGER intake_request_no_delete BEFORE DELETE ON intake_request
                BEGIN SELECT RAISE(ABORT, 'intake requests are append-only'); END;
                """)
        }
        migrator.registerMigration("v6: identity apart from the chain") { db in
            try IdentityApartMigration.migrate(db)
        }
        migrator.registerMigration("v7: police hold orders, written notices, information requests") { db in
            try PoliceSchema.migrate(db)
        }
        migrator.registerMigration("v8: owner alerts by message code") { db in
            // The words are the catalog's, in the reader's language; older alerts keep their stored text.
            try db.execute(sql: "ALTER TABLE owner_alert ADD COLUMN code TEXT")
            try db.execute(sql: "ALTER TABLE owner_alert ADD COLUMN parameters TEXT")
        }
        migrator.registerMigration("v9: search index") { db in
            try SearchIndex.migrate(db, secret: secret)
        }
        migrator.registerMigration("v10: the owner's day prices of precious metals") { db in
            try SQLiteRegisterStore.migrateMetalPrices(db)
        }
        migrator.registerMigration("v11: integration accounts") { db in
            // SQLite cannot change a CHECK constraint: the table is made anew with the role `integration` allowed
            // (other shop software on the machine API, with a token's hash in pin_hash), its rows copied.
            try db.execute(sql: """
                DROP TRIGGER staff_account_no_delete;
                CREATE TABLE staff_account_v11 (
                    name TEXT PRIMARY KEY NOT NULL COLLATE NOCASE,
                    role TEXT NOT NULL CHECK (role IN ('staff', 'owner', 'technician', 'integration')),
                    pin_hash TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    disabled INTEGER NOT NULL DEFAULT 0
                );
                INSERT INTO staff_account_v11 (name, role, pin_hash, created_at, disabled)
                    SELECT name, role, pin_hash, created_at, disabled FROM staff_account;
                DROP TABLE staff_account;
                ALTER TABLE staff_account_v11 RENAME TO staff_account;
                CREATE TRIGGER staff_account_no_delete BEFORE DELETE ON staff_account
                BEGIN SELECT RAISE(ABORT, 'staff accounts are disabled, never deleted'); END;
                """)
        }
        return migrator
    }
}
