//! Documents as Python hands them over (keyword arguments, dicts, Arrow rows) turned into the
//! pipeline's [`Input`]s. A bad one (no text, a wrong type, too many bytes) becomes
//! [`Input::Failed`] with its reason: it yields a result with `error` set, never an exception.

use arrow_array::cast::AsArray;
use arrow_array::types::{
    Date32Type, TimestampMicrosecondType, TimestampMillisecondType, TimestampNanosecondType,
    TimestampSecondType,
};
use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_schema::{DataType, TimeUnit};
use chrono::{DateTime, NaiveDate, SecondsFormat};
use marsad::extract::inputs::Input;
use marsad::{InputKind, RawDocument};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyString};

/// The fields of one document, as the JSON Lines input of `marsad extract` has them.
#[derive(Debug, Default)]
pub struct Fields {
    pub id: Option<String>,
    pub text: Option<Vec<u8>>,
    pub html: Option<Vec<u8>>,
    /// A WARC record as [`crate::warc`] returns it (`marsad.read_warc`).
    pub warc: Option<Vec<u8>>,
    /// The charset a WARC or HTTP header declared.
    pub charset: Option<String>,
    pub url: Option<String>,
    pub source: Option<String>,
    pub published: Option<String>,
    pub title: Option<String>,
    /// Why an earlier step (a WARC reader) could not produce the document.
    pub error: Option<String>,
}

impl Fields {
    /// The document, or why it cannot be one. `text` wins over `html` (as in JSON Lines input),
    /// both over `warc`.
    pub fn into_input(self, fallback_id: impl FnOnce() -> String, max_bytes: usize) -> Input {
        let id = self.id.unwrap_or_else(fallback_id);
        if let Some(reason) = self.error {
            return Input::Failed { id, reason };
        }
        let (kind, content) = match (self.text, self.html, self.warc) {
            (Some(t), _, _) => (InputKind::Text, t),
            (None, Some(h), _) => (InputKind::Html, h),
            (None, None, Some(w)) => (InputKind::Warc, w),
            (None, None, None) => {
                return Input::Failed {
                    reason: format!("{id}: neither `text` nor `html` is given"),
                    id,
                }
            }
        };
        if content.len() > max_bytes {
            return Input::Failed {
                reason: format!(
                    "{id} is larger than the {max_bytes}-byte cap ({} bytes)",
                    content.len()
                ),
                id,
            };
        }
        Input::Doc(RawDocument {
            id,
            kind,
            content,
            charset: self.charset,
            url: self.url,
            source: self.source,
            published: self.published,
            title: self.title,
        })
    }
}

/// Text content from Python: `str` as UTF-8, `bytes` as they are (extraction decodes them and
/// reports binary content), `None` as absent. Anything else is a type error naming the field.
pub fn content(field: &str, v: Option<&Bound<'_, PyAny>>) -> Result<Option<Vec<u8>>, String> {
    let Some(v) = v else { return Ok(None) };
    if v.is_none() {
        Ok(None)
    } else if let Ok(s) = v.cast::<PyString>() {
        s.to_cow()
            .map(|s| Some(s.as_bytes().to_vec()))
            .map_err(|e| format!("`{field}` is not valid text: {e}"))
    } else if let Ok(b) = v.cast::<PyBytes>() {
        Ok(Some(b.as_bytes().to_vec()))
    } else {
        Err(format!(
            "`{field}` must be str or bytes, not {}",
            type_name(v)
        ))
    }
}

/// A string field from Python: `str`, or anything with `isoformat()` (datetime, date) for
/// `published`; `None` as absent.
pub fn string(field: &str, v: Option<&Bound<'_, PyAny>>) -> Result<Option<String>, String> {
    let Some(v) = v else { return Ok(None) };
    if v.is_none() {
        return Ok(None);
    }
    if let Ok(s) = v.extract::<String>() {
        return Ok(Some(s));
    }
    if field == "published" && v.hasattr("isoformat").unwrap_or(false) {
        if let Ok(s) = v
            .call_method0("isoformat")
            .and_then(|s| s.extract::<String>())
        {
            return Ok(Some(s));
        }
    }
    if field == "id" && v.extract::<i64>().is_ok() {
        return Ok(Some(v.str().map(|s| s.to_string()).unwrap_or_default()));
    }
    Err(format!("`{field}` must be a string, not {}", type_name(v)))
}

