//! Marsad's Arabic text layer, used by every later stage.
//!
//! - [`key`]: the matching key (folding for lookups and search, never for display);
//! - [`tokenize`]: tokens with byte spans; [`lookup_keys`]: stems behind proclitics;
//! - [`sentences`]: sentence spans;
//! - [`numbers`]: digits and number words with their value, flags and span;
//! - [`time_expressions`]: dates and relative times resolved against an anchor.
//!
//! ```
//! use marsad_arabic::{key, tokenize, sentences, lookup_keys};
//! let text = "قصفت طائرات أميركية مواقع بالبوكمال. وقُتل 3 عناصر.";
//! assert_eq!(sentences(text).len(), 2);
//! assert_eq!(tokenize(text).len(), 11);
//! assert!(lookup_keys("بالبوكمال").contains(&key("البوكمال")));
//! ```

mod clitics;
mod key;
mod numbers;
mod sentence;
mod time;
mod token;

pub use clitics::{lookup_keys, readings, Reading};
pub use key::{
    compact_key, digit_value, fold_char, is_arabic_letter, is_arabic_mark, key, key_into,
};
pub use numbers::{numbers, NumberExpression};
pub use sentence::sentences;
pub use time::{time_expressions, TimeExpression, TimeValue};
pub use token::{number_value, tokenize, tokenize_into, Token, TokenKind};
