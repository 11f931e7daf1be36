//! Gazetteer benchmarks: geocode of known names (hot), find_places over Arabic news text, and
//! the embedded gazetteer's build time.
//!
//! `cargo bench -p marsad-geo`. The article text is written here (no data from ../shared).

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use marsad_geo::Gazetteer;

const ARTICLE: &str = "\
دير الزور - قالت مصادر محلية إن طائرات مجهولة قصفت مواقع لميليشيات مدعومة من إيران في مدينة البوكمال \
بريف دير الزور الشرقي، قرب الحدود السورية العراقية، ما أدى إلى مقتل ثلاثة عناصر على الأقل. \
وأضافت المصادر أن الغارات استهدفت مستودعات أسلحة في حي الجمعيات وعلى طريق الميادين، بينما \
نقلت الميليشيات جرحاها إلى مشفى في مدينة الميادين. وفي محافظة إدلب، قُتل مدنيان بقصف مدفعي \
على بلدة كفرنبل في ريف إدلب الجنوبي، فيما تعرضت قرى في جبل الزاوية لقصف صاروخي. \
وفي العراق، أعلنت قيادة العمليات المشتركة مقتل اثنين من عناصر تنظيم الدولة في صحراء الأنبار \
غربي بغداد، قرب مدينة القائم على الحدود مع سوريا. وقال مسؤول في محافظة نينوى إن القوات الأمنية \
اعتقلت خمسة مطلوبين في الموصل وتلعفر. وفي اليمن، تجددت الاشتباكات في محافظة مأرب وفي مديرية \
حيس جنوب الحديدة، وأعلن التحالف اعتراض طائرة مسيرة أطلقت نحو جازان.\n\n";

fn benches(c: &mut Criterion) {
    let g = Gazetteer::embedded();

    let mut group = c.benchmark_group("geocode");
    group.throughput(Throughput::Elements(1));
    group.bench_function("known name, best candidate", |b| {
        b.iter(|| {
            let got = g.geocode(black_box("البوكمال"), None, 1);
            assert_eq!(got.len(), 1);
            got
        })
    });
    group.bench_function("with proclitics and country", |b| {
        b.iter(|| {
            let got = g.geocode(black_box("بدير الزور"), Some("SY"), 3);
            assert!(!got.is_empty());
            got
        })
    });
    group.finish();

    let mut group = c.benchmark_group("find_places");
    for (label, text) in [
        ("sentence", ARTICLE.split(". ").next().unwrap().to_string()),
        ("article", ARTICLE.to_string()),
        ("article x20", ARTICLE.repeat(20)),
    ] {
        let expect = g.find_places(&text).len();
        assert!(expect > 0);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(label, |b| {
            b.iter(|| {
                let found = g.find_places(black_box(&text));
                assert_eq!(found.len(), expect);
                found
            })
        });
    }
    group.finish();

    let mut group = c.benchmark_group("load");
    group.sample_size(10);
    group.bench_function("embedded gazetteer build", |b| {
        b.iter_batched(
            || (),
            |_| {
                let g = Gazetteer::from_records(Vec::new());
                black_box(g.len());
                // the whole build: the embedded places parsed and indexed
                let g = Gazetteer::layered(Vec::new(), Vec::new());
                assert!(g.len() > 40_000);
                g
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(geo, benches);
criterion_main!(geo);
