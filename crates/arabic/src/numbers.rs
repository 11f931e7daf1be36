//! Numbers in text: digits of every script and number words. (Being written.)

use marsad_core::Span;

/// A count said in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberExpression {
    /// Byte span of the whole expression (approximator and bound words included).
    pub span: Span,
    /// The value (the lower bound of a range; the conventional value of a vague count).
    pub value: u64,
    /// Upper bound of a range («بين 5 و10»), when one was said.
    pub upper: Option<u64>,
    /// «نحو», «حوالي», «قرابة».
    pub approximate: bool,
    /// «أكثر من», «ما لا يقل عن».
    pub at_least: bool,
    /// «أقل من», «ما لا يزيد عن».
    pub at_most: bool,
    /// «عشرات», «مئات», «آلاف».
    pub vague: bool,
}

/// Every number expression in `text`, in order.
pub fn numbers(_text: &str) -> Vec<NumberExpression> {
    Vec::new()
}