fn type_name(v: &Bound<'_, PyAny>) -> String {
    v.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".into())
}

/// One element of `extract_batch`'s list: a dict with the JSON Lines fields, or a `str` (the
/// text of a document whose id is its position).
pub fn from_python(item: &Bound<'_, PyAny>, position: usize, max_bytes: usize) -> Input {
    let fallback = || position.to_string();
    if let Ok(s) = item.cast::<PyString>() {
        let fields = Fields {
            text: s.to_cow().ok().map(|s| s.as_bytes().to_vec()),
            ..Default::default()
        };
        return fields.into_input(fallback, max_bytes);
    }
    let Ok(d) = item.cast::<PyDict>() else {
        let id = fallback();
        return Input::Failed {
            reason: format!(
                "{id}: a document is a dict or a str, not {}",
                type_name(item)
            ),
            id,
        };
    };
    let get = |k: &str| d.get_item(k).ok().flatten();
    let id = string("id", get("id").as_ref()).ok().flatten();
    let read = || -> Result<Fields, String> {
        Ok(Fields {
            id: id.clone(),
            text: content("text", get("text").as_ref())?,
            html: content("html", get("html").as_ref())?,
            warc: content("warc", get("warc").as_ref())?,
            charset: string("charset", get("charset").as_ref())?,
            error: string("error", get("error").as_ref())?,
            url: string("url", get("url").as_ref())?,
            source: string("source", get("source").as_ref())?,
            published: string("published", get("published").as_ref())?,
            title: string("title", get("title").as_ref())?,
        })
    };
    match read() {
        Ok(f) => f.into_input(fallback, max_bytes),
        Err(why) => {
            let id = id.unwrap_or_else(fallback);
            Input::Failed {
                reason: format!("{id}: {why}"),
                id,
            }
        }
    }
}

/// Which columns of an input batch hold which field (`None`: not there).
#[derive(Debug, Clone, Default)]
pub struct ColumnNames {
    pub id: Option<String>,
    pub text: Option<String>,
    pub html: Option<String>,
    pub warc: Option<String>,
    pub charset: Option<String>,
    pub url: Option<String>,
    pub source: Option<String>,
    pub published: Option<String>,
    pub title: Option<String>,
    pub error: Option<String>,
}

/// A column of an input batch read as optional bytes per row, whatever its string, binary or
/// temporal type.
struct Column<'a> {
    array: &'a ArrayRef,
}

impl Column<'_> {
    fn bytes(&self, row: usize) -> Option<Vec<u8>> {
        let a = self.array;
        if a.is_null(row) {
            return None;
        }
        Some(match a.data_type() {
            DataType::Utf8 => a.as_string::<i32>().value(row).as_bytes().to_vec(),
            DataType::LargeUtf8 => a.as_string::<i64>().value(row).as_bytes().to_vec(),
            DataType::Utf8View => a.as_string_view().value(row).as_bytes().to_vec(),
            DataType::Binary => a.as_binary::<i32>().value(row).to_vec(),
            DataType::LargeBinary => a.as_binary::<i64>().value(row).to_vec(),
            DataType::BinaryView => a.as_binary_view().value(row).to_vec(),
            _ => self.string(row)?.into_bytes(),
        })
    }

    fn string(&self, row: usize) -> Option<String> {
        let a = self.array;
        if a.is_null(row) {
            return None;
        }
        match a.data_type() {
            DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View => {
                String::from_utf8(self.bytes(row)?).ok()
            }
            DataType::Binary | DataType::LargeBinary | DataType::BinaryView => {
                String::from_utf8(self.bytes(row)?).ok()
            }
            DataType::Int64 | DataType::Int32 | DataType::UInt64 | DataType::UInt32 => {
                let v = match a.data_type() {
                    DataType::Int64 => a
                        .as_primitive::<arrow_array::types::Int64Type>()
                        .value(row)
                        .to_string(),
                    DataType::Int32 => a
                        .as_primitive::<arrow_array::types::Int32Type>()
                        .value(row)
                        .to_string(),
                    DataType::UInt64 => a
                        .as_primitive::<arrow_array::types::UInt64Type>()
                        .value(row)
                        .to_string(),
                    _ => a
                        .as_primitive::<arrow_array::types::UInt32Type>()
                        .value(row)
                        .to_string(),
                };
                Some(v)
            }
            DataType::Date32 => {
                let days = a.as_primitive::<Date32Type>().value(row);
                NaiveDate::from_ymd_opt(1970, 1, 1)?
                    .checked_add_signed(chrono::TimeDelta::days(i64::from(days)))
                    .map(|d| d.format("%Y-%m-%d").to_string())
            }
            // Spark and pandas hold instants in UTC: written with a +00:00 offset.
            DataType::Timestamp(unit, _) => {
                let v = match unit {
                    TimeUnit::Second => a
                        .as_primitive::<TimestampSecondType>()
                        .value(row)
                        .checked_mul(1_000_000),
                    TimeUnit::Millisecond => a
                        .as_primitive::<TimestampMillisecondType>()
                        .value(row)
                        .checked_mul(1_000),
                    TimeUnit::Microsecond => {
                        Some(a.as_primitive::<TimestampMicrosecondType>().value(row))
                    }
                    TimeUnit::Nanosecond => {
                        Some(a.as_primitive::<TimestampNanosecondType>().value(row) / 1_000)
                    }
                };
                v.and_then(DateTime::from_timestamp_micros)
                    .map(|d| d.to_rfc3339_opts(SecondsFormat::AutoSi, false))
            }
            _ => None,
        }
    }
}

