//! The main text of a page: paragraphs are gathered from the flat node list, scored into their
//! containers by length, punctuation and link density (weighted by what class and id names
//! say), the best container and its like siblings are kept, and their paragraphs are filtered
//! once more for links and boilerplate.

use super::dom::Dom;

/// A run of inline text inside one block element.
#[derive(Debug, Clone)]
pub struct Paragraph {
    pub text: String,
    /// Characters (not bytes) of `text`.
    pub chars: usize,
    /// Characters inside links.
    pub link_chars: usize,
    /// The innermost block element holding the text.
    pub owner: usize,
    /// Inside an element that names itself boilerplate (navigation, comments, sharing...).
    pub boiler: bool,
    pub heading: bool,
}

impl Paragraph {
    pub fn link_density(&self) -> f32 {
        if self.chars == 0 {
            0.0
        } else {
            self.link_chars as f32 / self.chars as f32
        }
    }
}

fn is_block(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "blockquote"
            | "pre"
            | "table"
            | "tr"
            | "td"
            | "th"
            | "tbody"
            | "thead"
            | "tfoot"
            | "caption"
            | "figure"
            | "figcaption"
            | "header"
            | "footer"
            | "nav"
            | "aside"
            | "form"
            | "address"
            | "center"
            | "details"
            | "summary"
            | "fieldset"
            | "body"
            | "html"
            | "hr"
            | "br"
    )
}

