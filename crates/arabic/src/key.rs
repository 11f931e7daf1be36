//! The matching key: a folded form of a string for dictionary lookups and search.
//!
//! The key never replaces the surface text; it is what two spellings of one word share.
//! Folding: harakat, tatweel and bidi/zero-width controls removed; alef forms (أ إ آ ٱ) to ا;
//! ى to ي; ة to ه; Persian/Urdu letter variants (ی ک ۀ ە) to Arabic; Arabic-Indic and extended
//! digits to ASCII; no-break spaces to spaces; Latin letters lower-cased. Idempotent.

/// Folds one char; `None` drops it.
#[inline]
pub const fn fold_char(c: char) -> Option<char> {
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
        '٠'..='٩' => (b'0' + (c as u32 - '٠' as u32) as u8) as char,
        '۰'..='۹' => (b'0' + (c as u32 - '۰' as u32) as u8) as char,
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
///
/// Runs of characters the folding keeps are copied as slices; chars of the Arabic block
/// (U+0600..U+06FF, two bytes) are folded through a table built at compile time.
pub fn key_into(s: &str, out: &mut String) {
    out.reserve(s.len());
    let bytes = s.as_bytes();
    let n = bytes.len();
    let mut run = 0; // start of the pending run of unchanged bytes
    let mut i = 0;
    while i < n {
        let b = bytes[i];
        if b < 0x80 {
            if b.is_ascii_uppercase() {
                out.push_str(&s[run..i]);
                out.push(b.to_ascii_lowercase() as char);
                run = i + 1;
            }
            i += 1;
            continue;
        }
        if let Some(idx) = block_index(bytes, i) {
            let f = BLOCK_FOLD[idx];
            if f != KEEP {
                out.push_str(&s[run..i]);
                if f != DROP {
                    out.push(char::from_u32(f as u32).unwrap_or('\u{FFFD}'));
                }
                run = i + 2;
            }
            i += 2;
            continue;
        }
        let c = s[i..].chars().next().unwrap_or('\u{FFFD}');
        let len = c.len_utf8();
        match fold_char(c) {
            Some(f) if f == c => {}
            folded => {
                out.push_str(&s[run..i]);
                if let Some(f) = folded {
                    out.push(f);
                }
                run = i + len;
            }
        }
        i += len;
    }
    out.push_str(&s[run..]);
}

/// The index in the Arabic block (U+0600..U+06FF) of the char starting at byte `i`, when it is
/// one (lead byte D8..DB).
#[inline(always)]
pub(crate) fn block_index(bytes: &[u8], i: usize) -> Option<usize> {
    let b = bytes[i];
    if (0xD8..=0xDB).contains(&b) && i + 1 < bytes.len() {
        Some((((b & 0x03) as usize) << 6) | (bytes[i + 1] & 0x3F) as usize)
    } else {
        None
    }
}

const KEEP: u16 = 0;
const DROP: u16 = 1;

/// [`fold_char`] for each char of the Arabic block: `KEEP`, `DROP`, or the replacement.
static BLOCK_FOLD: [u16; 256] = {
    let mut t = [KEEP; 256];
    let mut i = 0;
    while i < 256 {
        if let Some(c) = char::from_u32(0x600 + i as u32) {
            t[i] = match fold_char(c) {
                None => DROP,
                Some(f) if f as u32 == c as u32 => KEEP,
                Some(f) => f as u32 as u16,
            };
        }
        i += 1;
    }
    t
};

/// Class bits of the chars of the Arabic block, for the tokenizer.
pub(crate) const LETTER: u8 = 1;
pub(crate) const MARK: u8 = 2;
pub(crate) const DIGIT: u8 = 4;
pub(crate) const INVISIBLE: u8 = 8;

pub(crate) static BLOCK_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        if let Some(c) = char::from_u32(0x600 + i as u32) {
            let mut bits = 0;
            if is_arabic_letter(c) {
                bits |= LETTER;
            }
            if is_arabic_mark(c) {
                bits |= MARK;
            }
            if digit_value(c).is_some() {
                bits |= DIGIT;
            }
            if c as u32 == 0x061C {
                bits |= INVISIBLE;
            }
            t[i] = bits;
        }
        i += 1;
    }
    t
};

/// The key with spaces and hyphens removed too: «البو كمال» and «البوكمال» share it.
pub fn compact_key(s: &str) -> String {
    let mut out = key(s);
    out.retain(|c| !c.is_whitespace() && !matches!(c, '-' | '–' | '—' | '_' | 'ـ'));
    out
}

/// True for letters of the Arabic script (not digits or punctuation).
#[inline]
pub const fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' | '\u{066E}'..='\u{066F}'
        | '\u{0671}'..='\u{06D3}' | '\u{06D5}' | '\u{06EE}'..='\u{06EF}' | '\u{06FA}'..='\u{06FC}'
        | '\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08C9}' | '\u{FB50}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFC}')
}

/// True for marks that belong to the preceding letter (harakat, tatweel).
#[inline]
pub const fn is_arabic_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}' | '\u{0640}')
}

/// Digits of any script as a value.
#[inline]
pub const fn digit_value(c: char) -> Option<u32> {
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
