import Foundation
import Logging
import PostgresNIO

/// The register's tables on PostgreSQL (issue 15): tenant (a chain, or one shop) → branch (a place of trade:
/// KvK number + vestigingsnummer, municipality) → the branch's register. Entry numbers and the hash chain run
/// per branch; the entries are the same canonical content as in the embedded SQLite register
/// (`ChainedEntry`), so both verify alike and a SQLite register can move here unchanged.
///
/// The database itself keeps the register's rules, whoever connects:
/// - **gap-free, chained numbering**: an entry is accepted only as its branch's next number on its branch's
///   head hash (`branch_counter`, locked in the entry's transaction); the counter moves only one step, onto an
///   entry that exists with that hash;
/// - **append-only**: triggers refuse UPDATE, DELETE and TRUNCATE on register rows (an identity may only be
///   erased; an upload job only changes its status, never what it sends);
/// - **roles**: `counter_kiosk` may read and append, and change only the counter, job statuses and erasures;
///   `counter_head_office` may only read. Login roles of tills and of the head office are made members of them
///   (docs/technician-guide.md).
enum PostgresRegisterSchema {
    /// The schema's versions, each a list of statements run in one transaction (PostgreSQL's extended protocol
    /// takes one statement per query). Append new versions; never edit a released one.
    static let versions: [(version: Int, statements: [String])] = [
        (1, version1),
        (2, version2),
        (3, version3),
        (4, version4),
    ]

    /// Version 4 (issue 18): integration accounts, other shop software on the machine API with a token's hash.
    static let version4: [String] = [
        "ALTER TABLE staff_account DROP CONSTRAINT staff_account_role_check",
        "ALTER TABLE staff_account ADD CONSTRAINT staff_account_role_check CHECK (role IN ('staff', 'owner', 'technician', 'integration'))",
    ]

    /// Tables whose rows never change once written.
    static let appendOnly = ["tenant", "branch", "entry", "entry_item", "item_check", "intake_request", "police_flag_event",
                             "owner_alert", "owner_alert_ack", "audit_event"]

