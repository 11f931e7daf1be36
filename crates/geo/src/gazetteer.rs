//! The gazetteer: places with their names, the indexes over their matching keys, countries and
//! admin1 units, and the lexicons that the text matcher reads.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock};

use marsad_arabic::{compact_key, lookup_keys};
use marsad_core::Place;

use crate::hash::{self, BitFilter, HashMapU64, HashSetU64};
use crate::records::PlaceRecord;
use crate::records::{
    parse_admin1, parse_countries, parse_places, parse_places_ref, table, Admin1, Country,
    RecordRef,
};
use crate::{Error, Result};

const PLACES_TSV: &str = include_str!("../../../data/geo/places.tsv");
const COUNTRIES_TSV: &str = include_str!("../../../data/geo/countries.tsv");
const ADMIN1_TSV: &str = include_str!("../../../data/geo/admin1.tsv");
const CUES_TSV: &str = include_str!("../../../data/geo/cues.tsv");
const STOPWORDS_TSV: &str = include_str!("../../../data/geo/stopwords.tsv");
const NOT_PLACES_TSV: &str = include_str!("../../../data/geo/not_places.tsv");

/// The region of tools/gen_gazetteer.py (keep the two lists equal).
const REGION: &[&str] = &[
    "DZ", "BH", "KM", "DJ", "EG", "IQ", "JO", "KW", "LB", "LY", "MR", "MA", "OM", "PS", "QA", "SA",
    "SO", "SD", "SY", "TN", "AE", "YE", "IR", "TR", "IL", "CY", "TD", "NE", "ML", "ET", "ER", "SS",
    "AF", "PK", "EH",
];

static EMBEDDED: LazyLock<Arc<Gazetteer>> =
    LazyLock::new(|| Arc::new(Gazetteer::build(parse_places_ref(PLACES_TSV), Vec::new())));

/// One place of the gazetteer, stored compactly; [`Gazetteer::place`] turns it into a
/// [`Place`].
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub name: Box<str>,
    pub name_ar: Option<Box<str>>,
    pub lat: f64,
    pub lon: f64,
    pub country: [u8; 2],
    /// Index into `Gazetteer::admin1_names` (the English admin1 name), when known.
    pub admin1: Option<u32>,
    pub admin2: Option<Box<str>>,
    pub feature: Box<str>,
    pub geonameid: Option<i64>,
    #[allow(dead_code)]
    pub population: u64,
    /// How likely a bare mention of the name means this place, before any context: feature
    /// rank first, then population (see [`prior`]).
    pub prior: f32,
}

impl Entry {
    pub fn country(&self) -> &str {
        std::str::from_utf8(&self.country).unwrap_or("")
    }

    /// `P` for populated places, `A` for admin units and countries.
    pub fn class(&self) -> u8 {
        if self.feature.starts_with("PPL") {
            b'P'
        } else {
            b'A'
        }
    }
}

/// A cue word of data/geo/cues.tsv.
#[derive(Debug, Clone)]
pub(crate) struct Cue {
    /// Matching keys of its words, in order.
    pub words: Vec<String>,
    pub after: bool,
    pub kind: String,
    pub precision: u8,
    /// `P`, `A` or 0 for no preference.
    pub prefer: u8,
    /// The cue says the next word is a place's name («مدينة», «قرية»), not only a direction.
    pub naming: bool,
}

/// Places with Arabic (and English) names, indexed for [`Gazetteer::geocode`] and
/// [`Gazetteer::find_places`].
///
/// The embedded default comes from GeoNames (see [`crate::ATTRIBUTION`]); a user gazetteer
/// written by `marsad gazetteer import` is layered on top of it with [`Gazetteer::load_user`].
#[derive(Debug)]
pub struct Gazetteer {
    pub(crate) entries: Vec<Entry>,
    /// Key hash -> range of `postings` (entry indexes, best prior first).
    pub(crate) index: HashMapU64<(u32, u32)>,
    pub(crate) postings: Vec<u32>,
    /// Hashes of every prefix (at a char boundary) of every Arabic-script key, and of the
    /// non-place phrases: the scanner extends a match only while it is a prefix.
    pub(crate) prefixes: BitFilter,
    /// Non-place phrases (data/geo/not_places.tsv).
    pub(crate) blocks: HashSetU64,
    /// Stopwords (data/geo/stopwords.tsv).
    pub(crate) stop: HashSetU64,
    pub(crate) cues: Vec<Cue>,
    countries: Vec<Country>,
    country_names: HashMapU64<u32>,
    pub(crate) adjectives: HashMapU64<u32>,
    admin1: Vec<Admin1>,
    admin1_names: Vec<Box<str>>,
    warnings: Vec<String>,
}

