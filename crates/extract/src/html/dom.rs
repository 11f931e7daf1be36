//! A page parsed (html5ever, through dom_query) into a flat pre-order list of the nodes that can
//! carry content, with the metadata tags gathered on the way. Every walk over it is a loop, never
//! recursion, so that 100,000 nested tags cost time and memory in proportion, not a stack overflow.

use dom_query::{Document, NodeData, NodeId};

/// One element or text node, in document order.
#[derive(Debug, Clone)]
pub struct Node {
    /// Lower-case tag name; empty for text.
    pub tag: String,
    /// Text of a text node.
    pub text: Option<String>,
    /// `class` and `id` (and `role`, `itemprop`), lower case, space separated.
    pub marks: String,
    /// Index of the parent (the root is its own parent).
    pub parent: usize,
    /// One past the last node of this node's subtree.
    pub end: usize,
}

impl Node {
    pub fn is_text(&self) -> bool {
        self.text.is_some()
    }
}

/// What the head and inline metadata of a page say.
#[derive(Debug, Clone, Default)]
pub struct PageMeta {
    /// `<meta name|property|itemprop=... content=...>`, names lower case.
    pub metas: Vec<(String, String)>,
    /// Bodies of `<script type="application/ld+json">`.
    pub json_ld: Vec<String>,
    pub title: Option<String>,
    /// `datetime` of `<time>` elements (and `itemprop=datePublished` values), in order.
    pub times: Vec<TimeMark>,
    /// `<html lang>`.
    pub lang: Option<String>,
    /// `<link rel=canonical>`.
    pub canonical: Option<String>,
}

/// A machine-readable date in the body.
#[derive(Debug, Clone)]
pub struct TimeMark {
    pub value: String,
    /// Marked as the publication date (`itemprop=datePublished`, `pubdate`, a class naming it).
    pub published: bool,
    /// Marked as a modification date.
    pub modified: bool,
}

/// A page as a flat node list.
#[derive(Debug, Default)]
pub struct Dom {
    pub nodes: Vec<Node>,
    pub meta: PageMeta,
}

/// Elements whose content is never article text.
fn is_skipped(tag: &str) -> bool {
    matches!(
        tag,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "math"
            | "iframe"
            | "object"
            | "embed"
            | "canvas"
            | "select"
            | "option"
            | "button"
            | "input"
            | "textarea"
            | "video"
            | "audio"
            | "map"
            | "dialog"
    )
}

fn attr<'a>(attrs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

fn is_hidden(attrs: &[(String, String)]) -> bool {
    if attrs.iter().any(|(k, _)| k == "hidden") {
        return true;
    }
    if attr(attrs, "aria-hidden") == Some("true") {
        return true;
    }
    if let Some(style) = attr(attrs, "style") {
        let s: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if s.contains("display:none") || s.contains("visibility:hidden") {
            return true;
        }
    }
    false
}

/// The attributes anything here reads; the others (`data-*`, `src`, events) are never copied.
fn is_read_attr(name: &str) -> bool {
    matches!(
        name,
        "class"
            | "id"
            | "role"
            | "itemprop"
            | "hidden"
            | "aria-hidden"
            | "style"
            | "property"
            | "name"
            | "content"
            | "rel"
            | "href"
            | "type"
            | "datetime"
            | "lang"
            | "pubdate"
    )
}

enum Step {
    Enter(NodeId, usize),
    Exit(usize),
}