    static let version1: [String] = [
        """
        CREATE TABLE tenant (
            id text PRIMARY KEY,
            name text NOT NULL
        )
        """,
        """
        CREATE TABLE branch (
            id text PRIMARY KEY,
            tenant_id text NOT NULL REFERENCES tenant(id),
            name text NOT NULL,
            kvk_number text NOT NULL CHECK (kvk_number ~ '^[0-9]{8}$'),
            branch_number text NOT NULL CHECK (branch_number ~ '^[0-9]{12}$'),
            municipality text NOT NULL,
            -- The key of the branch's returning-seller lookup and cash ban (SellerKey): one for all its tills.
            seller_key_secret bytea NOT NULL CHECK (length(seller_key_secret) >= 32),
            UNIQUE (kvk_number, branch_number),
            CHECK (id = kvk_number || '/' || branch_number)
        )
        """,
        """
        CREATE TABLE branch_counter (
            branch_id text PRIMARY KEY REFERENCES branch(id),
            last_number bigint NOT NULL DEFAULT 0,
            last_hash text NOT NULL DEFAULT '\(RegisterEntry.genesisHash)'
        )
        """,
        """
        CREATE TABLE entry (
            branch_id text NOT NULL REFERENCES branch(id),
            entry_number bigint NOT NULL CHECK (entry_number > 0),
            recorded_at text NOT NULL,
            day text NOT NULL,
            clerk text NOT NULL,
            price_cents bigint NOT NULL,
            corrects bigint,
            content bytea NOT NULL,
            previous_hash text NOT NULL,
            hash text NOT NULL,
            PRIMARY KEY (branch_id, entry_number)
        )
        """,
        "CREATE INDEX entry_day ON entry (branch_id, day)",
        """
        CREATE TABLE seller_identity (
            branch_id text NOT NULL,
            entry_number bigint NOT NULL,
            identity bytea,
            salt bytea,
            seller_key text,
            erased_on text,
            PRIMARY KEY (branch_id, entry_number),
            FOREIGN KEY (branch_id, entry_number) REFERENCES entry (branch_id, entry_number)
        )
        """,
        "CREATE INDEX seller_identity_key ON seller_identity (branch_id, seller_key)",
        """
        CREATE TABLE entry_item (
            branch_id text NOT NULL,
            item_id text NOT NULL,
            entry_number bigint NOT NULL,
            item_index integer NOT NULL,
            category text NOT NULL,
            identifier text,
            hold_until text,
            PRIMARY KEY (branch_id, item_id),
            FOREIGN KEY (branch_id, entry_number) REFERENCES entry (branch_id, entry_number)
        )
        """,
        """
        CREATE TABLE item_check (
            id bigserial PRIMARY KEY,
            branch_id text NOT NULL,
            item_id text NOT NULL,
            checked_at text NOT NULL,
            status text NOT NULL,
            record bytea NOT NULL,
            FOREIGN KEY (branch_id, item_id) REFERENCES entry_item (branch_id, item_id)
        )
        """,
        "CREATE INDEX item_check_item ON item_check (branch_id, item_id)",
        // The head office's search across branches.
        "CREATE INDEX entry_item_identifier ON entry_item (upper(identifier))",
        """
        CREATE TABLE intake_request (
            branch_id text NOT NULL,
            idempotency_key text NOT NULL,
            entry_number bigint NOT NULL,
            at text NOT NULL,
            PRIMARY KEY (branch_id, idempotency_key),
            FOREIGN KEY (branch_id, entry_number) REFERENCES entry (branch_id, entry_number)
        )
        """,
        """
        CREATE TABLE upload_job (
            id bigserial PRIMARY KEY,
            branch_id text NOT NULL REFERENCES branch(id),
            kind text NOT NULL,
            entry_number bigint NOT NULL,
            sale_id bigint,
            idempotency_key text NOT NULL UNIQUE,
            payload bytea NOT NULL,
            status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'acknowledged', 'rejected')),
            attempts integer NOT NULL DEFAULT 0,
            consecutive_failures integer NOT NULL DEFAULT 0,
            last_error text,
            register_reference text,
            created_at text NOT NULL,
            due_at_ms bigint,
            claimed_by text
        )
        """,
        "CREATE INDEX upload_job_due ON upload_job (branch_id, status, due_at_ms)",
        """
        CREATE TABLE police_flag_event (
            id bigserial PRIMARY KEY,
            branch_id text NOT NULL,
            item_id text NOT NULL,
            opened boolean NOT NULL,
            at text NOT NULL,
            note text NOT NULL,
            FOREIGN KEY (branch_id, item_id) REFERENCES entry_item (branch_id, item_id)
        )
        """,
        """
        CREATE TABLE owner_alert (
            id bigserial PRIMARY KEY,
            branch_id text NOT NULL REFERENCES branch(id),
            kind text NOT NULL,
            raised_at text NOT NULL,
            item_id text,
            entry_number bigint,
            message text NOT NULL,
            code text NOT NULL,
            parameters text NOT NULL
        )
        """,
        """
        CREATE TABLE owner_alert_ack (
            alert_id bigint PRIMARY KEY REFERENCES owner_alert(id),
            by text NOT NULL,
            at text NOT NULL,
            note text NOT NULL
        )
        """,
        """
        CREATE TABLE audit_event (
            id bigserial PRIMARY KEY,
            branch_id text NOT NULL REFERENCES branch(id),
            at text NOT NULL,
            at_ms bigint NOT NULL,
            actor text NOT NULL,
            action text NOT NULL,
            subject text,
            detail text NOT NULL
        )
        """,
        // Append-only, whoever connects (also the database's owner).
        """
        CREATE FUNCTION counter_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'the register is append-only: % on % refused', TG_OP, TG_TABLE_NAME
                USING ERRCODE = 'integrity_constraint_violation';
        END $$
        """,
    ] + appendOnly.map { table in
        """
        CREATE TRIGGER \(table)_append_only BEFORE UPDATE OR DELETE ON \(table)
        FOR EACH ROW EXECUTE FUNCTION counter_refuse_change()
        """
    } + (appendOnly + ["branch_counter", "seller_identity", "upload_job"]).map { table in
        """
        CREATE TRIGGER \(table)_no_truncate BEFORE TRUNCATE ON \(table)
        FOR EACH STATEMENT EXECUTE FUNCTION counter_refuse_change()
        """
    }
    // The next number on the head: an entry is accepted only as one past its branch's counter, chained on the
    // counter's hash. Together with the counter's rules below, numbers are 1, 2, 3, … per branch.
    + rule("entry_is_next", "TRIGGER entry_is_next BEFORE INSERT ON entry FOR EACH ROW",
             declare: "head branch_counter%ROWTYPE;",
             first: "SELECT * INTO head FROM branch_counter WHERE branch_id = NEW.branch_id;",
             refuseWhen: "head IS NULL OR NEW.entry_number <> head.last_number + 1 OR NEW.previous_hash <> head.last_hash",
             "'entry % of branch % is not the next on its chain', NEW.entry_number, NEW.branch_id")
    + rule("counter_steps", "TRIGGER branch_counter_steps BEFORE UPDATE OR DELETE ON branch_counter FOR EACH ROW",
           refuseWhen: "TG_OP = 'DELETE' OR NEW.branch_id <> OLD.branch_id OR NEW.last_number <> OLD.last_number + 1",
           "'the counter of branch % moves one step at a time, and stays', OLD.branch_id")
    // …onto the entry it counts, with that entry's hash: checked when the transaction commits, so the entry and
    // the counter can be written in one statement (one round trip while the counter is locked).
    + rule("counter_on_entry", """
           CONSTRAINT TRIGGER branch_counter_on_entry AFTER UPDATE ON branch_counter
           DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
           """,
           refuseWhen: """
               NOT EXISTS (SELECT 1 FROM entry e WHERE e.branch_id = NEW.branch_id AND e.entry_number = NEW.last_number
                           AND e.hash = NEW.last_hash)
               """,
           "'the counter of branch % stands on no entry %', NEW.branch_id, NEW.last_number", returning: "NULL")
    // An identity may only be erased (AVG): identity, salt and key emptied, the day set, nothing else.
    + rule("identity_erase_only", "TRIGGER seller_identity_erase_only BEFORE UPDATE OR DELETE ON seller_identity FOR EACH ROW",
           refuseWhen: """
               TG_OP = 'DELETE' OR NEW.branch_id <> OLD.branch_id OR NEW.entry_number <> OLD.entry_number
               OR NEW.identity IS NOT NULL OR NEW.salt IS NOT NULL OR NEW.seller_key IS NOT NULL
               OR NEW.erased_on IS NULL OR OLD.erased_on IS NOT NULL
               """,
           "'a seller identity can only be erased'")
    // An upload job changes its status, never what it sends; an acknowledged job never changes again.
    + rule("job_status_only", "TRIGGER upload_job_status_only BEFORE UPDATE OR DELETE ON upload_job FOR EACH ROW",
           refuseWhen: """
               TG_OP = 'DELETE' OR OLD.status = 'acknowledged'
               OR NEW.id <> OLD.id OR NEW.branch_id <> OLD.branch_id OR NEW.kind <> OLD.kind
               OR NEW.entry_number <> OLD.entry_number OR NEW.sale_id IS DISTINCT FROM OLD.sale_id
               OR NEW.idempotency_key <> OLD.idempotency_key OR NEW.payload <> OLD.payload
               OR NEW.created_at <> OLD.created_at
               """,
           "'an upload job only changes its status'")
    + [
        // The roles tills and the head office log in through (NOLOGIN groups; cluster-wide, so made once).
        """
        DO $$ BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'counter_kiosk') THEN CREATE ROLE counter_kiosk NOLOGIN; END IF;
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'counter_head_office') THEN CREATE ROLE counter_head_office NOLOGIN; END IF;
        END $$
        """,
        """
        GRANT SELECT ON tenant, branch_counter, entry, seller_identity, entry_item, item_check, intake_request,
            police_flag_event, owner_alert, owner_alert_ack, upload_job, audit_event, counter_schema
            TO counter_kiosk, counter_head_office
        """,
        // The head office sees the branches, not their seller-key secrets.
        "GRANT SELECT ON branch TO counter_kiosk",
        "GRANT SELECT (id, tenant_id, name, kvk_number, branch_number, municipality) ON branch TO counter_head_office",
        """
        GRANT INSERT ON entry, seller_identity, entry_item, item_check, intake_request, police_flag_event, owner_alert,
            owner_alert_ack, upload_job, audit_event TO counter_kiosk
        """,
        "GRANT UPDATE ON branch_counter, upload_job, seller_identity TO counter_kiosk",
        """
        GRANT USAGE ON SEQUENCE item_check_id_seq, police_flag_event_id_seq, owner_alert_id_seq, upload_job_id_seq,
            audit_event_id_seq TO counter_kiosk
        """,
    ]

