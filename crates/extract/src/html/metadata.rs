//! Article metadata from a page, strongest evidence first: JSON-LD (`NewsArticle` and kin),
//! OpenGraph and other meta tags, `<time datetime>` and `itemprop` marks, the URL, and last the
//! `<title>` and `<h1>` of the page.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone};
use serde_json::Value;

use super::dom::PageMeta;

/// What the metadata of a page says about its article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Metadata {
    pub title: Option<String>,
    /// RFC 3339 with offset; `YYYY-MM-DD` when the page gives a date without a time zone.
    pub published: Option<String>,
    pub author: Option<String>,
    /// The site's name.
    pub source: Option<String>,
    pub section: Option<String>,
    /// JSON-LD `articleBody`, a hint for the main text.
    pub article_body: Option<String>,
    pub url: Option<String>,
}

/// JSON-LD `@type`s that describe an article.
fn is_article_type(t: &str) -> bool {
    t.ends_with("Article")
        || matches!(
            t,
            "BlogPosting" | "Report" | "LiveBlogPosting" | "AnalysisNewsArticle" | "Posting"
        )
}

fn types(v: &serde_json::Map<String, Value>) -> Vec<&str> {
    match v.get("@type") {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

/// Every JSON object of a JSON-LD block (through `@graph` and arrays), breadth first.
fn objects(v: &Value) -> Vec<&serde_json::Map<String, Value>> {
    let mut out = Vec::new();
    let mut queue = vec![v];
    while let Some(v) = queue.pop() {
        match v {
            Value::Array(a) => queue.extend(a.iter().rev()),
            Value::Object(o) => {
                out.push(o);
                if let Some(g) = o.get("@graph") {
                    queue.push(g);
                }
                if let Some(m) = o.get("mainEntity") {
                    queue.push(m);
                }
            }
            _ => {}
        }
    }
    out
}

fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => clean(s),
        Value::Object(o) => o.get("name").and_then(text_of),
        Value::Array(a) => {
            let names: Vec<String> = a.iter().filter_map(text_of).collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        _ => None,
    }
}

/// Collapses whitespace and decodes the few entities that survive in meta values.
fn clean(s: &str) -> Option<String> {
    let s = s
        .replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#039;", "'");
    let out: Vec<&str> = s.split_whitespace().collect();
    let out = out.join(" ");
    (!out.is_empty()).then_some(out)
}

/// Reads the metadata of a page. `url` is the page's address if known (for dates in paths and
/// the site's time zone).
pub fn read(meta: &PageMeta, h1: Option<&str>, url: Option<&str>) -> Metadata {
    let mut md = Metadata::default();
    let url = url
        .map(str::to_string)
        .or_else(|| meta_value(meta, &["og:url"]).or_else(|| meta.canonical.clone()));
    let mut ld_published = None;
    for block in &meta.json_ld {
        let Ok(v) = serde_json::from_str::<Value>(block.trim().trim_end_matches(';')) else {
            continue;
        };
        for o in objects(&v) {
            let ty = types(o);
            if !ty.iter().any(|t| is_article_type(t)) {
                continue;
            }
            if md.title.is_none() {
                md.title = o
                    .get("headline")
                    .or_else(|| o.get("name"))
                    .and_then(text_of);
            }
            if ld_published.is_none() {
                ld_published = o
                    .get("datePublished")
                    .or_else(|| o.get("dateCreated"))
                    .and_then(Value::as_str)
                    .map(str::to_string);
            }
            if md.author.is_none() {
                md.author = o
                    .get("author")
                    .or_else(|| o.get("creator"))
                    .and_then(text_of);
            }
            if md.source.is_none() {
                md.source = o.get("publisher").and_then(text_of);
            }
            if md.section.is_none() {
                md.section = o.get("articleSection").and_then(text_of);
            }
            if md.article_body.is_none() {
                md.article_body = o
                    .get("articleBody")
                    .and_then(Value::as_str)
                    .map(str::to_string);
            }
        }
    }
    let og_title = meta_value(meta, &["og:title", "twitter:title", "title", "dc.title"]);
    let page_title = meta.title.as_deref().and_then(clean);
    if md.title.is_none() {
        md.title = og_title.clone();
    }
    if md.title.is_none() {
        md.title = h1.and_then(clean);
    }
    if md.title.is_none() {
        md.title = page_title.as_deref().map(strip_site_name);
    }
    if let Some(t) = &md.title {
        // a headline that is the page title with the site name attached loses the site name
        md.title = Some(strip_site_name(t));
    }
    if md.author.is_none() {
        md.author = meta_value(
            meta,
            &[
                "author",
                "article:author",
                "dc.creator",
                "sailthru.author",
                "byl",
                "parsely-author",
            ],
        )
        .filter(|a| !a.starts_with("http"));
    }
    if md.source.is_none() {
        md.source = meta_value(meta, &["og:site_name", "application-name", "twitter:site"])
            .map(|s| s.trim_start_matches('@').to_string());
    }
    if md.section.is_none() {
        md.section = meta_value(meta, &["article:section", "section"]);
    }
    let zone = url.as_deref().and_then(site_zone);
    let candidates = ld_published
        .into_iter()
        .chain(meta_value(
            meta,
            &[
                "article:published_time",
                "og:published_time",
                "article:published",
                "datepublished",
                "publish-date",
                "publishdate",
                "publish_date",
                "pubdate",
                "dc.date.issued",
                "dc.date",
                "dcterms.created",
                "date",
                "sailthru.date",
                "parsely-pub-date",
                "article.published",
                "cxenseparse:recs:publishtime",
            ],
        ))
        .chain(
            meta.times
                .iter()
                .filter(|t| t.published)
                .map(|t| t.value.clone()),
        )
        .chain(
            meta.times
                .iter()
                .filter(|t| !t.modified)
                .map(|t| t.value.clone()),
        );
    for c in candidates {
        let found = normalize_date(&c, zone)
            .or_else(|| crate::flattened::parse_publication_line(&c).map(|p| p.published(zone).0));
        if let Some(p) = found {
            md.published = Some(p);
            break;
        }
    }
    if md.published.is_none() {
        md.published = url.as_deref().and_then(date_in_url);
    }
    md.url = url;
    md
}

fn meta_value(meta: &PageMeta, names: &[&str]) -> Option<String> {
    names.iter().find_map(|name| {
        meta.metas
            .iter()
            .find(|(k, v)| k == name && !v.trim().is_empty())
            .and_then(|(_, v)| clean(v))
    })
}

/// «Headline - Site» or «Site | Headline» loses the site's part: the longest part wins when the
/// title splits on a separator into a clear headline and a short name.
pub fn strip_site_name(title: &str) -> String {
    for sep in [" | ", " - ", " – ", " — ", " :: ", " « ", " » ", " || "] {
        if let Some((a, b)) = title.rsplit_once(sep) {
            let (a_words, b_words) = (a.split_whitespace().count(), b.split_whitespace().count());
            if b_words <= 4 && a_words > b_words {
                return a.trim().to_string();
            }
            if let Some((first, rest)) = title.split_once(sep) {
                let fw = first.split_whitespace().count();
                if fw <= 4 && rest.split_whitespace().count() > fw + 1 {
                    return rest.trim().to_string();
                }
            }
        }
    }
    title.trim().to_string()
}

/// A time zone for a site from its country domain, for dates given without an offset.
pub(crate) fn site_zone(url: &str) -> Option<chrono_tz::Tz> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#', ':']).next()?;
    let tld = host.rsplit('.').next()?.to_ascii_lowercase();
    use chrono_tz::Africa;
    use chrono_tz::Asia;
    Some(match tld.as_str() {
        "sy" => Asia::Damascus,
        "lb" => Asia::Beirut,
        "iq" => Asia::Baghdad,
        "jo" => Asia::Amman,
        "eg" => Africa::Cairo,
        "sa" => Asia::Riyadh,
        "qa" => Asia::Qatar,
        "ae" => Asia::Dubai,
        "kw" => Asia::Kuwait,
        "bh" => Asia::Bahrain,
        "om" => Asia::Muscat,
        "ye" => Asia::Aden,
        "ps" => Asia::Gaza,
        "tn" => Africa::Tunis,
        "dz" => Africa::Algiers,
        "ma" => Africa::Casablanca,
        "ly" => Africa::Tripoli,
        "sd" => Africa::Khartoum,
        _ => return None,
    })
}

