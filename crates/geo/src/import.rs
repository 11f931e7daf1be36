//! Importers: GeoNames country dumps and admin-unit tables with Arabic names into a user
//! gazetteer file (the places format of [`crate::records`]), which [`crate::Gazetteer::open`]
//! layers on top of the embedded one.
//!
//! Each input is recognised by its name and content:
//! - `XX.txt` (any other `.txt`): a GeoNames country dump, 19 tab-separated columns
//!   (geonameid, name, asciiname, alternatenames, lat, lon, feature class, feature code,
//!   country, cc2, admin1..admin4, population, elevation, dem, timezone, modification date).
//!   Populated places (class P) and admin units (class A) are kept with their Arabic-script
//!   alternate names;
//! - `admin2Codes.txt`: GeoNames' admin2 names (`CC.A1.A2`, name, ...), used for the `admin2` of
//!   the dump's places; give it before or beside the dumps;
//! - `*.json`: Open-Syria governorates / districts / subdistricts (name{en,ar}, aliases,
//!   centroid, governorateId / districtId);
//! - `*.csv`: OCHA COD-AB centroid tables (ADMn_EN, ADMn_AR, ADMn_PCODE, parents,
//!   centroid_lat, centroid_lon), such as Iraq's and Yemen's.
//!
//! A bad line is skipped and reported as `file:line: why`; the import goes on.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::records::{PlaceRecord, PLACES_HEADER};
use crate::{Error, Gazetteer, Result};

/// What an import produced.
#[derive(Debug, Default)]
pub struct Import {
    pub records: Vec<PlaceRecord>,
    /// Skipped lines and files, `path:line: why`.
    pub warnings: Vec<String>,
    /// Places taken from each file.
    pub files: Vec<(PathBuf, usize)>,
}

/// Imports every path (files, or folders read recursively for `.txt`, `.json` and `.csv`).
pub fn import_paths(paths: &[PathBuf]) -> Result<Import> {
    let mut files = Vec::new();
    for p in paths {
        collect(p, &mut files)?;
    }
    // admin2 tables first, so that the dumps can use them
    files.sort_by_key(|p| !is_admin2_table(p));
    let mut out = Import::default();
    let mut admin2: HashMap<String, String> = HashMap::new();
    for f in files {
        let text = std::fs::read_to_string(&f).map_err(|e| Error::io(&f, e))?;
        let before = out.records.len();
        let ext = f
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        if is_admin2_table(&f) {
            admin2.extend(read_admin2(&text));
            continue;
        }
        match ext.as_str() {
            "txt" => geonames_dump(&f, &text, &admin2, &mut out),
            "json" => open_syria(&f, &text, &mut out)?,
            "csv" => cod_ab_csv(&f, &text, &mut out),
            _ => {
                out.warnings.push(format!(
                    "{}: not a known gazetteer format, skipped",
                    f.display()
                ));
                continue;
            }
        }
        let n = out.records.len() - before;
        out.files.push((f, n));
    }
    Ok(out)
}

/// Writes `records` as a places file (creating the folder).
pub fn write_places(path: &Path, records: &[PlaceRecord]) -> Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    let mut s = String::with_capacity(records.len() * 120);
    s.push_str("# Marsad user gazetteer, written by `marsad gazetteer import`.\n");
    s.push_str(PLACES_HEADER);
    s.push('\n');
    for r in records {
        s.push_str(&r.to_line());
        s.push('\n');
    }
    std::fs::write(path, s).map_err(|e| Error::io(path, e))
}

fn collect(p: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    if p.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(p)
            .map_err(|e| Error::io(p, e))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        for e in entries {
            let known = e.is_dir()
                || matches!(
                    e.extension().and_then(|x| x.to_str()),
                    Some("txt" | "json" | "csv")
                );
            if known {
                collect(&e, out)?;
            }
        }
    } else if p.exists() {
        out.push(p.to_path_buf());
    } else {
        return Err(Error::io(
            p,
            std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"),
        ));
    }
    Ok(())
}

fn is_admin2_table(p: &Path) -> bool {
    p.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with("admin2Codes"))
}

fn read_admin2(text: &str) -> HashMap<String, String> {
    text.lines()
        .filter_map(|l| {
            let mut f = l.split('\t');
            Some((f.next()?.to_string(), f.next()?.to_string()))
        })
        .collect()
}

fn is_arabic(s: &str) -> bool {
    s.chars().any(marsad_arabic::is_arabic_letter) && !s.chars().any(|c| c.is_ascii_alphabetic())
}