    /// Version 2: what the engine keeps beside the register, per branch, so every till of a branch shares it:
    /// the staff accounts (disabled, never deleted; names unique without regard to case), the owner's metal day
    /// prices (a history), and the stolen-goods lists imported for the branch (the newest counts; every kiosk
    /// process of the branch takes it into its own data folder).
    static let version2: [String] = [
        """
        CREATE TABLE staff_account (
            branch_id text NOT NULL REFERENCES branch(id),
            name text NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
            role text NOT NULL CHECK (role IN ('staff', 'owner', 'technician')),
            pin_hash text NOT NULL,
            created_at text NOT NULL,
            disabled boolean NOT NULL DEFAULT false,
            PRIMARY KEY (branch_id, name)
        )
        """,
        "CREATE UNIQUE INDEX staff_account_name ON staff_account (branch_id, lower(name))",
        // A sign-in counts the name's failures since its last success, unlock or PIN change (the lockout): without
        // these, every sign-in would read the branch's whole audit log.
        "CREATE INDEX audit_event_actor ON audit_event (branch_id, lower(actor), action, id)",
        "CREATE INDEX audit_event_subject ON audit_event (branch_id, lower(subject), action, id)",
        """
        CREATE TRIGGER staff_account_no_delete BEFORE DELETE ON staff_account
        FOR EACH ROW EXECUTE FUNCTION counter_refuse_change()
        """,
        """
        CREATE TRIGGER staff_account_no_truncate BEFORE TRUNCATE ON staff_account
        FOR EACH STATEMENT EXECUTE FUNCTION counter_refuse_change()
        """,
        """
        CREATE TABLE metal_price (
            id bigserial PRIMARY KEY,
            branch_id text NOT NULL REFERENCES branch(id),
            metal text NOT NULL,
            cents_per_gram bigint NOT NULL CHECK (cents_per_gram > 0),
            day text NOT NULL,
            set_by text NOT NULL,
            at text NOT NULL
        )
        """,
        """
        CREATE TABLE hotlist_file (
            id bigserial PRIMARY KEY,
            branch_id text NOT NULL REFERENCES branch(id),
            imported_at text NOT NULL,
            rows bigint NOT NULL,
            content bytea NOT NULL
        )
        """,
    ] + ["metal_price", "hotlist_file"].flatMap { table in
        [
            """
            CREATE TRIGGER \(table)_append_only BEFORE UPDATE OR DELETE ON \(table)
            FOR EACH ROW EXECUTE FUNCTION counter_refuse_change()
            """,
            """
            CREATE TRIGGER \(table)_no_truncate BEFORE TRUNCATE ON \(table)
            FOR EACH STATEMENT EXECUTE FUNCTION counter_refuse_change()
            """,
        ]
    } + [
        "GRANT SELECT, INSERT ON staff_account, metal_price, hotlist_file TO counter_kiosk",
        "GRANT UPDATE (pin_hash, disabled) ON staff_account TO counter_kiosk",
        "GRANT USAGE ON SEQUENCE metal_price_id_seq, hotlist_file_id_seq TO counter_kiosk",
        // The head office sees who works where, never a PIN hash.
        "GRANT SELECT (branch_id, name, role, created_at, disabled) ON staff_account TO counter_head_office",
        "GRANT SELECT ON metal_price TO counter_head_office",
    ]

