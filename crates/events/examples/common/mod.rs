//! Shared by the event-sentence examples: the CSV reader and each sentence prepared as the
//! pipeline prepares a JSON Lines document (crates/marsad/src/pipeline.rs `Pipeline::process`,
//! without a publication date, as ../shared/tools/score_event_sentences.py runs it): extraction,
//! the dateline's place, sentences, time expressions, numbers and gazetteer places. NER persons
//! are left out: the coder only lists them as entities.

#![allow(dead_code)]

use std::path::Path;

use marsad_arabic::{NumberExpression, TimeExpression};
use marsad_core::{InputKind, Place, RawDocument, Span};
use marsad_events::{EventInput, PlaceRef};
use marsad_geo::{DocContext, Gazetteer};

/// Fields of one CSV record (RFC 4180 quoting).
pub fn parse_csv(src: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = src.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    field.push('"');
                    chars.next();
                }
                '"' => quoted = false,
                _ => field.push(c),
            }
        } else {
            match c {
                '"' => quoted = true,
                ',' => row.push(std::mem::take(&mut field)),
                '\n' => {
                    row.push(std::mem::take(&mut field));
                    rows.push(std::mem::take(&mut row));
                }
                '\r' => {}
                _ => field.push(c),
            }
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

/// FNV-1a 64 of a string: the splits by sentence id.
pub fn fnv(s: &str) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

/// One labelled sentence, analysed as the pipeline does.
pub struct Doc {
    pub id: String,
    /// `ASSAULT` or `PROTEST`: the file's type.
    pub etype: &'static str,
    pub label: String,
    pub gold: bool,
    /// Annotators who said yes, and no.
    pub accept: u32,
    pub reject: u32,
    /// The raw sentence (for listings).
    pub raw: String,
    pub text: String,
    pub sentences: Vec<Span>,
    pub dates: Vec<TimeExpression>,
    pub numbers: Vec<NumberExpression>,
    pub places: Vec<PlaceRef>,
    pub dateline: Option<Place>,
}

impl Doc {
    pub fn input(&self) -> EventInput<'_> {
        EventInput {
            text: &self.text,
            sentences: &self.sentences,
            dates: &self.dates,
            numbers: &self.numbers,
            places: &self.places,
            dateline_place: self.dateline.as_ref(),
            ..EventInput::default()
        }
    }
}

fn analyse(gazetteer: &Gazetteer, id: &str, raw: &str) -> Option<(String, Option<Place>)> {
    let doc = RawDocument::from_text(id, InputKind::Text, raw);
    let mut article = marsad_extract::extract(&doc).ok()?;
    if let Some(d) = article.dateline.as_mut() {
        if d.place.is_none() {
            let place_text =
                marsad_extract::flattened::dateline_place_text(&d.text).unwrap_or(&d.text);
            d.place = gazetteer.resolve_dateline(place_text);
        }
    }
    let dateline = article.dateline.as_ref().and_then(|d| d.place.clone());
    Some((article.text, dateline))
}

/// The labelled sentences of `dir` (assault-dev.csv, protest-dev.csv), "ambiguous" left out.
/// `None` when the folder is absent.
pub fn load(dir: &Path) -> Option<Vec<Doc>> {
    let gazetteer = Gazetteer::embedded_arc();
    let mut docs = Vec::new();
    for (file, etype) in [
        ("assault-dev.csv", "ASSAULT"),
        ("protest-dev.csv", "PROTEST"),
    ] {
        let src = std::fs::read_to_string(dir.join(file)).ok()?;
        let rows = parse_csv(&src);
        let head = &rows[0];
        let col = |n: &str| head.iter().position(|h| h == n).expect("column");
        let (id_c, label_c, text_c) = (col("id"), col("label"), col("text"));
        let (acc_c, rej_c) = (col("accept"), col("reject"));
        for r in rows.iter().skip(1).filter(|r| r.len() > text_c) {
            let label = r[label_c].clone();
            if label == "ambiguous" {
                continue;
            }
            let raw = r[text_c].clone();
            let Some((text, dateline)) = analyse(&gazetteer, &r[id_c], &raw) else {
                continue;
            };
            let ctx = DocContext {
                country: dateline.as_ref().map(|p| p.country.clone()),
                point: dateline.as_ref().map(|p| (p.lat, p.lon)),
            };
            let places = gazetteer
                .find_places_with(&text, &ctx)
                .into_iter()
                .map(|m| PlaceRef {
                    span: m.span,
                    place: m.place,
                    precision: m.precision,
                })
                .collect();
            docs.push(Doc {
                id: r[id_c].clone(),
                etype,
                gold: label == "yes",
                accept: r[acc_c].parse().unwrap_or(0),
                reject: r[rej_c].parse().unwrap_or(0),
                label,
                sentences: marsad_arabic::sentences(&text),
                dates: marsad_arabic::time_expressions(&text, None),
                numbers: marsad_arabic::numbers(&text),
                places,
                dateline,
                text,
                raw,
            });
        }
    }
    Some(docs)
}

#[derive(Default, Clone, Copy)]
pub struct Counts {
    pub tp: u32,
    pub fp: u32,
    pub fn_: u32,
    pub tn: u32,
}

impl Counts {
    pub fn add(&mut self, gold: bool, pred: bool) {
        match (gold, pred) {
            (true, true) => self.tp += 1,
            (false, true) => self.fp += 1,
            (true, false) => self.fn_ += 1,
            (false, false) => self.tn += 1,
        }
    }

    pub fn prf(&self) -> (f64, f64, f64) {
        let p = self.tp as f64 / (self.tp + self.fp).max(1) as f64;
        let r = self.tp as f64 / (self.tp + self.fn_).max(1) as f64;
        let f1 = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (p, r, f1)
    }

    pub fn line(&self, name: &str) -> String {
        let (p, r, f1) = self.prf();
        format!(
            "{name:<8} tp {:>4} fp {:>4} fn {:>4} tn {:>5}  P {p:.3} R {r:.3} F1 {f1:.3}",
            self.tp, self.fp, self.fn_, self.tn
        )
    }
}