fn geonames_dump(path: &Path, text: &str, admin2: &HashMap<String, String>, out: &mut Import) {
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        let at = |why: String| format!("{}:{}: {why}", path.display(), i + 1);
        if f.len() != 19 {
            out.warnings
                .push(at(format!("{} columns, a GeoNames dump has 19", f.len())));
            continue;
        }
        if !matches!(f[6], "P" | "A") {
            continue; // streams, hills, roads: not places of events
        }
        let (Ok(id), Ok(lat), Ok(lon)) = (
            f[0].parse::<i64>(),
            f[4].parse::<f64>(),
            f[5].parse::<f64>(),
        ) else {
            out.warnings.push(at("bad id or coordinates".into()));
            continue;
        };
        if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
            out.warnings.push(at("coordinates out of range".into()));
            continue;
        }
        let cc = f[8].trim();
        if cc.len() != 2 || !cc.bytes().all(|b| b.is_ascii_uppercase()) {
            out.warnings.push(at(format!("bad country {cc:?}")));
            continue;
        }
        let mut names: Vec<String> = f[3]
            .split(',')
            .map(str::trim)
            .filter(|n| is_arabic(n))
            .map(str::to_string)
            .collect();
        if names.is_empty() && f[6] == "P" && f[7] != "PPLC" {
            // without an Arabic name a village cannot be found in Arabic text
            continue;
        }
        names.push(f[1].to_string());
        names.push(f[2].to_string());
        names.dedup();
        let a2 = admin2.get(&format!("{cc}.{}.{}", f[10], f[11])).cloned();
        out.records.push(PlaceRecord {
            geonameid: Some(id),
            name: if f[2].is_empty() { f[1] } else { f[2] }.to_string(),
            lat,
            lon,
            country: cc.to_string(),
            admin1_code: f[10].to_string(),
            feature: f[7].to_string(),
            population: f[14].parse().unwrap_or(0),
            names,
            admin1_name: None,
            admin2: a2,
        });
    }
}

/// The ACLED-style admin1 name of a unit named `ar` (Arabic) in `cc`, via the embedded table.
fn acled_admin1(cc: &str, ar: &str) -> Option<String> {
    let g = Gazetteer::embedded();
    g.geocode(ar, Some(cc), 10)
        .into_iter()
        .chain(g.geocode(&format!("محافظة {ar}"), Some(cc), 10))
        .find(|p| p.feature == "ADM1")
        .and_then(|p| p.admin1)
}

fn open_syria(path: &Path, text: &str, out: &mut Import) -> Result<()> {
    let v: serde_json::Value = serde_json::from_str(text).map_err(|e| Error::Json {
        path: path.to_path_buf(),
        source: e,
    })?;
    let Some(items) = v.as_array() else {
        out.warnings.push(format!(
            "{}: not an Open-Syria list of units, skipped",
            path.display()
        ));
        return Ok(());
    };
    // parents from the sibling files
    let sibling = |name: &str| -> HashMap<String, serde_json::Value> {
        std::fs::read_to_string(path.with_file_name(name))
            .ok()
            .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
            .and_then(|v| v.as_array().cloned())
            .unwrap_or_default()
            .into_iter()
            .filter_map(|u| Some((u["id"].as_str()?.to_string(), u)))
            .collect()
    };
    let govs = sibling("governorates.json");
    let dists = sibling("districts.json");
    let gov_admin1 = |gov_id: Option<&str>| -> Option<String> {
        let g = govs.get(gov_id?)?;
        g["name"]["ar"]
            .as_str()
            .and_then(|ar| acled_admin1("SY", ar))
            .or_else(|| g["name"]["en"].as_str().map(str::to_string))
    };
    for (i, u) in items.iter().enumerate() {
        let at = |why: &str| format!("{}: item {}: {why}", path.display(), i + 1);
        let (Some(en), Some(lat), Some(lon)) = (
            u["name"]["en"].as_str(),
            u["centroid"]["latitude"].as_f64(),
            u["centroid"]["longitude"].as_f64(),
        ) else {
            out.warnings.push(at("no English name or centroid"));
            continue;
        };
        let mut names: Vec<String> = Vec::new();
        if let Some(ar) = u["name"]["ar"].as_str() {
            names.push(ar.to_string());
        }
        for a in u["aliases"].as_array().into_iter().flatten() {
            if let Some(s) = a["value"].as_str().filter(|s| is_arabic(s)) {
                names.push(s.to_string());
            }
        }
        names.push(en.to_string());
        names.dedup();
        let (feature, admin1, admin2) = if let Some(d) = u["districtId"].as_str() {
            let district = dists.get(d);
            let gov = district.and_then(|d| d["governorateId"].as_str());
            let d_en = district
                .and_then(|d| d["name"]["en"].as_str())
                .map(str::to_string);
            ("ADM3", gov_admin1(gov), d_en)
        } else if let Some(g) = u["governorateId"].as_str() {
            ("ADM2", gov_admin1(Some(g)), Some(en.to_string()))
        } else {
            let a1 = names.first().and_then(|ar| acled_admin1("SY", ar));
            ("ADM1", a1.or(Some(en.to_string())), None)
        };
        out.records.push(PlaceRecord {
            // the GeoNames id of a unit would replace the town of the same id: keep none
            geonameid: None,
            name: en.to_string(),
            lat,
            lon,
            country: "SY".into(),
            admin1_code: String::new(),
            feature: feature.into(),
            population: u["population"]["value"].as_u64().unwrap_or(0),
            names,
            admin1_name: admin1,
            admin2,
        });
    }
    Ok(())
}