    /// Version 3: the branch's sales register (verkoopregister) and the written police workflows of art. 437 lid 1
    /// Sr, as in the embedded register: hold orders (f), written notices (e) and information requests (g), each
    /// lifted, withdrawn or answered by a row of its own. Every such table is append-only; an item is sold once.
    /// And the owner's search index with the indexes a search and an entry's detail read.
    static let version3: [String] = [
        """
        CREATE TABLE sale (
            id bigserial PRIMARY KEY,
            branch_id text NOT NULL,
            item_id text NOT NULL,
            recorded_at text NOT NULL,
            content bytea NOT NULL,
            UNIQUE (branch_id, item_id),
            FOREIGN KEY (branch_id, item_id) REFERENCES entry_item (branch_id, item_id)
        )
        """,
        "CREATE INDEX sale_recorded ON sale (branch_id, recorded_at)",
        """
        CREATE TABLE hold_order (
            id bigserial PRIMARY KEY,
            branch_id text NOT NULL,
            item_id text NOT NULL,
            ordered_on text NOT NULL,
            until text NOT NULL,
            officer text NOT NULL,
            reference text NOT NULL,
            note text NOT NULL,
            entered_by text NOT NULL,
            entered_at text NOT NULL,
            FOREIGN KEY (branch_id, item_id) REFERENCES entry_item (branch_id, item_id)
        )
        """,
        "CREATE INDEX hold_order_item ON hold_order (branch_id, item_id)",
        """
        CREATE TABLE hold_order_lift (
            order_id bigint PRIMARY KEY REFERENCES hold_order(id),
            lifted_on text NOT NULL, by text NOT NULL, note text NOT NULL, at text NOT NULL
        )
        """,
        "CREATE TABLE hold_order_told (order_id bigint PRIMARY KEY REFERENCES hold_order(id), at text NOT NULL)",
        """
        CREATE TABLE police_notice (
            id bigserial PRIMARY KEY,
            branch_id text NOT NULL REFERENCES branch(id),
            reference text NOT NULL,
            officer text NOT NULL,
            received_on text NOT NULL,
            identifier text,
            identifier_key text,
            brand text,
            description text NOT NULL,
            entered_by text NOT NULL,
            entered_at text NOT NULL
        )
        """,
        "CREATE INDEX police_notice_key ON police_notice (branch_id, identifier_key)",
        """
        CREATE TABLE police_notice_close (
            notice_id bigint PRIMARY KEY REFERENCES police_notice(id),
            closed_on text NOT NULL, by text NOT NULL, note text NOT NULL, at text NOT NULL
        )
        """,
        """
        CREATE TABLE information_request (
            id bigserial PRIMARY KEY,
            branch_id text NOT NULL REFERENCES branch(id),
            reference text NOT NULL,
            officer text NOT NULL,
            received_on text NOT NULL,
            deadline text NOT NULL,
            selection bytea NOT NULL,
            entered_by text NOT NULL,
            entered_at text NOT NULL
        )
        """,
        """
        CREATE TABLE information_request_answer (
            request_id bigint PRIMARY KEY REFERENCES information_request(id),
            answered_on text NOT NULL, by text NOT NULL, note text NOT NULL, at text NOT NULL
        )
        """,
        // The owner's search index (`SearchIndex`, as in the embedded register): each item's numbers under their
        // loose key, and keyed hashes of the seller's name words and document number (never readable). Written in
        // the entry's statement; not evidence, so not append-only (a seller's terms go when the identity is erased),
        // and without a foreign key: its rows are written with the entry they name, and every check of one would
        // be another lookup while the branch's counter is held.
        """
        CREATE TABLE item_key (
            branch_id text NOT NULL,
            loose text NOT NULL,
            item_id text NOT NULL,
            entry_number bigint NOT NULL
        )
        """,
        "CREATE INDEX item_key_loose ON item_key (branch_id, loose, entry_number)",
        """
        CREATE TABLE seller_search (
            branch_id text NOT NULL,
            term text NOT NULL,
            entry_number bigint NOT NULL
        )
        """,
        "CREATE INDEX seller_search_term ON seller_search (branch_id, term, entry_number)",
        "CREATE INDEX seller_search_entry ON seller_search (branch_id, entry_number)",
        "CREATE INDEX entry_clerk ON entry (branch_id, lower(clerk), entry_number)",
        "CREATE INDEX entry_corrects ON entry (branch_id, corrects) WHERE corrects IS NOT NULL",
        "CREATE INDEX entry_item_category ON entry_item (branch_id, category, entry_number)",
        "CREATE INDEX item_check_status ON item_check (branch_id, status, item_id)",
        "CREATE INDEX upload_job_entry ON upload_job (branch_id, entry_number)",
        // Item photos (``PostgresPhotoArchive``), by the SHA-256 of their bytes, once per branch, with the shop day
        // they count against. Never changed; removed only with an erased identity's entries (not yet on this backend).
        """
        CREATE TABLE photo (
            branch_id text NOT NULL REFERENCES branch(id),
            sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
            media_type text NOT NULL,
            size bigint NOT NULL,
            day text NOT NULL,
            bytes bytea NOT NULL,
            PRIMARY KEY (branch_id, sha256)
        )
        """,
        "CREATE INDEX photo_day ON photo (branch_id, day)",
        """
        CREATE TRIGGER photo_no_update BEFORE UPDATE ON photo FOR EACH ROW EXECUTE FUNCTION counter_refuse_change()
        """,
        "GRANT SELECT, INSERT ON photo TO counter_kiosk",
        // The register's own events, chained per branch like the embedded register's (``RegisterEvent``): format
        // migrations carried over, and erasures after retention.
        """
        CREATE TABLE register_event (
            branch_id text NOT NULL REFERENCES branch(id),
            sequence bigint NOT NULL CHECK (sequence > 0),
            at text NOT NULL,
            kind text NOT NULL,
            content bytea NOT NULL,
            previous_hash text NOT NULL,
            hash text NOT NULL,
            PRIMARY KEY (branch_id, sequence)
        )
        """,
        """
        CREATE TRIGGER register_event_append_only BEFORE UPDATE OR DELETE ON register_event
        FOR EACH ROW EXECUTE FUNCTION counter_refuse_change()
        """,
        """
        CREATE TRIGGER register_event_no_truncate BEFORE TRUNCATE ON register_event
        FOR EACH STATEMENT EXECUTE FUNCTION counter_refuse_change()
        """,
        "GRANT SELECT, INSERT ON register_event TO counter_kiosk",
        "GRANT SELECT ON register_event TO counter_head_office",
        // The erasure after retention (`PostgresRegisterStore/purge(today:at:actor:photos:)`): an upload job of an
        // erased entry may have its payload replaced by the entry's chained content, which holds no identity, and
        // nothing else; otherwise a job still only changes its status, and never once acknowledged.
        """
        CREATE OR REPLACE FUNCTION counter_job_status_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'UPDATE' AND NEW.payload IS DISTINCT FROM OLD.payload
               AND NEW.kind IN ('entry', 'correction')
               AND (NEW.id, NEW.branch_id, NEW.kind, NEW.entry_number, NEW.sale_id, NEW.idempotency_key, NEW.created_at,
                    NEW.status, NEW.attempts, NEW.consecutive_failures, NEW.last_error, NEW.register_reference,
                    NEW.due_at_ms, NEW.claimed_by)
                   IS NOT DISTINCT FROM
                   (OLD.id, OLD.branch_id, OLD.kind, OLD.entry_number, OLD.sale_id, OLD.idempotency_key, OLD.created_at,
                    OLD.status, OLD.attempts, OLD.consecutive_failures, OLD.last_error, OLD.register_reference,
                    OLD.due_at_ms, OLD.claimed_by)
               AND NEW.payload = (SELECT e.content FROM entry e
                                  WHERE e.branch_id = NEW.branch_id AND e.entry_number = NEW.entry_number)
               AND EXISTS (SELECT 1 FROM seller_identity s WHERE s.branch_id = NEW.branch_id
                           AND s.entry_number = NEW.entry_number AND s.erased_on IS NOT NULL) THEN
                RETURN NEW;
            END IF;
            IF TG_OP = 'DELETE' OR OLD.status = 'acknowledged'
               OR NEW.id <> OLD.id OR NEW.branch_id <> OLD.branch_id OR NEW.kind <> OLD.kind
               OR NEW.entry_number <> OLD.entry_number OR NEW.sale_id IS DISTINCT FROM OLD.sale_id
               OR NEW.idempotency_key <> OLD.idempotency_key OR NEW.payload <> OLD.payload
               OR NEW.created_at <> OLD.created_at THEN
                RAISE EXCEPTION 'an upload job only changes its status' USING ERRCODE = 'integrity_constraint_violation';
            END IF;
            RETURN NEW;
        END $$
        """,
        // An erasure takes the seller's search terms and the photos no kept entry names.
        "GRANT DELETE ON seller_search, photo TO counter_kiosk",
        "GRANT SELECT, INSERT ON item_key, seller_search TO counter_kiosk",
        // The head office searches numbers across branches; a seller's terms only mean something with the
        // branch's secret, which it cannot read.
        "GRANT SELECT ON item_key TO counter_head_office",
    ] + policeTables.flatMap { table in
        [
            """
            CREATE TRIGGER \(table)_append_only BEFORE UPDATE OR DELETE ON \(table)
            FOR EACH ROW EXECUTE FUNCTION counter_refuse_change()
            """,
            """
            CREATE TRIGGER \(table)_no_truncate BEFORE TRUNCATE ON \(table)
            FOR EACH STATEMENT EXECUTE FUNCTION counter_refuse_change()
            """,
        ]
    } + [
        "GRANT SELECT, INSERT ON \(policeTables.joined(separator: ", ")) TO counter_kiosk",
        """
        GRANT USAGE ON SEQUENCE sale_id_seq, hold_order_id_seq, police_notice_id_seq, information_request_id_seq
            TO counter_kiosk
        """,
        // The head office sees what the police asked of a branch and what it sold (the buyer is in the sale, as
        // the seller is in the register it already reads).
        "GRANT SELECT ON \(policeTables.joined(separator: ", ")) TO counter_head_office",
    ]

