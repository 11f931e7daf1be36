//! The matching key: a folded form of a string for dictionary lookups and search.
//!
//! The key never replaces the surface text; it is what two spellings of one word share.
//! Folding: harakat, tatweel and bidi/zero-width controls removed; alef forms (أ إ آ ٱ) to ا;
//! ى to ي; ة to ه; Persian/Urdu letter variants (ی ک ۀ ە) to Arabic; Arabic-Indic and extended
//! digits to ASCII; no-break spaces to spaces; Latin letters lower-cased. Idempotent.

/// Folds one char; `None` drops it.
#[inline]
pub fn fold_char(c: char) -> Option<char> {
    Some(match c {
        // harakat, shadda, sukun, superscript alef, Quranic marks
        '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}' => return None,
        // tatweel
        '\u{0640}' => return None,
        // bidi and zero-width controls, BOM
        '\u{200B}'..='\u{200F}'
        | '\u{061C}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}' => return None,
        'أ' | 'إ' | 'آ' | 'ٱ' | 'ٲ' | 'ٳ' => 'ا',
        'ى' | 'ی' | 'ې' | 'ے' => 'ي',
        'ة' | 'ۀ' | 'ە' | 'ۃ' => 'ه',
        'ک' | 'ڪ' => 'ك',
        'ؤ' => 'و',
        'ئ' => 'ي',
        '٠'..='٩' => char::from(b'0' + (c as u32 - '٠' as u32) as u8),
        '۰'..='۹' => char::from(b'0' + (c as u32 - '۰' as u32) as u8),
        '\u{00A0}' | '\u{202F}' | '\u{2007}' => ' ',
        'A'..='Z' => c.to_ascii_lowercase(),
        _ => c,
    })
}

/// The matching key of `s`.
///
/// ```
/// use marsad_arabic::key;
/// assert_eq!(key("مأرب"), key("مارب"));
/// assert_eq!(key("سوريّة"), "سوريه");
/// assert_eq!(key("٢٠٢١"), "2021");
/// ```
pub fn key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    key_into(s, &mut out);
    out
}

/// Appends the matching key of `s` to `out` (no allocation when `out` has room).
pub fn key_into(s: &str, out: &mut String) {
    out.extend(s.chars().filter_map(fold_char));
}

/// The key with spaces and hyphens removed too: «البو كمال» and «البوكمال» share it.
pub fn compact_key(s: &str) -> String {
    s.chars()
        .filter_map(fold_char)
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '–' | '—' | '_' | 'ـ'))
        .collect()
}

/// True for letters of the Arabic script (not digits or punctuation).
#[inline]
pub fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' | '\u{066E}'..='\u{066F}'
        | '\u{0671}'..='\u{06D3}' | '\u{06D5}' | '\u{06EE}'..='\u{06EF}' | '\u{06FA}'..='\u{06FC}'
        | '\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08C9}' | '\u{FB50}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFC}')
}

/// True for marks that belong to the preceding letter (harakat, tatweel).
#[inline]
pub fn is_arabic_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}' | '\u{0640}')
}

/// Digits of any script as a value.
#[inline]
pub fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '٠'..='٩' => Some(c as u32 - '٠' as u32),
        '۰'..='۹' => Some(c as u32 - '۰' as u32),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    macro_rules! key_table {
        ($($input:expr => $want:expr),* $(,)?) => {
            $( assert_eq!(key($input), $want, "help: the folding rules live in crates/arabic/src/key.rs (input {:?})", $input); )*
        };
    }

    #[test]
    fn folding_rules() {
        key_table! {
            "أحمد" => "احمد",
            "إدلب" => "ادلب",
            "آذار" => "اذار",
            "ٱلله" => "الله",
            "مستشفى" => "مستشفي",
            "مدينة" => "مدينه",
            "فارسی" => "فارسي",
            "کرد" => "كرد",
            "قُتِلَ" => "قتل",
            "الـعراق" => "العراق",
            "٢٠٢١" => "2021",
            "۱۴۰۰" => "1400",
            "a\u{200F}b\u{200B}c\u{061C}" => "abc",
            "دير\u{00A0}الزور" => "دير الزور",
            "Reuters" => "reuters",
        }
    }

    #[test]
    fn compact_ignores_spaces_and_hyphens() {
        assert_eq!(compact_key("البو كمال"), compact_key("البوكمال"));
        assert_eq!(compact_key("كفر نبل"), compact_key("كفرنبل"));
        assert_eq!(compact_key("رأس-العين"), compact_key("راس العين"));
    }
}
