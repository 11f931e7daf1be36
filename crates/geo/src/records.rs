//! The gazetteer's text formats: places (the embedded file and user files share one format),
//! countries, admin1 units and the lexicons of cues, stopwords and non-places.
//!
//! Places, one a line, tab-separated, `#` lines are comments, the first other line the header:
//!
//! ```text
//! id  name  lat  lon  country  admin1  feature  population  names  [admin1_name  admin2]
//! ```
//!
//! `id` is the GeoNames id or empty; `admin1` the GeoNames admin1 code without the country
//! (`07`), resolved to an English name through data/geo/admin1.tsv unless `admin1_name` is
//! given; `names` the matching names separated by `|`, the preferred Arabic name first.

/// One place row.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceRecord {
    pub geonameid: Option<i64>,
    pub name: String,
    pub lat: f64,
    pub lon: f64,
    pub country: String,
    pub admin1_code: String,
    pub feature: String,
    pub population: u64,
    pub names: Vec<String>,
    pub admin1_name: Option<String>,
    pub admin2: Option<String>,
}

/// The header line of a places file.
pub const PLACES_HEADER: &str =
    "id\tname\tlat\tlon\tcountry\tadmin1\tfeature\tpopulation\tnames\tadmin1_name\tadmin2";

impl PlaceRecord {
    /// The row as a line of a places file (no newline).
    pub fn to_line(&self) -> String {
        let clean = |s: &str| s.replace(['\t', '\n', '\r', '|'], " ").trim().to_string();
        let names: Vec<String> = self
            .names
            .iter()
            .map(|n| clean(n))
            .filter(|n| !n.is_empty())
            .collect();
        format!(
            "{}\t{}\t{:.5}\t{:.5}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            self.geonameid.map(|g| g.to_string()).unwrap_or_default(),
            clean(&self.name),
            self.lat,
            self.lon,
            self.country,
            clean(&self.admin1_code),
            self.feature,
            self.population,
            names.join("|"),
            self.admin1_name.as_deref().map(clean).unwrap_or_default(),
            self.admin2.as_deref().map(clean).unwrap_or_default(),
        )
    }
}

/// Parses a places file. Bad lines are skipped and described in the returned warnings
/// (`line N: why`).
pub fn parse_places(text: &str) -> (Vec<PlaceRecord>, Vec<String>) {
    let mut out = Vec::new();
    let mut warnings = Vec::new();
    let mut seen_header = false;
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if !seen_header {
            seen_header = true;
            if line.starts_with("id\t") {
                continue;
            }
        }
        match parse_place_line(line) {
            Ok(r) => out.push(r),
            Err(why) => warnings.push(format!("line {}: {why}", i + 1)),
        }
    }
    (out, warnings)
}

/// A place row borrowed from the text it was parsed from (or from a [`PlaceRecord`]): what the
/// gazetteer is built from without copying every name.
#[derive(Debug, Clone)]
pub(crate) struct RecordRef<'a> {
    pub geonameid: Option<i64>,
    pub name: &'a str,
    pub lat: f64,
    pub lon: f64,
    pub country: &'a str,
    pub admin1_code: &'a str,
    pub feature: &'a str,
    pub population: u64,
    pub names: Vec<&'a str>,
    pub admin1_name: Option<&'a str>,
    pub admin2: Option<&'a str>,
}

impl<'a> From<&'a PlaceRecord> for RecordRef<'a> {
    fn from(r: &'a PlaceRecord) -> Self {
        RecordRef {
            geonameid: r.geonameid,
            name: &r.name,
            lat: r.lat,
            lon: r.lon,
            country: &r.country,
            admin1_code: &r.admin1_code,
            feature: &r.feature,
            population: r.population,
            names: r.names.iter().map(String::as_str).collect(),
            admin1_name: r.admin1_name.as_deref(),
            admin2: r.admin2.as_deref(),
        }
    }
}

impl RecordRef<'_> {
    fn to_owned(&self) -> PlaceRecord {
        PlaceRecord {
            geonameid: self.geonameid,
            name: self.name.to_string(),
            lat: self.lat,
            lon: self.lon,
            country: self.country.to_string(),
            admin1_code: self.admin1_code.to_string(),
            feature: self.feature.to_string(),
            population: self.population,
            names: self.names.iter().map(|s| s.to_string()).collect(),
            admin1_name: self.admin1_name.map(str::to_string),
            admin2: self.admin2.map(str::to_string),
        }
    }
}

/// Borrowed rows of a places file that parse (bad lines are skipped silently: the embedded
/// file is checked by a test, user files go through [`parse_places`]).
pub(crate) fn parse_places_ref(text: &str) -> impl Iterator<Item = RecordRef<'_>> {
    text.lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#') && !l.starts_with("id\t"))
        .filter_map(|l| parse_place_ref(l.trim_end_matches('\r')).ok())
}