/// Where a user gazetteer is looked for when none is named: `$MARSAD_GAZETTEER`, else
/// `$XDG_DATA_HOME/marsad/gazetteer.tsv`, else `~/.local/share/marsad/gazetteer.tsv`.
pub fn default_user_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("MARSAD_GAZETTEER").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    let data = std::env::var_os("XDG_DATA_HOME")
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))?;
    Some(data.join("marsad").join("gazetteer.tsv"))
}

/// The prior of a place: feature rank (PCLI > PPLC > PPLA > ADM1 > PPLA2 > ADM2 > PPL) plus a
/// population term. Ranges over about 0.1..0.85.
pub(crate) fn prior(feature: &str, population: u64) -> f32 {
    let f = match feature {
        "PCLI" | "PCL" | "PCLD" | "PCLF" | "PCLS" | "PCLIX" => 0.5,
        "PPLC" => 0.45,
        "PPLA" => 0.4,
        "ADM1" => 0.38,
        "PPLA2" => 0.3,
        "ADM2" => 0.28,
        "PPLA3" | "PPLA4" => 0.22,
        "ADM3" | "ADM4" => 0.2,
        f if f.starts_with("PPL") => 0.15,
        _ => 0.1,
    };
    let p = 0.05 * ((population as f32) + 1.0).log10();
    // an admin unit's population is the sum of its towns': it must not outrank its seat
    let cap = if feature.starts_with("ADM") {
        0.2
    } else {
        0.35
    };
    f + p.min(cap)
}

