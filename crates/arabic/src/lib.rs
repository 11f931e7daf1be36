//! Marsad's Arabic text layer, used by every later stage.
//!
//! - [`key`]: the matching key (folding for lookups and search, never for display);
//! - [`tokenize`]: tokens with byte spans; [`lookup_keys`]: stems behind proclitics;
//! - [`sentences`]: sentence spans;
//! - [`numbers`]: digits and number words with their value, flags and span;
//! - [`time_expressions`]: dates and relative times resolved against an anchor.
//!
//! The lexicons (month names of every region, weekdays, relative time words, number words,
//! qualifiers, dual nouns) are the text files of data/arabic/, compiled in.
//!
//! ```
//! use marsad_arabic::{key, tokenize, sentences, lookup_keys};
//! let text = "قصفت طائرات أميركية مواقع بالبوكمال. وقُتل 3 عناصر.";
//! assert_eq!(sentences(text).len(), 2);
//! assert_eq!(tokenize(text).len(), 10);
//! assert!(lookup_keys("بالبوكمال").contains(&key("البوكمال")));
//! ```

pub mod chars;
mod clitics;
mod key;
mod lexicon;
mod numbers;
mod sentence;
mod time;
mod token;
mod words;

pub use clitics::{lookup_keys, readings, Reading};
pub use key::{
    compact_key, digit_value, fold_char, is_arabic_letter, is_arabic_mark, key, key_into,
};
pub use numbers::{numbers, NumberExpression};
pub use sentence::sentences;
pub use time::calendar::{gregorian_to_hijri, hijri_is_leap, hijri_month_len, hijri_to_gregorian};
pub use time::{time_expressions, times_and_numbers, TimeExpression, TimeValue};
pub use token::{number_value, tokenize, tokenize_into, Token, TokenKind};
pub use words::{WordHasher, WordMap, WordSet};
