-- A history database as schema version 1 wrote it, frozen: never edit this file.
-- tests/test_store_migrations.py upgrades it to the current schema and checks every row.
CREATE TABLE sessions (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    scenario_id    TEXT NOT NULL,
    scenario_title TEXT NOT NULL,
    scenario_path  TEXT,
    scenario_hash  TEXT,
    scenario_json  TEXT NOT NULL DEFAULT '{}',
    started_at     TEXT NOT NULL,
    ended_at       TEXT,
    outcome        TEXT CHECK (outcome IN ('resolved', 'partial', 'unresolved')),
    ending_json    TEXT,
    summary_json   TEXT
);
CREATE INDEX sessions_by_start ON sessions (started_at);
CREATE TABLE turns (
    session_id    INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    turn_number   INTEGER NOT NULL CHECK (turn_number >= 0),
    state_id      TEXT NOT NULL,
    speaker       TEXT NOT NULL,
    cue           TEXT,
    line          TEXT NOT NULL,
    reply         TEXT NOT NULL,
    choice_index  INTEGER,
    choice_reply  TEXT,
    typed         TEXT,
    feedback_json TEXT NOT NULL,
    meters_json   TEXT NOT NULL DEFAULT '{}',
    recorded_at   TEXT NOT NULL,
    PRIMARY KEY (session_id, turn_number)
) WITHOUT ROWID;

INSERT INTO sessions VALUES (
    1, 'store-test', 'Asking for the weekend', '/old/home/scenarios/weekend.yaml',
    'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
    '{"summary":"You would like one weekend morning to yourself.","goals":["Name your feeling","Make one specific request"],"problem_area":"role_dispute","characters":{"alex":"Alex"}}',
    '2026-03-01T09:00:00+00:00', '2026-03-01T09:05:00+00:00', 'resolved',
    '{"state_id":"agreed","outcome":"resolved","debrief":"Naming the feeling made it easy.","speaker":"Alex","says":"Deal.","cue":null}',
    NULL
);
INSERT INTO sessions VALUES (
    2, 'store-test', 'Asking for the weekend', '/old/home/scenarios/weekend.yaml',
    'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
    '{"summary":"You would like one weekend morning to yourself.","goals":[],"problem_area":"role_dispute","characters":{"alex":"Alex"}}',
    '2026-03-02T09:00:00+00:00', NULL, NULL, NULL, NULL
);
INSERT INTO turns VALUES (
    1, 0, 'opening', 'Alex', 'Alex is folding laundry.', 'You wanted to talk?',
    'I''m worn out lately, and I''d love a morning to myself.', 1,
    'I''m worn out lately, and I''d love a morning to myself.', NULL,
    '{"rating":"helpful","patterns":[{"id":"i_statement","evidence":"I''m worn out","span":[0,12]}],"note":"Naming the feeling first.","try_instead":null,"source":"author"}',
    '{"tension":3}', '2026-03-01T09:01:00+00:00'
);
INSERT INTO turns VALUES (
    1, 1, 'listening', 'Alex', NULL, 'Okay. What would help?',
    'Could I have Saturday mornings until ten?', 0, 'Could I have Saturday mornings until ten?', NULL,
    '{"rating":"helpful","patterns":[{"id":"direct_request","evidence":null,"span":null}],"note":"Specific.","try_instead":null,"source":"author"}',
    '{"tension":3}', '2026-03-01T09:02:00+00:00'
);
INSERT INTO turns VALUES (
    2, 0, 'opening', 'Alex', 'Alex is folding laundry.', 'You wanted to talk?',
    'you never help', 0, 'You never give me any time to myself.', 'you never help',
    '{"rating":"unhelpful","patterns":[{"id":"absolute","evidence":"never","span":[4,9]}],"note":"","try_instead":"I''m worn out.","source":"analyzer"}',
    '{"tension":7}', '2026-03-02T09:01:00+00:00'
);
PRAGMA user_version = 1;