impl Gazetteer {
    /// The embedded default gazetteer, built on first use and shared.
    ///
    /// ```
    /// let g = marsad_geo::Gazetteer::embedded();
    /// let best = &g.geocode("البوكمال", None, 1)[0];
    /// assert_eq!((best.country.as_str(), best.name.as_str()), ("SY", "Abu Kamal"));
    /// ```
    pub fn embedded() -> &'static Gazetteer {
        &EMBEDDED
    }

    /// The embedded gazetteer as a shared handle (what [`Gazetteer::open`] returns when there
    /// is no user gazetteer).
    pub fn embedded_arc() -> Arc<Gazetteer> {
        Arc::clone(&EMBEDDED)
    }

    /// The embedded gazetteer with the user gazetteer at `path` layered on top: a user place
    /// replaces the embedded place with the same GeoNames id, the others are added. Bad lines
    /// of the file are skipped and listed in [`Gazetteer::warnings`].
    pub fn load_user(path: impl AsRef<Path>) -> Result<Gazetteer> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        let (user, mut warnings) = parse_places(&text);
        for w in &mut warnings {
            *w = format!("{}: {w}", path.display());
        }
        Ok(Self::layered(user, warnings))
    }

    /// The embedded gazetteer with `user` records layered on top (see [`Gazetteer::load_user`]).
    pub fn layered(user: Vec<PlaceRecord>, warnings: Vec<String>) -> Gazetteer {
        let replaced: std::collections::HashSet<i64> =
            user.iter().filter_map(|r| r.geonameid).collect();
        let embedded = parse_places_ref(PLACES_TSV)
            .filter(|r| r.geonameid.is_none_or(|g| !replaced.contains(&g)));
        Self::build(embedded.chain(user.iter().map(RecordRef::from)), warnings)
    }

    /// The gazetteer a run should use: the embedded one with the user gazetteer at `path` on
    /// top, or, when `path` is `None`, with the one at [`default_user_path`] if that file
    /// exists. A named file that cannot be read is an error.
    pub fn open(path: Option<&Path>) -> Result<Arc<Gazetteer>> {
        match path {
            Some(p) => Ok(Arc::new(Self::load_user(p)?)),
            None => match default_user_path().filter(|p| p.is_file()) {
                Some(p) => Ok(Arc::new(Self::load_user(p)?)),
                None => Ok(Self::embedded_arc()),
            },
        }
    }

    /// A gazetteer of `records` only (no embedded places), with the embedded countries, admin1
    /// units and lexicons. Useful for tests and for special-purpose lists.
    pub fn from_records(records: Vec<PlaceRecord>) -> Gazetteer {
        Self::build(records.iter().map(RecordRef::from), Vec::new())
    }

    /// True for the countries whose every GeoNames place of 500 people or more is embedded:
    /// the Arab League's and their conflict neighbours'.
    pub fn is_region(iso2: &str) -> bool {
        REGION.contains(&iso2)
    }

    /// Lines skipped while loading, with their reasons.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// Number of places.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn build<'a>(records: impl Iterator<Item = RecordRef<'a>>, warnings: Vec<String>) -> Gazetteer {
        let countries = parse_countries(COUNTRIES_TSV);
        let admin1 = parse_admin1(ADMIN1_TSV);
        let mut admin1_names: Vec<Box<str>> = Vec::new();
        let mut admin1_ids: HashMap<Box<str>, u32> = HashMap::new();
        let mut intern = |name: &str| -> u32 {
            if let Some(&i) = admin1_ids.get(name) {
                return i;
            }
            let i = admin1_names.len() as u32;
            admin1_names.push(name.into());
            admin1_ids.insert(name.into(), i);
            i
        };
        let mut admin1_by_code: HashMap<String, u32> = HashMap::new();
        for a in &admin1 {
            let i = intern(&a.name);
            admin1_by_code.insert(a.code.clone(), i);
        }

        let mut entries = Vec::with_capacity(50_000);
        let mut pairs: Vec<(u64, u32)> = Vec::with_capacity(200_000);
        let mut prefixes = BitFilter::new(24);
        let mut code = String::new();
        let mut k = String::new();
        for r in records {
            let idx = entries.len() as u32;
            let admin1 = match (r.admin1_name, r.admin1_code.is_empty()) {
                (Some(n), _) => Some(intern(n)),
                (None, false) => {
                    code.clear();
                    code.push_str(r.country);
                    code.push('.');
                    code.push_str(r.admin1_code);
                    admin1_by_code.get(&code).copied()
                }
                (None, true) => None,
            };
            let name_ar = r
                .names
                .iter()
                .find(|n| n.chars().any(marsad_arabic::is_arabic_letter))
                .map(|n| (*n).into());
            for n in r.names.iter().chain([&r.name]) {
                compact_into(n, &mut k);
                if k.is_empty() {
                    continue;
                }
                pairs.push((hash::of(&k), idx));
                if k.as_bytes()[0] >= 0x80 && k.chars().any(marsad_arabic::is_arabic_letter) {
                    add_prefixes(&mut prefixes, &k);
                }
            }
            let c = r.country.as_bytes();
            entries.push(Entry {
                prior: prior(r.feature, r.population),
                name: r.name.into(),
                name_ar,
                lat: r.lat,
                lon: r.lon,
                country: [c[0], c[1]],
                admin1,
                admin2: r.admin2.map(Into::into),
                feature: r.feature.into(),
                geonameid: r.geonameid,
                population: r.population,
            });
        }
        // postings: by key, best prior first, without duplicates (sorted on one integer:
        // key, then the prior descending as an order-preserving bit pattern, then the place)
        let mut keyed: Vec<(u64, u32, u32)> = pairs
            .iter()
            .map(|&(h, i)| (h, !ordered_bits(entries[i as usize].prior), i))
            .collect();
        keyed.sort_unstable();
        keyed.dedup();
        let pairs: Vec<(u64, u32)> = keyed.into_iter().map(|(h, _, i)| (h, i)).collect();
        let mut index = HashMapU64::default();
        index.reserve(pairs.len());
        let mut postings = Vec::with_capacity(pairs.len());
        let mut i = 0;
        while i < pairs.len() {
            let h = pairs[i].0;
            let start = postings.len() as u32;
            while i < pairs.len() && pairs[i].0 == h {
                postings.push(pairs[i].1);
                i += 1;
            }
            index.insert(h, (start, postings.len() as u32 - start));
        }

        let mut blocks = HashSetU64::default();
        for row in table(NOT_PLACES_TSV) {
            let k = compact_key(row[0]);
            add_prefixes(&mut prefixes, &k);
            blocks.insert(hash::of(&k));
        }
        // cue words are never names themselves («بلدة» is also a village in Iran)
        for row in table(CUES_TSV) {
            let k = compact_key(row[0]);
            add_prefixes(&mut prefixes, &k);
            blocks.insert(hash::of(&k));
        }
        let stop = table(STOPWORDS_TSV)
            .into_iter()
            .map(|row| hash::of(&compact_key(row[0])))
            .collect();
        let cues = table(CUES_TSV)
            .into_iter()
            .filter(|r| r.len() >= 4)
            .map(|r| Cue {
                words: r[0].split_whitespace().map(compact_key).collect(),
                after: r[1] == "after",
                kind: r[2].to_string(),
                precision: r[3].parse().unwrap_or(1),
                prefer: r.get(4).and_then(|p| p.bytes().next()).unwrap_or(0),
                naming: r.get(5) == Some(&"yes"),
            })
            .collect();

        let mut country_names = HashMapU64::default();
        let mut adjectives = HashMapU64::default();
        for (i, c) in countries.iter().enumerate() {
            for n in c.names_ar.iter().chain([&c.name, &c.iso2]) {
                country_names.insert(hash::of(&compact_key(n)), i as u32);
            }
            for a in &c.adjectives {
                let s = compact_key(a);
                let stems = [s.clone(), format!("ال{s}")];
                for stem in &stems {
                    for suffix in ["", "ه", "ون", "ين", "ان", "تان", "تين"] {
                        adjectives.insert(hash::of(&format!("{stem}{suffix}")), i as u32);
                    }
                }
            }
        }

        Gazetteer {
            entries,
            index,
            postings,
            prefixes,
            blocks,
            stop,
            cues,
            countries,
            country_names,
            adjectives,
            admin1,
            admin1_names,
            warnings,
        }
    }

    /// Entry indexes under a key hash, best prior first.
    #[inline]
    pub(crate) fn lookup_hash(&self, h: u64) -> &[u32] {
        match self.index.get(&h) {
            Some(&(start, len)) => &self.postings[start as usize..(start + len) as usize],
            None => &[],
        }
    }

    pub(crate) fn entry(&self, i: u32) -> &Entry {
        &self.entries[i as usize]
    }

    pub(crate) fn admin1_of(&self, e: &Entry) -> Option<u32> {
        e.admin1
    }

    /// The contract's [`Place`] for entry `i`.
    pub(crate) fn place(&self, i: u32) -> Place {
        let e = self.entry(i);
        Place {
            name: e.name.to_string(),
            name_ar: e.name_ar.as_deref().map(str::to_string),
            lat: e.lat,
            lon: e.lon,
            country: e.country().to_string(),
            admin1: e.admin1.map(|a| self.admin1_names[a as usize].to_string()),
            admin2: e.admin2.as_deref().map(str::to_string),
            feature: e.feature.to_string(),
            geonameid: e.geonameid,
        }
    }

    /// Candidate places for a name, best first: feature rank (country, capital, admin seat,
    /// admin unit, town) and population decide the order. `name` may be Arabic (any hamza,
    /// alef, ta marbuta or spacing variant, with proclitics: «بالبوكمال») or English
    /// ("Deir ez-Zor"); `country` (ISO2, any case) keeps only that country's places.
    ///
    /// ```
    /// let g = marsad_geo::Gazetteer::embedded();
    /// let got = g.geocode("دير الزور", Some("SY"), 3);
    /// assert_eq!(got[0].name, "Deir ez-Zor");
    /// assert_eq!(got[0].feature, "PPLA");
    /// ```
    pub fn geocode(&self, name: &str, country: Option<&str>, limit: usize) -> Vec<Place> {
        self.geocode_ids(name, country)
            .into_iter()
            .take(limit)
            .map(|i| self.place(i))
            .collect()
    }

    /// Entry indexes for a name (see [`Gazetteer::geocode`]).
    pub(crate) fn geocode_ids(&self, name: &str, country: Option<&str>) -> Vec<u32> {
        let keep = |i: &u32| {
            country.is_none_or(|c| self.entry(*i).country().eq_ignore_ascii_case(c.trim()))
        };
        let first = self.lookup_hash(hash::of(&compact_key(name)));
        let hits: Vec<u32> = first.iter().copied().filter(keep).collect();
        if !hits.is_empty() {
            return hits;
        }
        // proclitics: «بالبوكمال», «لدمشق», «وإدلب»
        for k in lookup_keys(name.trim()).into_iter().skip(1) {
            let ids = self.lookup_hash(hash::of(&compact_key(&k)));
            let hits: Vec<u32> = ids.iter().copied().filter(keep).collect();
            if !hits.is_empty() {
                return hits;
            }
        }
        Vec::new()
    }

    /// The country named by `word` («سوريا», «سورية», «والعراق», "Syria", "SY").
    pub fn country_by_name(&self, word: &str) -> Option<&Country> {
        self.by_keys(word, &self.country_names)
    }

    /// The country of a nationality adjective («السورية», «الأميركية», «الأمريكي», «إيرانيون»,
    /// «والإسرائيلية»). Adjectives are not place mentions: [`Gazetteer::find_places`] never
    /// returns them, but they say which countries a text is about.
    pub fn country_by_adjective(&self, word: &str) -> Option<&Country> {
        self.by_keys(word, &self.adjectives)
    }

    /// The country with ISO code `iso2`.
    pub fn country(&self, iso2: &str) -> Option<&Country> {
        self.countries
            .iter()
            .find(|c| c.iso2.eq_ignore_ascii_case(iso2))
    }

    /// Every country of the table.
    pub fn countries(&self) -> &[Country] {
        &self.countries
    }

    /// The admin1 units of the region (data/geo/admin1.tsv).
    pub fn admin1_units(&self) -> &[Admin1] {
        &self.admin1
    }

    fn by_keys(&self, word: &str, map: &HashMapU64<u32>) -> Option<&Country> {
        let direct = map.get(&hash::of(&compact_key(word)));
        let i = match direct {
            Some(i) => *i,
            None => lookup_keys(word.trim())
                .iter()
                .find_map(|k| map.get(&hash::of(&compact_key(k))))
                .copied()?,
        };
        self.countries.get(i as usize)
    }

    /// The dateline's place: «دير الزور» is Deir ez-Zor the city, «بيروت» Beirut. A populated
    /// place is preferred over an admin unit of the same name; `None` when nothing matches.
    ///
    /// ```
    /// let g = marsad_geo::Gazetteer::embedded();
    /// let p = g.resolve_dateline("دير الزور").unwrap();
    /// assert_eq!((p.name.as_str(), p.country.as_str()), ("Deir ez-Zor", "SY"));
    /// ```
    pub fn resolve_dateline(&self, text: &str) -> Option<Place> {
        let t = text.trim_matches(|c: char| {
            c.is_whitespace()
                || c.is_ascii_punctuation()
                || matches!(c, '،' | '–' | '—' | '(' | ')')
        });
        if t.is_empty() {
            return None;
        }
        let ids = self.geocode_ids(t, None);
        if let Some(best) = ids
            .iter()
            .copied()
            .max_by(|a, b| {
                let (ea, eb) = (self.entry(*a), self.entry(*b));
                (ea.class() == b'P')
                    .cmp(&(eb.class() == b'P'))
                    .then(ea.prior.total_cmp(&eb.prior))
                    .then(b.cmp(a))
            })
            .filter(|_| !ids.is_empty())
        {
            // a country named alone is the country
            let top = ids[0];
            if self.entry(top).feature.starts_with("PCL") {
                return Some(self.place(top));
            }
            return Some(self.place(best));
        }
        self.find_places(t).into_iter().next().map(|m| m.place)
    }
}