fn is_heading(tag: &str) -> bool {
    matches!(tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// Class/id fragments of elements that hold no article text.
const UNLIKELY: &[&str] = &[
    "-ad-",
    "ad-break",
    "agegate",
    "banner",
    "breadcrumb",
    "combx",
    "comment",
    "community",
    "cover-wrap",
    "disqus",
    "extra",
    "footer",
    "gdpr",
    "header",
    "legends",
    "menu",
    "related",
    "remark",
    "replies",
    "rss",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "social",
    "sponsor",
    "supplemental",
    "pagination",
    "pager",
    "popup",
    "cookie",
    "newsletter",
    "subscribe",
    "share",
    "sharing",
    "outbrain",
    "taboola",
    "most-read",
    "mostread",
    "trending",
    "recommend",
    "copyright",
    "signup",
];

/// Class/id fragments that keep an element even when it also names something unlikely.
const MAYBE: &[&str] = &[
    "and", "article", "body", "column", "content", "main", "shadow", "story", "entry",
];

const POSITIVE: &[&str] = &[
    "article", "body", "content", "entry", "hentry", "main", "page", "post", "text", "blog",
    "story", "detail", "news",
];

const NEGATIVE: &[&str] = &[
    "hidden",
    "banner",
    "combx",
    "comment",
    "com-",
    "contact",
    "footer",
    "gdpr",
    "masthead",
    "media",
    "meta",
    "outbrain",
    "promo",
    "related",
    "scroll",
    "share",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "sponsor",
    "shopping",
    "tags",
    "widget",
    "aside",
    "nav",
    "menu",
];

fn has_any(marks: &str, words: &[&str]) -> bool {
    !marks.is_empty() && words.iter().any(|w| marks.contains(w))
}

/// Whether an element's own tag or names mark it as boilerplate.
fn is_boiler(tag: &str, marks: &str) -> bool {
    match tag {
        "nav" | "aside" | "footer" | "figcaption" | "header" => return true,
        "body" | "html" | "article" | "main" => return false,
        _ => {}
    }
    has_any(marks, UNLIKELY) && !has_any(marks, MAYBE)
}

fn class_weight(marks: &str) -> f32 {
    let mut w = 0.0;
    if has_any(marks, NEGATIVE) {
        w -= 25.0;
    }
    if has_any(marks, POSITIVE) {
        w += 25.0;
    }
    w
}

/// The paragraphs of the body of `dom`, in document order.
pub fn paragraphs(dom: &Dom) -> Vec<Paragraph> {
    let nodes = &dom.nodes;
    let Some(body) = nodes.iter().position(|n| n.tag == "body") else {
        return Vec::new();
    };
    let body_end = nodes[body].end;
    // characters of text under each node, to keep big wrappers that merely mention a boilerplate
    // word («site-header-wrapper») from taking the article with them
    let mut text_chars = vec![0usize; nodes.len()];
    for i in (body..body_end).rev() {
        if let Some(t) = &nodes[i].text {
            text_chars[i] += t.len();
        }
        let parent = nodes[i].parent;
        if i != body && parent != i {
            text_chars[parent] += text_chars[i];
        }
    }
    let big = text_chars[body] * 3 / 10;
    let mut out = Vec::new();
    // open elements: (index, end, is link, is boiler, is block)
    let mut open: Vec<(usize, usize, bool, bool, bool)> = Vec::new();
    let mut links = 0usize;
    let mut boilers = 0usize;
    let mut cur = Paragraph {
        text: String::new(),
        chars: 0,
        link_chars: 0,
        owner: body,
        boiler: false,
        heading: false,
    };
    let mut space_pending = false;
    let flush = |cur: &mut Paragraph, out: &mut Vec<Paragraph>| {
        if cur.chars > 0 {
            let text = std::mem::take(&mut cur.text);
            out.push(Paragraph {
                text,
                ..cur.clone()
            });
        }
        cur.text.clear();
        cur.chars = 0;
        cur.link_chars = 0;
    };
    for i in body..body_end {
        while let Some(&(_, end, link, boiler, block)) = open.last() {
            if end > i {
                break;
            }
            open.pop();
            links -= usize::from(link);
            boilers -= usize::from(boiler);
            if block {
                flush(&mut cur, &mut out);
            }
        }
        let n = &nodes[i];
        if let Some(t) = &n.text {
            let owner = open.iter().rev().find(|o| o.4).map_or(body, |o| o.0);
            if t.starts_with(char::is_whitespace) {
                space_pending = true;
            }
            for (k, word) in t.split_whitespace().enumerate() {
                if k > 0 {
                    space_pending = true;
                }
                if cur.chars == 0 {
                    cur.owner = owner;
                    cur.boiler = boilers > 0;
                    cur.heading = is_heading(&nodes[owner].tag);
                } else if space_pending {
                    cur.text.push(' ');
                    cur.chars += 1;
                }
                let c = word.chars().count();
                cur.text.push_str(word);
                cur.chars += c;
                if links > 0 {
                    cur.link_chars += c;
                }
                space_pending = false;
            }
            // a text node ending in a space separates from what follows
            if t.ends_with(|c: char| c.is_whitespace()) {
                space_pending = true;
            }
            continue;
        }
        let block = is_block(&n.tag);
        if block {
            flush(&mut cur, &mut out);
            space_pending = false;
        }
        if n.tag == "br" || n.tag == "hr" {
            continue;
        }
        let link = n.tag == "a";
        let boiler = is_boiler(&n.tag, &n.marks) && (text_chars[i] < big || n.tag == "nav");
        links += usize::from(link);
        boilers += usize::from(boiler);
        open.push((i, n.end, link, boiler, block));
    }
    flush(&mut cur, &mut out);
    out
}

fn commas(text: &str) -> usize {
    text.chars().filter(|&c| c == ',' || c == '،').count()
}

/// The main text of `dom`: its paragraphs joined by a blank line.
pub fn main_text(dom: &Dom, paras: &[Paragraph], title: Option<&str>) -> Vec<String> {
    let nodes = &dom.nodes;
    if paras.is_empty() {
        return Vec::new();
    }
    let n = nodes.len();
    // per node: characters and link characters of the paragraphs in its subtree
    let mut chars = vec![0usize; n];
    let mut link_chars = vec![0usize; n];
    let mut score = vec![0f32; n];
    let mut scored = vec![false; n];
    // good: characters of paragraphs that read like text (not boilerplate, few links)
    let mut good = vec![0usize; n];
    for p in paras {
        chars[p.owner] += p.chars;
        link_chars[p.owner] += p.link_chars;
        if !p.boiler && p.chars >= 25 && p.link_density() < 0.3 {
            good[p.owner] += p.chars;
        }
    }
    for i in (1..n).rev() {
        let parent = nodes[i].parent;
        if parent != i {
            chars[parent] += chars[i];
            link_chars[parent] += link_chars[i];
            good[parent] += good[i];
        }
    }
    for p in paras {
        if p.boiler || p.chars < 25 || p.heading {
            continue;
        }
        let s = 1.0 + commas(&p.text) as f32 + (p.chars as f32 / 100.0).min(3.0);
        let owner_tag = nodes[p.owner].tag.as_str();
        let mut node = if matches!(owner_tag, "div" | "section" | "article" | "td" | "main") {
            p.owner
        } else {
            nodes[p.owner].parent
        };
        for level in 0..3 {
            if !scored[node] {
                scored[node] = true;
                score[node] += initial_score(&nodes[node].tag, &nodes[node].marks);
            }
            score[node] += match level {
                0 => s,
                1 => s / 2.0,
                _ => s / 6.0,
            };
            let parent = nodes[node].parent;
            if parent == node || nodes[node].tag == "body" {
                break;
            }
            node = parent;
        }
    }
    let final_score = |i: usize| -> f32 {
        let ld = if chars[i] == 0 {
            0.0
        } else {
            link_chars[i] as f32 / chars[i] as f32
        };
        score[i] * (1.0 - ld)
    };
    let top = (0..n)
        .filter(|&i| scored[i])
        .max_by(|&a, &b| final_score(a).total_cmp(&final_score(b)));
    let mut keep: Vec<(usize, usize)> = Vec::new();
    // climb from the best candidate while its parent holds clearly more good text (pages built
    // of many small blocks put each paragraph in its own wrapper)
    let top = top.map(|top| {
        let mut best = top;
        let mut anc = top;
        loop {
            let parent = nodes[anc].parent;
            if parent == anc || nodes[anc].tag == "body" || nodes[parent].tag == "body" {
                break best;
            }
            anc = parent;
            let ld = if chars[anc] == 0 {
                0.0
            } else {
                link_chars[anc] as f32 / chars[anc] as f32
            };
            // the best so far holds at most 3/5 of the ancestor's good text
            if good[best] * 5 <= good[anc] * 3 && ld < 0.4 {
                best = anc;
            }
        }
    });
    match top {
        Some(top) => {
            let top_score = final_score(top);
            let threshold = (top_score * 0.2).max(10.0);
            let parent = nodes[top].parent;
            if parent != top && nodes[top].tag != "body" {
                // siblings of the top candidate that look like more of the same
                let mut c = parent + 1;
                while c < nodes[parent].end {
                    let sib = c;
                    c = nodes[sib].end;
                    if sib == top {
                        keep.push((sib, nodes[sib].end));
                        continue;
                    }
                    let mut bonus = 0.0;
                    if !nodes[top].marks.is_empty() && nodes[sib].marks == nodes[top].marks {
                        bonus = top_score * 0.2;
                    }
                    let ld = if chars[sib] == 0 {
                        1.0
                    } else {
                        link_chars[sib] as f32 / chars[sib] as f32
                    };
                    let good = (scored[sib] && final_score(sib) + bonus >= threshold)
                        || (nodes[sib].tag == "p" && chars[sib] > 80 && ld < 0.25);
                    if good && !is_boiler(&nodes[sib].tag, &nodes[sib].marks) {
                        keep.push((sib, nodes[sib].end));
                    }
                }
            } else {
                keep.push((top, nodes[top].end));
            }
        }
        None => return Vec::new(),
    }
    let inside = |owner: usize| keep.iter().any(|&(s, e)| owner >= s && owner < e);
    let title_key = title.map(|t| t.trim().to_lowercase());
    let mut out = Vec::new();
    for p in paras {
        if p.boiler || !inside(p.owner) {
            continue;
        }
        let ld = p.link_density();
        if ld > 0.7 || (ld > 0.35 && p.chars < 80) {
            continue;
        }
        if nodes[p.owner].tag == "h1" {
            continue;
        }
        if p.heading && title_key.as_deref() == Some(p.text.trim().to_lowercase().as_str()) {
            continue;
        }
        out.push(p.text.clone());
    }
    out
}

fn initial_score(tag: &str, marks: &str) -> f32 {
    let base = match tag {
        "div" | "article" | "main" | "section" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    };
    base + class_weight(marks)
}
