-- One row per partnership line of a survey table; provenance (source, line, raw) travels with it.
CREATE TABLE partnerships (
    id              INTEGER PRIMARY KEY, -- ascends with (source, line): files by name, then lines
    source          VARCHAR NOT NULL,   -- corpus path, e.g. corpus/tables/miasta-i-gminy-2009.tsv
    line            INTEGER NOT NULL,   -- 1-based line number in that file
    raw             VARCHAR NOT NULL,   -- the line exactly as written (what citations quote)
    lp              INTEGER,            -- running number (powiat table)
    unit            VARCHAR NOT NULL,   -- Polish unit as written: 'Czernichów (pow. żywiecki)'
    unit_name       VARCHAR NOT NULL,   -- base name as written: 'Czernichów'
    unit_qualifier  VARCHAR,            -- disambiguator: 'pow. żywiecki'
    unit_lookup     VARCHAR NOT NULL,   -- base name to search by (encoding damage repaired: 'Kraków')
    unit_label      VARCHAR NOT NULL,   -- unit_lookup plus its disambiguator: the unit's identity
    unit_type       VARCHAR NOT NULL,   -- 'gmina' (city/gmina table) or 'powiat'
    country         VARCHAR NOT NULL,   -- partner country as written (Polish)
    country_en      VARCHAR,            -- its English name
    partner         VARCHAR NOT NULL,   -- partner as written
    partner_names   VARCHAR[] NOT NULL, -- name variants: 'Brest (Brześć)' -> [Brest, Brześć]
    agreement       VARCHAR NOT NULL,   -- formal-agreement cell as written
    agreement_year  INTEGER,            -- null for an empty cell or b.d.
    agreement_note  VARCHAR,            -- the agreement cell's text besides its year
    other_form      VARCHAR NOT NULL,   -- other-form cell as written
    other_year      INTEGER,            -- year found in it: 'od 1992', '2008 list intencyjny'
    other_text      VARCHAR,            -- its text without the year and HTML
    no_data         BOOLEAN NOT NULL,   -- a cell says b.d. (brak danych)
    letter_of_intent BOOLEAN NOT NULL,  -- the form mentions 'list intencyjny'
    damaged         BOOLEAN NOT NULL,   -- the line carries encoding damage (U+FFFD)
    -- Written at ingestion so that answers on a large table stay cheap (assistant/sql/load.py):
    ref             VARCHAR NOT NULL,   -- source || ':' || line, what an aggregate cites
    list_order      INTEGER NOT NULL,   -- rank in a list's order (unit_label, country, partner,
                                        -- source, line); the table is stored in this order
    -- The texts a list's data carries, coded (texts.code): a long list is fetched as integers.
    unit_code       INTEGER NOT NULL,   -- unit_label
    unit_type_code  INTEGER NOT NULL,
    country_code    INTEGER NOT NULL,
    partner_code    INTEGER NOT NULL,
    other_form_code INTEGER NOT NULL,
    source_code     INTEGER NOT NULL,
    country_en_code INTEGER             -- null where country_en is
);

-- The partnerships counted per unit, country, (unit type, country) and (unit, country): tables
-- cell_counts, unit_counts, country_counts, type_country_counts, written at ingestion
-- (load.py, _store_cells): their key columns, then n (rows), formal (rows with an agreement
-- year), latest (the latest year of a row, 0: none), the row of least id (first_id,
-- first_source, first_line, first_raw) and firsts, the first 20 rows in id order as (id, ref).

-- What the code columns of partnerships stand for (one code per distinct text of any of them).
CREATE TABLE texts (code INTEGER PRIMARY KEY, text VARCHAR);

-- Lines that are neither header, blank nor row: nothing is dropped in silence.
CREATE TABLE ingest_report (source VARCHAR, line INTEGER, raw VARCHAR, reason VARCHAR);

-- Per file accounting: total = headers + blanks + rows + reported.
CREATE TABLE ingest_files (
    source VARCHAR, kind VARCHAR, total_lines INTEGER, headers INTEGER, blanks INTEGER,
    rows INTEGER, reported INTEGER, passages INTEGER, boilerplate INTEGER, problem VARCHAR
);

-- Encoding-damaged names and what they were resolved to (null: no single real unit fits).
CREATE TABLE repairs (source VARCHAR, line INTEGER, field VARCHAR, written VARCHAR, resolved VARCHAR);

CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR);

-- Places (assistant/places.py): every unit label and partner matched to GeoNames at ingestion.
-- Derived facts, not survey data. kind: exact, alternate, disambiguated, seat town, fuzzy
-- (score), ambiguous (candidates listed; voivodeship kept when all candidates share it), unplaced.
CREATE TABLE places (
    side VARCHAR, key VARCHAR, country VARCHAR, unit_type VARCHAR, kind VARCHAR, score DOUBLE,
    geonameid INTEGER, name VARCHAR, lat DOUBLE, lon DOUBLE, population INTEGER,
    voivodeship_code VARCHAR, voivodeship VARCHAR, candidates VARCHAR[], country_code VARCHAR,
    folded VARCHAR  -- key folded (assistant.places.name_key): 'Lwów' and 'Lwow' meet
);
-- GeoNames places a question may name (all Polish ones, foreign ones of 5,000+ and the matched),
-- and their names folded (primary and Latin-script alternate names: Lwów, Lviv, Lemberg).
CREATE TABLE geo_places (
    geonameid INTEGER, name VARCHAR, country_code VARCHAR, lat DOUBLE, lon DOUBLE,
    population INTEGER, admin1 VARCHAR
);
CREATE TABLE geo_names (key VARCHAR, geonameid INTEGER, is_primary BOOLEAN);
-- Other names GeoNames gives a surely placed unit or partner (Tschenstochau, Перемишль, Lviv):
-- the gazetteer names them too (unless the name is already another's).
CREATE TABLE place_alternates (side VARCHAR, key VARCHAR, alternate VARCHAR);