impl Dom {
    /// Parses `html` and flattens it.
    pub fn parse(html: &str) -> Dom {
        let doc = Document::from(html);
        let mut dom = Dom::default();
        let tree = &doc.tree;
        let mut stack = vec![Step::Enter(tree.root_id(), 0)];
        while let Some(step) = stack.pop() {
            let (id, parent) = match step {
                Step::Exit(idx) => {
                    dom.nodes[idx].end = dom.nodes.len();
                    continue;
                }
                Step::Enter(id, parent) => (id, parent),
            };
            let info = tree.query_node(&id, |n| {
                let first_child = n.first_child;
                match &n.data {
                    NodeData::Text { contents } => (first_child, Some(contents.to_string()), None),
                    NodeData::Element(el) => {
                        let attrs: Vec<(String, String)> = el
                            .attrs
                            .iter()
                            .filter(|a| is_read_attr(&a.name.local))
                            .map(|a| (a.name.local.to_string(), a.value.to_string()))
                            .collect();
                        (first_child, None, Some((el.name.local.to_string(), attrs)))
                    }
                    NodeData::Document | NodeData::Fragment => {
                        (first_child, None, Some((String::new(), Vec::new())))
                    }
                    _ => (None, None, None),
                }
            });
            let Some((first_child, text, element)) = info else {
                continue;
            };
            let idx = dom.nodes.len();
            if let Some(text) = text {
                let in_title = dom.nodes.get(parent).is_some_and(|p| p.tag == "title");
                if in_title && dom.meta.title.is_none() {
                    dom.meta.title = Some(text.clone());
                }
                dom.nodes.push(Node {
                    tag: String::new(),
                    text: Some(text),
                    marks: String::new(),
                    parent,
                    end: idx + 1,
                });
                continue;
            }
            let Some((tag, attrs)) = element else {
                continue;
            };
            dom.note_metadata(tree, id, &tag, &attrs);
            if is_skipped(&tag) || is_hidden(&attrs) {
                continue;
            }
            let mut marks = String::new();
            for name in ["class", "id", "role", "itemprop"] {
                if let Some(v) = attr(&attrs, name) {
                    if !marks.is_empty() {
                        marks.push(' ');
                    }
                    marks.push_str(&v.to_ascii_lowercase());
                }
            }
            dom.nodes.push(Node {
                tag,
                text: None,
                marks,
                parent: if idx == 0 { 0 } else { parent },
                end: idx + 1,
            });
            stack.push(Step::Exit(idx));
            // children pushed in reverse so they pop in order
            let mut children = Vec::new();
            let mut child = first_child;
            while let Some(c) = child {
                children.push(c);
                child = tree.query_node(&c, |n| n.next_sibling).flatten();
            }
            for c in children.into_iter().rev() {
                stack.push(Step::Enter(c, idx));
            }
        }
        dom
    }

    fn note_metadata(
        &mut self,
        tree: &dom_query::Tree,
        id: NodeId,
        tag: &str,
        attrs: &[(String, String)],
    ) {
        let meta = &mut self.meta;
        match tag {
            "html" => {
                if let Some(l) = attr(attrs, "lang") {
                    meta.lang = Some(l.to_string());
                }
            }
            "meta" => {
                let key = attr(attrs, "property")
                    .or_else(|| attr(attrs, "name"))
                    .or_else(|| attr(attrs, "itemprop"));
                if let (Some(k), Some(v)) = (key, attr(attrs, "content")) {
                    meta.metas
                        .push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
                }
            }
            "link" if attr(attrs, "rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical")) => {
                meta.canonical = attr(attrs, "href").map(str::to_string);
            }
            "script" => {
                let is_ld = attr(attrs, "type")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
                if is_ld {
                    let text = tree.get_unchecked(&id).text().to_string();
                    meta.json_ld.push(text);
                }
            }
            _ => {}
        }
        let itemprop = attr(attrs, "itemprop").map(str::to_ascii_lowercase);
        let datetime = attr(attrs, "datetime");
        if tag == "time" || (datetime.is_some() && itemprop.is_some()) {
            if let Some(v) = datetime.or_else(|| attr(attrs, "content")) {
                let marks = format!(
                    "{} {} {}",
                    itemprop.as_deref().unwrap_or(""),
                    attr(attrs, "class").unwrap_or(""),
                    attr(attrs, "id").unwrap_or("")
                )
                .to_ascii_lowercase();
                let published = marks.contains("datepublished")
                    || marks.contains("publish")
                    || attrs.iter().any(|(k, _)| k == "pubdate");
                let modified = marks.contains("modif") || marks.contains("updat");
                meta.times.push(TimeMark {
                    value: v.trim().to_string(),
                    published,
                    modified,
                });
            }
        } else if let Some(p) = itemprop.as_deref() {
            if (p == "datepublished" || p == "datecreated") && tag != "meta" {
                let v = attr(attrs, "content")
                    .map(str::to_string)
                    .unwrap_or_else(|| tree.get_unchecked(&id).text().trim().to_string());
                meta.times.push(TimeMark {
                    value: v,
                    published: true,
                    modified: false,
                });
            }
        }
    }
}