/// A date string in any of the usual machine formats as RFC 3339 (or `YYYY-MM-DD` when no time
/// zone is known for a local time).
pub fn normalize_date(s: &str, zone: Option<chrono_tz::Tz>) -> Option<String> {
    let s = s.trim();
    if s.len() < 8 || s.len() > 64 {
        return None;
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Some(format_dt(dt));
    }
    for f in [
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%dT%H:%M:%S%z",
        "%Y-%m-%dT%H:%M%z",
        "%Y-%m-%dT%H:%M%:z",
        "%Y-%m-%d %H:%M:%S%.f%:z",
        "%Y-%m-%d %H:%M:%S%:z",
        "%Y-%m-%d %H:%M:%S%z",
        "%Y-%m-%d %H:%M:%S %z",
    ] {
        if let Ok(dt) = DateTime::parse_from_str(s, f) {
            return Some(format_dt(dt));
        }
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
        return Some(format_dt(dt));
    }
    let s_no_z = s.trim_end_matches(" GMT").trim_end_matches(" UTC");
    if s_no_z.len() != s.len() {
        for f in [
            "%a, %d %b %Y %H:%M:%S",
            "%Y-%m-%d %H:%M:%S",
            "%Y-%m-%dT%H:%M:%S",
        ] {
            if let Ok(naive) = NaiveDateTime::parse_from_str(s_no_z, f) {
                return Some(format_dt(
                    FixedOffset::east_opt(0)?.from_utc_datetime(&naive),
                ));
            }
        }
    }
    for f in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y/%m/%d %H:%M:%S",
        "%Y/%m/%d %H:%M",
    ] {
        if let Ok(naive) = NaiveDateTime::parse_from_str(s, f) {
            return Some(local(naive, zone));
        }
    }
    let head = s.get(..10).unwrap_or(s);
    for f in ["%Y-%m-%d", "%Y/%m/%d", "%d.%m.%Y", "%Y%m%d"] {
        if let Ok(d) = NaiveDate::parse_from_str(head, f) {
            if (1990..=2100).contains(&chrono::Datelike::year(&d)) {
                return Some(d.format("%Y-%m-%d").to_string());
            }
        }
    }
    None
}