    /// The tables of version 3.
    static let policeTables = ["sale", "hold_order", "hold_order_lift", "hold_order_told", "police_notice",
                               "police_notice_close", "information_request", "information_request_answer"]

    /// A rule the database keeps whoever connects: a PL/pgSQL function that refuses the change (SQLSTATE 23000,
    /// integrity constraint violation) when `condition` holds, and the trigger (`CREATE <trigger> …`) that runs it.
    ///
    /// - Parameters:
    ///   - first: statements before the check (reading what it compares with).
    ///   - message: `RAISE EXCEPTION`'s format string and arguments.
    ///   - returning: what the function returns when the change may go ahead (`NEW`; `NULL` for AFTER triggers).
    static func rule(_ name: String, _ trigger: String, declare: String = "", first: String = "", refuseWhen condition: String,
                     _ message: String, returning: String = "NEW") -> [String] {
        [
            """
            CREATE FUNCTION counter_\(name)() RETURNS trigger LANGUAGE plpgsql AS $$
            \(declare.isEmpty ? "" : "DECLARE " + declare)
            BEGIN
                \(first)
                IF \(condition) THEN
                    RAISE EXCEPTION \(message) USING ERRCODE = 'integrity_constraint_violation';
                END IF;
                RETURN \(returning);
            END $$
            """,
            "CREATE \(trigger) EXECUTE FUNCTION counter_\(name)()",
        ]
    }