/// The documents of an input batch, one per row. Columns named in `names` but absent from the
/// batch are an error for the whole batch (a misspelt name would otherwise fail every row).
pub fn from_batch(
    batch: &RecordBatch,
    names: &ColumnNames,
    max_bytes: usize,
) -> Result<Vec<Input>, String> {
    let col = |name: &Option<String>, required: bool| -> Result<Option<Column<'_>>, String> {
        match name {
            None => Ok(None),
            Some(n) => match batch.column_by_name(n) {
                Some(array) => Ok(Some(Column { array })),
                None if required => Err(format!(
                    "the batch has no column {n:?} (columns: {})",
                    batch
                        .schema()
                        .fields()
                        .iter()
                        .map(|f| f.name().as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
                None => Ok(None),
            },
        }
    };
    let id = col(&names.id, false)?;
    let text = col(&names.text, false)?;
    let html = col(&names.html, false)?;
    let warc = col(&names.warc, false)?;
    if text.is_none() && html.is_none() && warc.is_none() {
        // name the missing text column
        col(&names.text, true)?;
        col(&names.html, true)?;
        return Err("no text, html or warc column is named".into());
    }
    let url = col(&names.url, false)?;
    let source = col(&names.source, false)?;
    let published = col(&names.published, false)?;
    let title = col(&names.title, false)?;
    let charset = col(&names.charset, false)?;
    let error = col(&names.error, false)?;
    let s = |c: &Option<Column<'_>>, row| c.as_ref().and_then(|c| c.string(row));
    let b = |c: &Option<Column<'_>>, row| c.as_ref().and_then(|c| c.bytes(row));
    Ok((0..batch.num_rows())
        .map(|row| {
            Fields {
                id: s(&id, row),
                text: b(&text, row),
                html: b(&html, row),
                warc: b(&warc, row),
                charset: s(&charset, row),
                error: s(&error, row),
                url: s(&url, row),
                source: s(&source, row),
                published: s(&published, row),
                title: s(&title, row),
            }
            .into_input(|| format!("row {row}"), max_bytes)
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_text_is_a_failed_input() {
        let input = Fields::default().into_input(|| "row 3".into(), 100);
        match input {
            Input::Failed { id, reason } => {
                assert_eq!(id, "row 3");
                assert!(reason.contains("neither"), "{reason}");
            }
            Input::Doc(_) => panic!("a document without text was accepted"),
        }
    }

    #[test]
    fn oversized_document_is_a_failed_input() {
        let f = Fields {
            id: Some("big".into()),
            text: Some(vec![b'a'; 101]),
            ..Default::default()
        };
        assert!(matches!(
            f.into_input(String::new, 100),
            Input::Failed { .. }
        ));
    }
}