/// [`marsad_arabic::compact_key`] into a reused buffer.
fn compact_into(s: &str, out: &mut String) {
    out.clear();
    marsad_arabic::key_into(s, out);
    out.retain(|c| !c.is_whitespace() && !matches!(c, '-' | '–' | '—' | '_' | 'ـ'));
}

/// `x`'s bits, mapped so that unsigned order is [`f32::total_cmp`]'s order.
fn ordered_bits(x: f32) -> u32 {
    let b = x.to_bits();
    if b >> 31 == 1 {
        !b
    } else {
        b | 1 << 31
    }
}

fn add_prefixes(set: &mut BitFilter, key: &str) {
    let mut h = hash::EMPTY;
    let mut buf = [0u8; 4];
    for c in key.chars() {
        h = hash::extend(h, c.encode_utf8(&mut buf).as_bytes());
        set.insert(h);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    macro_rules! geocode_table {
        ($($name:expr, $country:expr => $want:expr, $cc:expr);* $(;)?) => {
            let g = Gazetteer::embedded();
            $(
                let country: Option<&str> = $country;
                let got = g.geocode($name, country, 1);
                assert!(
                    got.first().is_some_and(|p| p.name == $want && p.country == $cc),
                    "help: data/geo/*.tsv or tools/gen_gazetteer.py: geocode({:?}, {:?}) gave {:?}, want {} ({})",
                    $name, country, got.first().map(|p| (&p.name, &p.country, &p.feature)), $want, $cc
                );
            )*
        };
    }

    #[test]
    fn geocode_names_and_variants() {
        geocode_table! {
            "البوكمال", None => "Abu Kamal", "SY";
            "البو كمال", None => "Abu Kamal", "SY";
            "بالبوكمال", None => "Abu Kamal", "SY";
            "كفر نبل", None => "Kafr Nobol", "SY";
            "كفرنبل", None => "Kafr Nobol", "SY";
            "مأرب", None => "Marib", "YE";
            "مارب", None => "Marib", "YE";
            "لدمشق", None => "Damascus", "SY";
            "وإدلب", None => "Idleb", "SY";
            "دمشق", None => "Damascus", "SY";
            "Deir ez-Zor", None => "Deir ez-Zor", "SY";
            "سوريا", None => "Syria", "SY";
            "سورية", None => "Syria", "SY";
            "ريف دمشق", None => "Rural Damascus", "SY";
            "واشنطن", None => "Washington", "US";
            "موسكو", None => "Moscow", "RU";
            "طرابلس", Some("LB") => "Tripoli", "LB";
            "طرابلس", Some("ly") => "Tripoli", "LY";
        }
    }

    #[test]
    fn unknown_names_give_nothing() {
        let g = Gazetteer::embedded();
        assert!(g.geocode("كلمةلاتوجد", None, 5).is_empty());
        assert!(g.geocode("", None, 5).is_empty());
        assert!(g.geocode("دمشق", Some("IQ"), 5).is_empty());
    }

    #[test]
    fn countries_and_adjectives() {
        let g = Gazetteer::embedded();
        let adj = |w: &str| g.country_by_adjective(w).map(|c| c.iso2.as_str());
        assert_eq!(adj("السورية"), Some("SY"));
        assert_eq!(adj("الأميركية"), Some("US"));
        assert_eq!(adj("الأمريكية"), Some("US"));
        assert_eq!(adj("الإسرائيلية"), Some("IL"));
        assert_eq!(adj("الإيرانية"), Some("IR"));
        assert_eq!(adj("العراقية"), Some("IQ"));
        assert_eq!(adj("التركية"), Some("TR"));
        assert_eq!(adj("الروسية"), Some("RU"));
        assert_eq!(adj("والإيرانيين"), Some("IR"));
        assert_eq!(adj("مدينة"), None);
        let name = |w: &str| g.country_by_name(w).map(|c| c.iso2.as_str());
        assert_eq!(name("سورية"), Some("SY"));
        assert_eq!(name("والعراق"), Some("IQ"));
        assert_eq!(name("أميركا"), Some("US"));
        assert_eq!(name("Syria"), Some("SY"));
    }

    #[test]
    fn dateline_prefers_the_city() {
        let g = Gazetteer::embedded();
        let p = g.resolve_dateline("دير الزور -").unwrap();
        assert_eq!(
            (p.name.as_str(), p.feature.as_str()),
            ("Deir ez-Zor", "PPLA")
        );
        assert_eq!(g.resolve_dateline("بيروت").unwrap().country, "LB");
        assert_eq!(g.resolve_dateline("سوريا").unwrap().feature, "PCLI");
        assert!(g.resolve_dateline(" ").is_none());
    }

    #[test]
    fn ordered_bits_sort_as_total_cmp() {
        let xs = [
            f32::NEG_INFINITY,
            -3.5,
            -1e-30,
            -0.0,
            0.0,
            1e-30,
            0.25,
            0.5,
            1.0,
            7.0,
            f32::INFINITY,
        ];
        for a in xs {
            for b in xs {
                assert_eq!(
                    ordered_bits(a).cmp(&ordered_bits(b)),
                    a.total_cmp(&b),
                    "{a} {b}"
                );
            }
        }
    }

    #[test]
    fn compact_into_equals_compact_key() {
        let mut buf = String::new();
        for s in [
            "البو كمال",
            "رأس-العين",
            "Deir ez-Zor",
            "دیر الزور",
            "كفر\u{00A0}نبل",
            "",
        ] {
            compact_into(s, &mut buf);
            assert_eq!(buf, compact_key(s));
        }
    }

    #[test]
    fn embedded_file_parses_cleanly() {
        let (rows, warnings) = parse_places(PLACES_TSV);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(rows.len(), Gazetteer::embedded().len());
    }

    #[test]
    fn every_place_has_sane_fields() {
        let g = Gazetteer::embedded();
        assert!(g.len() > 40_000, "{}", g.len());
        assert!(g.warnings().is_empty(), "{:?}", g.warnings());
        for i in 0..g.len() as u32 {
            let p = g.place(i);
            assert!((-90.0..=90.0).contains(&p.lat) && (-180.0..=180.0).contains(&p.lon));
            assert_eq!(p.country.len(), 2);
            assert!(!p.name.is_empty() && !p.feature.is_empty());
        }
    }
}