fn local(naive: NaiveDateTime, zone: Option<chrono_tz::Tz>) -> String {
    match zone.and_then(|z| z.from_local_datetime(&naive).earliest()) {
        Some(dt) => format_dt(dt.fixed_offset()),
        None => naive.date().format("%Y-%m-%d").to_string(),
    }
}

fn format_dt(dt: DateTime<FixedOffset>) -> String {
    dt.to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

/// A date in a URL path: `/2020/08/24/`, `/2013/middle_east/8/3/`, `/2020-08-24/`.
pub fn date_in_url(url: &str) -> Option<String> {
    let path = url.split_once("://").map_or(url, |(_, r)| r);
    let path = &path[path.find('/')?..];
    let parts: Vec<&str> = path.split(['/', '?', '&', '=']).collect();
    let num = |s: &str| -> Option<u32> {
        ((1..=2).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    for (i, y) in parts.iter().enumerate() {
        if y.len() != 4 || !y.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let Ok(year) = y.parse::<i32>() else { continue };
        if !(1990..=2100).contains(&year) {
            continue;
        }
        // year/month/day, or year/section/month/day
        for skip in 0..2 {
            let (Some(m), Some(d)) = (parts.get(i + 1 + skip), parts.get(i + 2 + skip)) else {
                break;
            };
            if let (Some(m), Some(d)) = (num(m), num(d)) {
                if let Some(date) = NaiveDate::from_ymd_opt(year, m, d) {
                    return Some(date.format("%Y-%m-%d").to_string());
                }
            }
        }
    }
    for p in parts {
        let p = p.get(..10).unwrap_or(p);
        if let Ok(d) = NaiveDate::parse_from_str(p, "%Y-%m-%d") {
            return Some(d.format("%Y-%m-%d").to_string());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_normalize_with_offsets() {
        let rows = [
            (
                "2021-06-29T10:15:00+03:00",
                None,
                Some("2021-06-29T10:15:00+03:00"),
            ),
            (
                "2021-06-29T07:15:00Z",
                None,
                Some("2021-06-29T07:15:00+00:00"),
            ),
            (
                "2021-06-29T10:15:00.000+0300",
                None,
                Some("2021-06-29T10:15:00+03:00"),
            ),
            (
                "Tue, 29 Jun 2021 07:15:00 GMT",
                None,
                Some("2021-06-29T07:15:00+00:00"),
            ),
            (
                "2021-06-29 10:15",
                Some(chrono_tz::Asia::Damascus),
                Some("2021-06-29T10:15:00+03:00"),
            ),
            (
                "2021-01-29 10:15",
                Some(chrono_tz::Asia::Damascus),
                Some("2021-01-29T10:15:00+02:00"),
            ),
            ("2021-06-29 10:15", None, Some("2021-06-29")),
            ("2021-06-29", None, Some("2021-06-29")),
            ("yesterday", None, None),
        ];
        for (input, zone, want) in rows {
            assert_eq!(
                normalize_date(input, zone).as_deref(),
                want,
                "input {input:?}"
            );
        }
    }

    #[test]
    fn urls_and_titles() {
        assert_eq!(
            date_in_url("https://www.youm7.com/story/2020/8/24/x/4943459").as_deref(),
            Some("2020-08-24")
        );
        assert_eq!(date_in_url("https://example.com/news/123"), None);
        assert_eq!(
            date_in_url("http://arabic.cnn.com/2013/middle_east/8/3/syria.clashes/index.html")
                .as_deref(),
            Some("2013-08-03")
        );
        assert_eq!(
            strip_site_name("قصف على إدلب يقتل ثلاثة مدنيين - عنب بلدي"),
            "قصف على إدلب يقتل ثلاثة مدنيين"
        );
        assert_eq!(
            strip_site_name("BBC News | Storm hits the coast of the bay"),
            "Storm hits the coast of the bay"
        );
    }
}
