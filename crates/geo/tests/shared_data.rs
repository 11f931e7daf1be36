//! Checks against the data in ../shared (skipped with a printed reason when it is absent):
//! admin1 codes, the seed document, and the admin units of Syria, Iraq and Yemen looked up by
//! their Arabic names.

use std::collections::BTreeMap;
use std::path::PathBuf;

use marsad_geo::{distance_km, Gazetteer};

fn shared(rel: &str) -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared")
        .join(rel);
    if p.exists() {
        Some(p)
    } else {
        eprintln!("skipped: {} is absent", p.display());
        None
    }
}

#[test]
fn admin1_codes_and_names_match_geonames() {
    let Some(p) = shared("geo/geonames-admin/admin1CodesASCII.txt") else {
        return;
    };
    let text = std::fs::read_to_string(p).unwrap();
    let reference: BTreeMap<&str, &str> = text
        .lines()
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            Some((*f.first()?, *f.get(2)?))
        })
        .collect();
    let units = Gazetteer::embedded().admin1_units();
    assert!(units.len() > 300);
    for u in units {
        assert_eq!(
            reference.get(u.code.as_str()).copied(),
            Some(u.geonames.as_str()),
            "help: data/geo/admin1.tsv row {} ({}) does not match GeoNames' admin1 table",
            u.code,
            u.name
        );
        assert!(u.code.starts_with(&format!("{}.", u.country)));
        assert!(!u.names_ar.is_empty(), "{} has no Arabic name", u.code);
    }
    // every code of the core countries and of the region's other countries is covered
    // (GeoNames has no admin1 for Western Sahara, EH)
    for cc in [
        "SY", "IQ", "LB", "JO", "YE", "LY", "PS", "IL", "TR", "IR", "EG", "SD", "SO", "MR", "DJ",
        "KM", "TD", "NE", "ML", "ET", "ER", "SS", "AF", "PK", "CY",
    ] {
        for code in reference
            .keys()
            .filter(|k| k.starts_with(&format!("{cc}.")))
        {
            assert!(
                units.iter().any(|u| u.code == *code),
                "help: data/geo/admin1.tsv lacks {code}"
            );
        }
    }
}

#[test]
fn seed_places() {
    let Some(p) = shared("seed/000_9913e4047ecd4a78.txt") else {
        return;
    };
    let text = std::fs::read_to_string(p).unwrap();
    let g = Gazetteer::embedded();
    let found = g.find_places(&text);
    for m in &found {
        assert_eq!(&text[m.span.start..m.span.end], m.text);
        eprintln!(
            "{} -> {} ({}, {}) p{} {:?} {:.2}",
            m.text,
            m.place.name,
            m.place.country,
            m.place.feature,
            m.precision,
            m.cue,
            m.confidence
        );
    }
    let kamal = found
        .iter()
        .find(|m| m.text.contains("البوكمال") || m.text.contains("البو كمال"))
        .expect("البوكمال found");
    let d = distance_km(kamal.place.lat, kamal.place.lon, 34.45226, 40.91854);
    assert!(d < 10.0, "البوكمال resolved {d:.1} km from Albu Kamal");
    let country_of = |name: &str| {
        found
            .iter()
            .find(|m| m.text == name)
            .map(|m| m.place.country.as_str())
    };
    assert_eq!(country_of("دير الزور"), Some("SY"));
    assert_eq!(country_of("سوريا"), Some("SY"));
    assert_eq!(country_of("العراق"), Some("IQ"));
    for (at, _) in text.match_indices("تلفزيون سوريا") {
        let phrase = marsad_core::Span::new(at, at + "تلفزيون سوريا".len());
        assert!(
            !found.iter().any(|m| m.span.overlaps(phrase)),
            "«تلفزيون سوريا» is a broadcaster, not a place"
        );
    }
}

/// One admin unit of the shared tables.
struct Unit {
    country: &'static str,
    level: &'static str,
    ar: String,
    lat: f64,
    lon: f64,
}