/// Splits one CSV line (commas, double quotes with "" escapes).
fn csv_fields(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => out.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    out.push(cur);
    out
}

fn cod_ab_csv(path: &Path, text: &str, out: &mut Import) {
    let mut lines = text.lines().enumerate();
    let Some((_, header)) = lines.next() else {
        return;
    };
    let header = csv_fields(header.trim_start_matches('\u{FEFF}'));
    let col = |name: &str| header.iter().position(|h| h == name);
    let level = (1..=4).rev().find(|l| col(&format!("ADM{l}_AR")).is_some());
    let (Some(level), Some(lat_c), Some(lon_c)) = (level, col("centroid_lat"), col("centroid_lon"))
    else {
        out.warnings.push(format!(
            "{}: no ADMn_AR and centroid_lat/centroid_lon columns, skipped",
            path.display()
        ));
        return;
    };
    let (en_c, ar_c, pc_c) = (
        col(&format!("ADM{level}_EN")),
        col(&format!("ADM{level}_AR")).unwrap_or(0),
        col(&format!("ADM{level}_PCODE")),
    );
    let (a1_en, a1_ar, a2_en) = (col("ADM1_EN"), col("ADM1_AR"), col("ADM2_EN"));
    let cc_c = col("ADM0_PCODE");
    for (i, line) in lines {
        if line.trim().is_empty() {
            continue;
        }
        let f = csv_fields(line);
        let at = |why: &str| format!("{}:{}: {why}", path.display(), i + 1);
        if f.len() != header.len() {
            out.warnings.push(at(&format!(
                "{} fields, the header has {}",
                f.len(),
                header.len()
            )));
            continue;
        }
        let (Ok(lat), Ok(lon)) = (f[lat_c].parse::<f64>(), f[lon_c].parse::<f64>()) else {
            out.warnings.push(at("bad centroid"));
            continue;
        };
        if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
            out.warnings.push(at("centroid out of range"));
            continue;
        }
        let pcode = pc_c.map(|c| f[c].as_str()).unwrap_or("");
        let cc: String = cc_c
            .map(|c| f[c].as_str())
            .unwrap_or(pcode)
            .chars()
            .take(2)
            .collect();
        if cc.len() != 2 || !cc.bytes().all(|b| b.is_ascii_uppercase()) {
            out.warnings.push(at("no country code"));
            continue;
        }
        let en = en_c.map(|c| f[c].clone()).unwrap_or_default();
        let ar = f[ar_c].clone();
        if ar.is_empty() && en.is_empty() {
            out.warnings.push(at("no name"));
            continue;
        }
        let admin1 = a1_ar
            .and_then(|c| acled_admin1(&cc, &f[c]))
            .or_else(|| a1_en.map(|c| f[c].clone()));
        out.records.push(PlaceRecord {
            geonameid: None,
            name: if en.is_empty() {
                ar.clone()
            } else {
                en.clone()
            },
            lat,
            lon,
            country: cc,
            admin1_code: String::new(),
            feature: format!("ADM{level}"),
            population: 0,
            names: [ar, en].into_iter().filter(|s| !s.is_empty()).collect(),
            admin1_name: admin1,
            admin2: if level >= 3 {
                a2_en.map(|c| f[c].clone())
            } else if level == 2 {
                en_c.map(|c| f[c].clone())
            } else {
                None
            },
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes() {
        assert_eq!(csv_fields(r#"a,"b, c","d""e""#), ["a", "b, c", "d\"e"]);
    }
}
