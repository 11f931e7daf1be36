//! The store as its users rely on it: idempotent ingest, merging across sources, search over
//! spelling variants, filters and exports, and clear errors for unusable databases.

use marsad::{
    Actor, DocumentResult, Entity, EntityKind, Event, Evidence, LocatedPlace, Place, Plover, Span,
    Trigger,
};
use marsad_store::{EventFilter, SearchQuery, Store};

fn place(name: &str, lat: f64, lon: f64, admin2: &str) -> Place {
    Place {
        name: name.into(),
        name_ar: None,
        lat,
        lon,
        country: "SY".into(),
        admin1: Some("Deir ez-Zor".into()),
        admin2: Some(admin2.into()),
        feature: "PPL".into(),
        geonameid: None,
    }
}

fn us() -> Actor {
    Actor {
        id: "us-forces".into(),
        name: "Military Forces of the United States".into(),
        name_ar: Some("القوات الأميركية".into()),
        inter: 8,
        country: Some("US".into()),
    }
}

fn strike(date: &str, at: Place, fatalities: Option<u32>, sentence: &str) -> Event {
    Event {
        event_type: "Explosions/Remote violence".into(),
        sub_event_type: "Air/drone strike".into(),
        disorder_type: "Political violence".into(),
        plover: Plover {
            event: "ASSAULT".into(),
            mode: Some("aerial".into()),
        },
        actor1: Some(us()),
        assoc_actor_1: vec![],
        actor2: None,
        assoc_actor_2: vec![],
        date: date.into(),
        time_precision: 1,
        location: Some(LocatedPlace {
            place: at,
            precision: 1,
        }),
        fatalities,
        background: false,
        evidence: Evidence {
            sentence: sentence.into(),
            span: Span::new(0, sentence.chars().count()),
            trigger: Trigger {
                text: "قصفت".into(),
                span: Span::new(0, 4),
            },
        },
        confidence: 0.8,
    }
}

fn doc(id: &str, url: &str, source: &str, text: &str, events: Vec<Event>) -> DocumentResult {
    let mut d = DocumentResult {
        id: id.into(),
        events,
        ..Default::default()
    };
    d.article.text = text.into();
    d.article.url = Some(url.into());
    d.article.source = Some(source.into());
    d.article.title = Some(format!("خبر {id}"));
    d.article.published = Some("2021-06-29T16:03:00+03:00".into());
    if let Some(start) = text.find("البوكمال") {
        let mut e = Entity::new(
            EntityKind::Place,
            text,
            Span::new(start, start + "البوكمال".len()),
        );
        e.place = Some(place("Abu Kamal", 34.45226, 40.91854, "Abu Kamal"));
        d.entities.push(e);
    }
    d
}

const A: &str = "قصفت طائرات أميركية مواقع الميليشيات في البوكمال وقتل خمسة عناصر";
const B: &str = "غارات أميركية على مقار للميليشيات قرب البو كمال أسفرت عن مقتل ثلاثة مسلحين ليلاً";
const C: &str = "خرج مئات المتظاهرين في مدينة درعا للمطالبة بالإفراج عن المعتقلين";

fn three_docs() -> Vec<DocumentResult> {
    let abu_kamal = place("Abu Kamal", 34.45226, 40.91854, "Abu Kamal");
    let nearby = place("Al-Hamdan", 34.47, 40.95, "Abu Kamal");
    vec![
        doc(
            "a",
            "https://one.example/a",
            "Outlet One",
            A,
            vec![strike("2021-06-28", abu_kamal, Some(5), A)],
        ),
        doc(
            "b",
            "https://two.example/b",
            "Outlet Two",
            B,
            vec![strike("2021-06-29", nearby, Some(3), B)],
        ),
        doc("c", "https://one.example/c", "Outlet One", C, vec![]),
    ]
}

#[test]
fn ingest_is_idempotent_and_merges_sources() {
    let mut store = Store::open_in_memory().unwrap();
    let first = store.ingest(&three_docs()).unwrap();
    assert_eq!(
        (
            first.added,
            first.duplicates,
            first.events_new,
            first.events_merged
        ),
        (3, 0, 1, 1)
    );
    let again = store.ingest(&three_docs()).unwrap();
    assert_eq!(
        (again.added, again.duplicates, again.events_new),
        (0, 3, 0),
        "a second ingest changes nothing"
    );

    let events = store.events(&EventFilter::default()).unwrap();
    assert_eq!(events.len(), 1, "two reports of one strike are one event");
    let e = &events[0];
    assert_eq!(e.n_sources, 2);
    assert_eq!(e.sources.len(), 2);
    assert_eq!(e.fatalities, Some(3), "the conservative (lowest) figure");
    assert_eq!(e.event_id_cnty, format!("SYR{}", e.id));
    assert_eq!(e.interaction, Some(80));
}

