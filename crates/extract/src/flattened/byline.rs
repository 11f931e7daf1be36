//! Bylines: «كتب: فلان», «بقلم فلان», «إعداد: فلان», «— فلان», «By Jane Doe»,
//! «(إعداد فلان للنشرة العربية - تحرير فلان)».

use super::lexicon::{fold_words, lexicon, Cue};

const DASHES: &[char] = &['-', '–', '—', 'ـ'];

/// Words that end a name: a preposition after it («… للنشرة العربية», «… in Beirut»).
fn ends_name(word: &str) -> bool {
    let w = fold_words(word);
    let Some(w) = w.first() else { return true };
    w.starts_with("لل")
        || matches!(
            w.as_str(),
            "في" | "من" | "عن" | "مع" | "and" | "in" | "for" | "with" | "at" | "و"
        )
}

/// The author named by a byline line, or `None` when the line is not a byline.
///
/// ```
/// use marsad_extract::flattened::byline_author;
/// assert_eq!(byline_author("كتب: أحمد حمزة"), Some("أحمد حمزة".to_string()));
/// assert_eq!(byline_author("بقلم سمر يزبك"), Some("سمر يزبك".to_string()));
/// assert_eq!(byline_author("كتب الرئيس على تويتر أن الحرب انتهت."), None);
/// ```
pub fn byline_author(line: &str) -> Option<String> {
    let line = line.trim();
    // a credit in brackets at the foot of wire copy: «(إعداد … - تحرير …)»
    let credit = line.starts_with('(') && line.ends_with(')');
    let l = line.trim_start_matches('(').trim_end_matches(')').trim();
    let n = l.split_whitespace().count();
    if n == 0 || n > 12 || l.ends_with('.') {
        return None;
    }
    // «— فلان»
    if let Some(rest) = l.strip_prefix(DASHES) {
        let rest = rest.trim();
        let k = rest.split_whitespace().count();
        if (1..=4).contains(&k)
            && rest.split_whitespace().all(|w| w.chars().count() >= 2)
            && rest.chars().all(|c| {
                marsad_arabic::chars::is_alphabetic(c)
                    || c == ' '
                    || c == '.'
                    || marsad_arabic::is_arabic_mark(c)
            })
        {
            return Some(rest.to_string());
        }
        return None;
    }
    let words = fold_words(l);
    let (set, k) = lexicon().cues.at(&words, 0)?;
    if !set.has(Cue::Byline) {
        return None;
    }
    // the text after the cue's k words
    let mut rest = l;
    for _ in 0..k {
        rest = rest.trim_start();
        let end = rest
            .find(|c: char| c.is_whitespace() || c == ':')
            .unwrap_or(rest.len());
        rest = &rest[end..];
    }
    let with_mark = rest.trim_start().starts_with([':', '-', '–', '—', '|']);
    let rest = rest.trim_start_matches(|c: char| {
        c.is_whitespace() || c == ':' || c == '|' || DASHES.contains(&c)
    });
    // «كتب» and «تحرير» open sentences too: without a colon they need a short line
    let first = words[0].as_str();
    let needs_mark = !matches!(first, "بقلم" | "by" | "written");
    if needs_mark && !with_mark && !credit && n > 4 {
        return None;
    }
    let mut name_words = Vec::new();
    for w in rest.split_whitespace() {
        if ends_name(w) || w.starts_with(DASHES) || w.starts_with(['(', '|', '،', ',']) {
            break;
        }
        name_words.push(w.trim_end_matches([',', '،', ';']));
        if name_words.len() == 5 {
            break;
        }
    }
    if name_words.is_empty()
        || name_words
            .iter()
            .any(|w| w.chars().any(|c| c.is_ascii_digit()))
    {
        return None;
    }
    // a Latin name is capitalised
    if name_words[0]
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && !name_words[0].chars().next().is_some_and(char::is_uppercase)
    {
        return None;
    }
    Some(name_words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One row per case; a failure names this file.
    macro_rules! rows {
        ($($input:expr => $want:expr),* $(,)?) => {$(
            assert_eq!(byline_author($input).as_deref(), $want,
                "input {:?}\nhelp: the rule lives in crates/extract/src/flattened/byline.rs", $input);
        )*};
    }

    #[test]
    fn bylines() {
        rows!(
            "كتب: أحمد حمزة" => Some("أحمد حمزة"),
            "كتبت - ريم الخطيب" => Some("ريم الخطيب"),
            "بقلم سمر يزبك" => Some("سمر يزبك"),
            "إعداد: فريق التحرير" => Some("فريق التحرير"),
            "— خالد العبدالله" => Some("خالد العبدالله"),
            "(إعداد محمد اليماني للنشرة العربية - تحرير سها جادو)" => Some("محمد اليماني"),
            "By Jane Doe" => Some("Jane Doe"),
            "by" => None,
            "by the way this is not a name" => None,
            "كتب الرئيس على تويتر أن الحرب انتهت." => None,
            "تحرير" => None,
            "حجم الخط" => None,
        );
    }
}