    /// The newest schema version this Counter knows.
    static var newest: Int { versions.map(\.version).max() ?? 0 }

    /// The database's schema version (0 before the first migration).
    static func version(_ connection: PostgresConnection, logger: Logger) async throws -> Int {
        guard try await connection.query("SELECT to_regclass('counter_schema') IS NOT NULL", logger: logger)
            .decode(Bool.self).first(where: { _ in true }) == true else { return 0 }
        return try await connection.query("SELECT COALESCE(max(version), 0) FROM counter_schema", logger: logger)
            .decode(Int.self).first { _ in true } ?? 0
    }

    /// Refuses a database this Counter does not know to the version: a newer one (a downgrade), or one not yet
    /// upgraded to this Counter's (`upgrade-database` first).
    static func requireCurrent(_ connection: PostgresConnection, logger: Logger) async throws {
        let found = try await version(connection, logger: logger)
        if found > newest { throw RegisterStoreError.newerFormat(found: "schema version \(found)") }
        if found < newest { throw RegisterStoreError.schemaBehind(found: found, needed: newest) }
    }

    /// Brings the database to the newest version (or to `upTo`: tests of an upgrade), one version per transaction,
    /// under an advisory lock so two technicians' commands migrate once.
    static func migrate(_ client: PostgresClient, logger: Logger, upTo: Int? = nil) async throws {
        try await PostgresTransaction.run(client, logger: logger) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(20261206)", logger: logger)
            try await connection.query("""
                CREATE TABLE IF NOT EXISTS counter_schema (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())
                """, logger: logger)
            var applied = Set<Int>()
            for try await version in try await connection.query("SELECT version FROM counter_schema", logger: logger)
                .decode(Int.self) {
                applied.insert(version)
            }
            // A database a newer version of Counter brought further is never used by an older one (a downgrade).
            if let found = applied.max(), found > newest {
                throw RegisterStoreError.newerFormat(found: "schema version \(found)")
            }
            for (version, statements) in versions where !applied.contains(version) && version <= (upTo ?? newest) {
                for statement in statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query("INSERT INTO counter_schema (version) VALUES (\(version))", logger: logger)
            }
        }
    }
}