#[test]
fn same_text_under_another_url_is_a_duplicate() {
    let mut store = Store::open_in_memory().unwrap();
    store.ingest(&three_docs()[..1]).unwrap();
    let mut copy = three_docs().remove(0);
    copy.article.url = Some("https://mirror.example/a".into());
    copy.id = "mirror".into();
    assert_eq!(store.ingest(&[copy]).unwrap().duplicates, 1);
}

#[test]
fn search_meets_spelling_variants() {
    let mut store = Store::open_in_memory().unwrap();
    store.ingest(&three_docs()).unwrap();
    let hits = store.search(&SearchQuery::new("البوكمال")).unwrap();
    let ids: Vec<&str> = hits.iter().map(|h| h.doc_id.as_str()).collect();
    assert_eq!(ids.len(), 2, "{ids:?}");
    assert!(ids.contains(&"a") && ids.contains(&"b"));
    for h in &hits {
        assert!(!h.highlights.is_empty());
        let chars: Vec<char> = h.snippet.chars().collect();
        for s in &h.snippet_highlights {
            let hit: String = chars[s.start..s.end].iter().collect();
            assert!(hit.contains("كمال"), "highlight {hit:?} sits on the word");
        }
    }
    assert_eq!(
        store
            .search(&SearchQuery::new("المتظاهرين درعا"))
            .unwrap()
            .len(),
        1
    );
    assert!(store.search(&SearchQuery::new("صنعاء")).unwrap().is_empty());
    let mut q = SearchQuery::new("البوكمال");
    q.event_type = Some("air/drone strike".into());
    assert_eq!(store.search(&q).unwrap().len(), 2);
    q.country = Some("IQ".into());
    assert!(store.search(&q).unwrap().is_empty());
    assert!(
        store.search(&SearchQuery::new(" ؟ ")).is_err(),
        "a query without words is an error"
    );
}

