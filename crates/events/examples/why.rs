//! Prints the filter's view of every candidate of a text read from standard input.
use std::io::Read;

fn main() {
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text).unwrap();
    let published = chrono::NaiveDate::from_ymd_opt(2021, 6, 28);
    let sentences = marsad_arabic::sentences(&text);
    let dates = marsad_arabic::time_expressions(&text, published);
    let numbers = marsad_arabic::numbers(&text);
    let input = marsad_events::EventInput {
        text: &text,
        published,
        sentences: &sentences,
        dates: &dates,
        numbers: &numbers,
        ..Default::default()
    };
    for c in marsad_events::EventCoder::embedded().filter_candidates(&input) {
        println!(
            "{} {:?} {:?} rules {}",
            c.family,
            c.trigger.slice(&text),
            c.probability,
            c.rule_valid
        );
        if std::env::var("FEATS").is_ok() {
            let model = include_str!("../../../data/events/filter.tsv");
            let w = |t: &str, v: &str| {
                model
                    .lines()
                    .map(|l| l.split('\t').collect::<Vec<_>>())
                    .find(|f| f.len() == 4 && f[0] == c.family && f[1] == t && f[2] == v)
                    .and_then(|f| f[3].parse::<f32>().ok())
                    .unwrap_or(0.0)
            };
            let mut fs: Vec<(f32, String)> = c
                .features
                .iter()
                .map(|(t, v)| (w(t, v), format!("{t}={v}")))
                .filter(|x| x.0 != 0.0)
                .collect();
            fs.sort_by(|a, b| a.0.total_cmp(&b.0));
            println!("   {fs:?}");
        }
    }
}