fn parse_place_line(line: &str) -> Result<PlaceRecord, String> {
    parse_place_ref(line).map(|r| r.to_owned())
}

fn parse_place_ref(line: &str) -> Result<RecordRef<'_>, String> {
    let mut f: [&str; 11] = [""; 11];
    let mut n = 0;
    for (i, x) in line.split('\t').enumerate() {
        if i < 11 {
            f[i] = x;
        }
        n = i + 1;
    }
    if n != 9 && n != 11 {
        return Err(format!("{n} columns, want 9 or 11"));
    }
    let geonameid = match f[0].trim() {
        "" => None,
        s => Some(s.parse::<i64>().map_err(|_| format!("bad id {s:?}"))?),
    };
    let lat: f64 = f[2].parse().map_err(|_| format!("bad lat {:?}", f[2]))?;
    let lon: f64 = f[3].parse().map_err(|_| format!("bad lon {:?}", f[3]))?;
    if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
        return Err(format!("coordinates out of range: {lat}, {lon}"));
    }
    let country = f[4].trim();
    if country.len() != 2 || !country.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(format!("bad country {country:?}"));
    }
    if f[1].trim().is_empty() {
        return Err("empty name".into());
    }
    let population = match f[7].trim() {
        "" => 0,
        s => s.parse().map_err(|_| format!("bad population {s:?}"))?,
    };
    let opt = |i: usize| f.get(i).map(|s| s.trim()).filter(|s| !s.is_empty());
    Ok(RecordRef {
        geonameid,
        name: f[1].trim(),
        lat,
        lon,
        country,
        admin1_code: f[5].trim(),
        feature: match f[6].trim() {
            "" => "PPL",
            x => x,
        },
        population,
        names: f[8]
            .split('|')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect(),
        admin1_name: opt(9),
        admin2: opt(10),
    })
}

/// Rows of a hand-written TSV table (comments and header skipped), as column vectors.
pub(crate) fn table(text: &str) -> Vec<Vec<&str>> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .skip(1)
        .map(|l| l.split('\t').collect())
        .collect()
}

/// A country: its code, English name, Arabic names and nationality adjectives.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Country {
    /// ISO 3166-1 alpha-2.
    pub iso2: String,
    /// English name as ACLED writes it.
    pub name: String,
    /// Arabic names, preferred first.
    pub names_ar: Vec<String>,
    /// Adjective stems (masculine singular, as written: «سوري», «أميركي»).
    pub adjectives: Vec<String>,
    /// A point for country-level mentions.
    pub lat: f64,
    pub lon: f64,
}

pub(crate) fn parse_countries(text: &str) -> Vec<Country> {
    table(text)
        .into_iter()
        .filter(|c| c.len() >= 5)
        .map(|c| Country {
            iso2: c[0].to_string(),
            name: c[1].to_string(),
            lat: c[2].parse().unwrap_or(0.0),
            lon: c[3].parse().unwrap_or(0.0),
            names_ar: split_bar(c[4]),
            adjectives: c.get(5).map(|s| split_bar(s)).unwrap_or_default(),
        })
        .collect()
}

/// A first-level admin unit of data/geo/admin1.tsv.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Admin1 {
    pub country: String,
    /// GeoNames admin1 code with the country (`SY.07`).
    pub code: String,
    /// English name in ACLED's style.
    pub name: String,
    /// GeoNames' ASCII name, for cross-checks.
    pub geonames: String,
    pub seat_ar: String,
    pub names_ar: Vec<String>,
}

pub(crate) fn parse_admin1(text: &str) -> Vec<Admin1> {
    table(text)
        .into_iter()
        .filter(|c| c.len() >= 6)
        .map(|c| Admin1 {
            country: c[0].to_string(),
            code: c[1].to_string(),
            name: c[2].to_string(),
            geonames: c[3].to_string(),
            seat_ar: c[4].to_string(),
            names_ar: split_bar(c[5]),
        })
        .collect()
}

fn split_bar(s: &str) -> Vec<String> {
    s.split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_bad_lines() {
        let r = PlaceRecord {
            geonameid: Some(1),
            name: "Abu Kamal".into(),
            lat: 34.45226,
            lon: 40.91854,
            country: "SY".into(),
            admin1_code: "07".into(),
            feature: "PPL".into(),
            population: 57572,
            names: vec!["البو كمال".into(), "Abu Kamal".into()],
            admin1_name: None,
            admin2: Some("Abu Kamal".into()),
        };
        let text = format!(
            "{PLACES_HEADER}\n{}\nbad line\n1\tx\t99\t0\tSY\t\tPPL\t0\tx\n",
            r.to_line()
        );
        let (rows, warnings) = parse_places(&text);
        assert_eq!(rows, vec![r]);
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(warnings[0].starts_with("line 3:"), "{warnings:?}");
        assert!(warnings[1].contains("out of range"), "{warnings:?}");
    }
}
