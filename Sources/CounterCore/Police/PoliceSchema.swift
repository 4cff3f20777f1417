import GRDB

/// Schema v7: the three written police workflows of art. 437 lid 1 Sr (hold order f, notice e, request g).
/// Every table is append-only: an order is lifted, a notice withdrawn, a request answered by a row of its own.
enum PoliceSchema {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE hold_order (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                item_id TEXT NOT NULL REFERENCES entry_item(item_id),
                ordered_on TEXT NOT NULL,
                until TEXT NOT NULL,
                officer TEXT NOT NULL,
                reference TEXT NOT NULL,
                note TEXT NOT NULL,
                entered_by TEXT NOT NULL,
                entered_at TEXT NOT NULL
            );
            CREATE INDEX hold_order_item ON hold_order(item_id);
            CREATE TABLE hold_order_lift (
                order_id INTEGER PRIMARY KEY NOT NULL REFERENCES hold_order(id),
                lifted_on TEXT NOT NULL, by TEXT NOT NULL, note TEXT NOT NULL, at TEXT NOT NULL
            );
            -- The owner was told the order ended (once).
            CREATE TABLE hold_order_told (order_id INTEGER PRIMARY KEY NOT NULL REFERENCES hold_order(id), at TEXT NOT NULL);

            CREATE TABLE police_notice (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                reference TEXT NOT NULL,
                officer TEXT NOT NULL,
                received_on TEXT NOT NULL,
                identifier TEXT,
                identifier_key TEXT,
                brand TEXT,
                description TEXT NOT NULL,
                entered_by TEXT NOT NULL,
                entered_at TEXT NOT NULL
            );
            CREATE INDEX police_notice_key ON police_notice(identifier_key);
            CREATE TABLE police_notice_close (
                notice_id INTEGER PRIMARY KEY NOT NULL REFERENCES police_notice(id),
                closed_on TEXT NOT NULL, by TEXT NOT NULL, note TEXT NOT NULL, at TEXT NOT NULL
            );

            CREATE TABLE information_request (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                reference TEXT NOT NULL,
                officer TEXT NOT NULL,
                received_on TEXT NOT NULL,
                deadline TEXT NOT NULL,
                selection BLOB NOT NULL,
                entered_by TEXT NOT NULL,
                entered_at TEXT NOT NULL
            );
            CREATE TABLE information_request_answer (
                request_id INTEGER PRIMARY KEY NOT NULL REFERENCES information_request(id),
                answered_on TEXT NOT NULL, by TEXT NOT NULL, note TEXT NOT NULL, at TEXT NOT NULL
            );
            """)
        for table in ["hold_order", "hold_order_lift", "hold_order_told", "police_notice", "police_notice_close",
                      "information_request", "information_request_answer"] {
            try db.execute(sql: """
                CREATE TRIGGER \(table)_no_update BEFORE UPDATE ON \(table)
                BEGIN SELECT RAISE(ABORT, 'police records are append-only: \(table) cannot be updated'); END;
                CREATE TRIGGER \(table)_no_delete BEFORE DELETE ON \(table)
                BEGIN SELECT RAISE(ABORT, 'police records are append-only: \(table) cannot be deleted'); END;
                """)
        }
    }
}