fn csv_units(rel: &str, country: &'static str, level: &'static str, n: u8) -> Vec<Unit> {
    let Some(p) = shared(rel) else {
        return Vec::new();
    };
    let text = std::fs::read_to_string(p).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = |h: &str| header.iter().position(|x| *x == h).unwrap();
    let (ar, lat, lon) = (
        col(&format!("ADM{n}_AR")),
        col("centroid_lat"),
        col("centroid_lon"),
    );
    lines
        .map(|l| l.split(',').collect::<Vec<_>>())
        .filter(|f| f.len() == header.len())
        .map(|f| Unit {
            country,
            level,
            ar: f[ar].to_string(),
            lat: f[lat].parse().unwrap(),
            lon: f[lon].parse().unwrap(),
        })
        .collect()
}

fn syria_units(file: &str, level: &'static str) -> Vec<Unit> {
    let Some(p) = shared(&format!("geo/open-syria/{file}")) else {
        return Vec::new();
    };
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|u| Unit {
            country: "SY",
            level,
            ar: u["name"]["ar"].as_str().unwrap_or("").to_string(),
            lat: u["centroid"]["latitude"].as_f64().unwrap(),
            lon: u["centroid"]["longitude"].as_f64().unwrap(),
        })
        .collect()
}

/// The admin units of Syria, Iraq and Yemen looked up by their Arabic names. A unit counts as
/// "named like a town" when its name geocodes to a populated place of its country; for those,
/// the best candidate should lie within 15 km of the unit's centroid. Prints the shares per
/// country and level and the misses.
#[test]
fn admin_units_land_near_their_centroids() {
    let mut units = Vec::new();
    units.extend(syria_units("governorates.json", "adm1"));
    units.extend(syria_units("districts.json", "adm2"));
    units.extend(syria_units("subdistricts.json", "adm3"));
    for n in 1..=3u8 {
        let level = ["adm1", "adm2", "adm3"][n as usize - 1];
        units.extend(csv_units(
            &format!("geo/iraq-cod-ab/irq_adm{n}_centroids.csv"),
            "IQ",
            level,
            n,
        ));
        units.extend(csv_units(
            &format!("geo/yemen-cod-ab/yem_adm{n}_centroids.csv"),
            "YE",
            level,
            n,
        ));
    }
    if units.is_empty() {
        return;
    }
    let g = Gazetteer::embedded();
    // (country, level) -> (units, found, town-named, within 15 km)
    let mut stats: BTreeMap<(&str, &str), [usize; 4]> = BTreeMap::new();
    let mut misses: Vec<String> = Vec::new();
    for u in &units {
        let s = stats.entry((u.country, u.level)).or_default();
        s[0] += 1;
        let got = g.geocode(&u.ar, Some(u.country), 10);
        if got.is_empty() {
            continue;
        }
        s[1] += 1;
        if !got.iter().any(|p| p.feature.starts_with("PPL")) {
            continue;
        }
        s[2] += 1;
        let best = &got[0];
        let d = distance_km(best.lat, best.lon, u.lat, u.lon);
        if d <= 15.0 {
            s[3] += 1;
        } else {
            misses.push(format!(
                "{} {} «{}»: {} ({}) at {d:.0} km",
                u.country, u.level, u.ar, best.name, best.feature
            ));
        }
    }
    eprintln!("country level  units  found  town-named  within-15km  share");
    let (mut town, mut near) = (0, 0);
    for ((c, l), s) in &stats {
        town += s[2];
        near += s[3];
        eprintln!(
            "{c}      {l}  {:>6} {:>6} {:>11} {:>12}  {:.0}%",
            s[0],
            s[1],
            s[2],
            s[3],
            100.0 * s[3] as f64 / s[2].max(1) as f64
        );
    }
    eprintln!("misses ({}):", misses.len());
    for m in &misses {
        eprintln!("  {m}");
    }
    let share = near as f64 / town.max(1) as f64;
    eprintln!(
        "overall: {near}/{town} = {:.0}% within 15 km",
        100.0 * share
    );
    assert!(
        share >= 0.5,
        "only {:.0}% of town-named units within 15 km",
        100.0 * share
    );
}