#[test]
fn event_filters() {
    let mut store = Store::open_in_memory().unwrap();
    store.ingest(&three_docs()).unwrap();
    let count = |f: EventFilter| store.events(&f).unwrap().len();
    assert_eq!(
        count(EventFilter {
            country: Some("SY".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        count(EventFilter {
            country: Some("Syria".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        count(EventFilter {
            country: Some("IQ".into()),
            ..Default::default()
        }),
        0
    );
    assert_eq!(
        count(EventFilter {
            since: Some("2021-06-29".into()),
            ..Default::default()
        }),
        0
    );
    assert_eq!(
        count(EventFilter {
            until: Some("2021-06-28".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        count(EventFilter {
            event_type: Some("ASSAULT".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        count(EventFilter {
            actor: Some("united states".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        count(EventFilter {
            admin1: Some("deir ez-zor".into()),
            ..Default::default()
        }),
        1
    );
    assert!(store
        .events(&EventFilter {
            since: Some("June".into()),
            ..Default::default()
        })
        .is_err());
    // confidence: the strikes are coded at 0.8
    for (c, n) in [(0.0, 1), (0.8, 1), (0.81, 0)] {
        let f = EventFilter {
            min_confidence: Some(c),
            ..Default::default()
        };
        assert_eq!(count(f.clone()), n, "min_confidence {c}");
        assert_eq!(
            store.count_events(&f).unwrap(),
            n as i64,
            "min_confidence {c}"
        );
    }
    assert!(store
        .events(&EventFilter {
            min_confidence: Some(1.5),
            ..Default::default()
        })
        .is_err());
    // a filter value is data, never SQL
    assert_eq!(
        count(EventFilter {
            actor: Some("') OR 1=1 --".into()),
            ..Default::default()
        }),
        0
    );
}

#[test]
fn exports_have_acled_columns_first() {
    let mut store = Store::open_in_memory().unwrap();
    store.ingest(&three_docs()).unwrap();
    let events = store.events(&EventFilter::default()).unwrap();
    let mut csv = Vec::new();
    marsad_store::write_csv(&mut csv, &events).unwrap();
    let csv = String::from_utf8(csv).unwrap();
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    assert_eq!(&header[..31], &marsad_store::ACLED_COLUMNS[..]);
    assert!(header[31..].contains(&"source_urls") && header.contains(&"evidence"));
    assert_eq!(csv.lines().count(), 2);
    let mut gj = Vec::new();
    marsad_store::write_geojson(&mut gj, &events).unwrap();
    let gj: serde_json::Value = serde_json::from_slice(&gj).unwrap();
    assert_eq!(gj["type"], "FeatureCollection");
    assert_eq!(gj["features"][0]["geometry"]["type"], "Point");
    assert_eq!(gj["features"][0]["properties"]["n_sources"], 2);
}

#[test]
fn failed_documents_are_recorded_and_cleared_on_success() {
    let mut store = Store::open_in_memory().unwrap();
    let bad = DocumentResult::failed("x.html", "x.html is not valid UTF-8");
    assert_eq!(store.ingest(&[bad]).unwrap().failed, 1);
    assert_eq!(
        store.errors().unwrap(),
        vec![(
            "x.html".to_string(),
            "x.html is not valid UTF-8".to_string()
        )]
    );
    let mut good = doc("x.html", "https://x.example", "X", C, vec![]);
    good.id = "x.html".into();
    store.ingest(&[good]).unwrap();
    assert!(store.errors().unwrap().is_empty());
}

fn temp_path(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("marsad-store-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir.join("marsad.db")
}

#[test]
fn corrupt_and_newer_databases_are_clear_errors() {
    let p = temp_path("corrupt");
    std::fs::write(
        &p,
        b"this is not a database, just some text that is long enough to have a header....",
    )
    .unwrap();
    let err = Store::open(&p)
        .err()
        .expect("a corrupt file is refused")
        .to_string();
    assert!(err.contains("not a Marsad database"), "{err}");

    let p = temp_path("newer");
    {
        let conn = rusqlite::Connection::open(&p).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
    }
    let err = Store::open(&p)
        .err()
        .expect("a newer schema is refused")
        .to_string();
    assert!(err.contains("newer"), "{err}");
}

#[test]
fn readers_work_beside_a_writer() {
    let p = temp_path("concurrent");
    let mut writer = Store::open(&p).unwrap();
    writer.ingest(&three_docs()[..1]).unwrap();
    let reader = Store::open_read_only(&p).unwrap();
    let handle = std::thread::spawn(move || {
        for i in 0..20 {
            let d = doc(
                &format!("n{i}"),
                &format!("https://n.example/{i}"),
                "N",
                &format!("{C} رقم {i} في البوكمال"),
                vec![],
            );
            writer.ingest(&[d]).unwrap();
        }
    });
    for _ in 0..20 {
        assert!(!reader
            .search(&SearchQuery::new("البوكمال"))
            .unwrap()
            .is_empty());
    }
    handle.join().unwrap();
    assert_eq!(reader.stats().unwrap().documents, 21);
}

#[test]
fn a_database_held_by_another_writer_is_a_clear_error_and_nothing_is_half_written() {
    let p = temp_path("locked");
    let mut store = Store::open(&p).unwrap();
    store.ingest(&three_docs()[..1]).unwrap();
    store
        .set_busy_timeout(std::time::Duration::from_millis(200))
        .unwrap();
    let other = rusqlite::Connection::open(&p).unwrap();
    other.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let err = store
        .ingest(&three_docs()[1..])
        .expect_err("the other writer holds the database")
        .to_string();
    assert!(err.contains("is locked by another process"), "{err}");
    assert!(err.contains("marsad.db"), "names the database: {err}");
    other.execute_batch("COMMIT").unwrap();
    // the failed batch left nothing behind, and the same batch goes in once the lock is gone
    assert_eq!(store.stats().unwrap().documents, 1);
    let report = store.ingest(&three_docs()[1..]).unwrap();
    assert_eq!(report.added, 2);
    assert_eq!(store.stats().unwrap().documents, 3);
}

#[test]
fn summaries_are_the_records_read_in_one_query() {
    let mut store = Store::open_in_memory().unwrap();
    let before = store.generation().unwrap();
    store.ingest(&three_docs()).unwrap();
    let after = store.generation().unwrap();
    assert_ne!(before, after, "an ingest moves the generation");
    assert_eq!(after, store.generation().unwrap(), "reading does not");

    let records = store.events(&EventFilter::default()).unwrap();
    let summaries = store.event_summaries(&EventFilter::default()).unwrap();
    assert_eq!(summaries.len(), records.len());
    for (s, r) in summaries.iter().zip(&records) {
        let place = &r.location.as_ref().unwrap().place;
        assert_eq!(
            (s.id, &s.date, &s.event_type),
            (r.id, &r.event_date, &r.event_type)
        );
        assert_eq!((s.lat, s.lon), (Some(place.lat), Some(place.lon)));
        assert_eq!(s.country.as_deref(), Some(place.country.as_str()));
        assert_eq!(
            s.actor1.as_deref(),
            r.actor1.as_ref().map(|a| a.name.as_str())
        );
        assert_eq!(s.n_sources, r.n_sources);
        let docs: Vec<i64> = r.sources.iter().map(|x| x.document).collect();
        assert_eq!(s.documents, docs, "the documents that report it");
    }
    // the type filter finds a value in whichever type column holds it, in any case
    for (t, n) in [
        ("Air/drone strike", 1),
        ("explosions/remote violence", 1),
        ("ASSAULT", 1),
        ("Protests", 0),
    ] {
        let f = EventFilter {
            event_type: Some(t.into()),
            ..Default::default()
        };
        assert_eq!(store.event_summaries(&f).unwrap().len(), n, "{t}");
        assert_eq!(store.count_events(&f).unwrap(), n as i64, "{t}");
        let with_background = EventFilter {
            include_background: true,
            ..f
        };
        assert_eq!(
            store.count_events(&with_background).unwrap(),
            n as i64,
            "{t}"
        );
    }
}

#[test]
fn a_version_3_store_is_migrated_with_its_search_filters_filled() {
    let p = temp_path("v3");
    let filtered = |store: &Store, country: Option<&str>, event_type: Option<&str>| {
        let q = SearchQuery {
            country: country.map(str::to_string),
            event_type: event_type.map(str::to_string),
            since: Some("2021-06-29".into()),
            ..SearchQuery::new("البوكمال")
        };
        let mut ids: Vec<String> = store
            .search(&q)
            .unwrap()
            .into_iter()
            .map(|h| h.doc_id)
            .collect();
        ids.sort();
        ids
    };
    {
        let mut store = Store::open(&p).unwrap();
        store.ingest(&three_docs()).unwrap();
        // (b writes «البو كمال», where no place was recognised: no country)
        assert_eq!(
            filtered(&store, Some("SY"), Some("Air/drone strike")),
            ["a"]
        );
    }
    // the store as version 3 left it: no filter tables, the indexes and index settings of old
    {
        let conn = rusqlite::Connection::open(&p).unwrap();
        conn.execute_batch(
            "DROP TABLE document_countries; DROP TABLE document_types;
             DROP INDEX documents_id_day; CREATE INDEX documents_day ON documents(published_day);
             CREATE INDEX entities_actor ON entities(actor) WHERE actor IS NOT NULL;
             CREATE INDEX entities_place ON entities(place) WHERE place IS NOT NULL;
             DROP INDEX simhash_bands_lookup;
             CREATE INDEX simhash_bands_lookup ON simhash_bands(band, value);
             DELETE FROM search_config WHERE k IN ('automerge', 'hashsize');
             PRAGMA user_version = 3;",
        )
        .unwrap();
    }
    let err = Store::open_read_only(&p)
        .err()
        .expect("a reader does not migrate")
        .to_string();
    assert!(err.contains("schema version 3"), "{err}");
    let mut store = Store::open(&p).unwrap();
    assert_eq!(
        filtered(&store, Some("SY"), Some("Air/drone strike")),
        ["a"]
    );
    assert_eq!(filtered(&store, Some("sy"), None), ["a"]);
    assert_eq!(filtered(&store, None, Some("assault")), ["a", "b"]);
    assert_eq!(
        filtered(&store, None, Some("Battles")),
        Vec::<String>::new()
    );
    assert_eq!(filtered(&store, Some("IQ"), None), Vec::<String>::new());
    // and documents ingested after the migration are found by the same filters
    let mut d = three_docs().remove(0);
    d.id = "a2".into();
    d.article.url = Some("https://three.example/a2".into());
    d.article.text.push_str(" أمس");
    let report = store.ingest(&[d]).unwrap();
    assert_eq!(
        (report.added, report.near_duplicates),
        (1, 1),
        "a copy of a with a word more is grouped with it, through the migrated band index"
    );
    assert_eq!(
        filtered(&store, Some("SY"), Some("Explosions/Remote violence")),
        ["a", "a2"]
    );
    drop(store);
    let reader = Store::open_read_only(&p).unwrap();
    assert_eq!(filtered(&reader, Some("SY"), None), ["a", "a2"]);
    assert_eq!(filtered(&reader, None, Some("ASSAULT")), ["a", "a2", "b"]);
}

#[test]
fn a_stored_document_reads_back_as_ingested() {
    let mut store = Store::open_in_memory().unwrap();
    let docs = three_docs();
    store.ingest(&docs).unwrap();
    for (number, d) in (1..).zip(&docs) {
        let rec = store.document(number).unwrap().expect("stored");
        assert_eq!(&rec.result, d);
    }
    assert!(store.document(99).unwrap().is_none());
}
