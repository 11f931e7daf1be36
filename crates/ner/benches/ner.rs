//! Tagging speed on Arabic news sentences written for this bench (one core).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use marsad_ner::Tagger;

const SENTENCES: &[&str] = &[
    "أعلن وزير الخارجية الأمريكي كولن باول في واشنطن أمس أن الأمم المتحدة ستعقد اجتماعا طارئا في نيويورك .",
    "وقال الرئيس المصري محمد حسني مبارك خلال لقائه بالعاهل الأردني الملك عبدالله الثاني في القاهرة إن الحل السياسي هو الخيار الوحيد .",
    "قتل ثلاثة مدنيين وأصيب عشرة آخرون في قصف استهدف بلدة سراقب بريف إدلب الشرقي صباح اليوم .",
    "وذكرت وكالة الأنباء الفرنسية أن وفدا من الاتحاد الأوروبي وصل إلى بغداد لبحث ملف الانتخابات مع رئيس الوزراء .",
    "وفاز فريق الأهلي على الزمالك بهدفين مقابل هدف في المباراة التي أقيمت على استاد القاهرة الدولي .",
    "وأكدت شركة أرامكو السعودية أن إنتاجها من النفط سيرتفع إلى 12 مليون برميل يوميا بحلول عام 2025 .",
];

fn bench(c: &mut Criterion) {
    let tagger = Tagger::embedded().expect("the built-in model");
    let sentences: Vec<Vec<&str>> = SENTENCES
        .iter()
        .map(|s| s.split_whitespace().collect())
        .collect();
    let tokens: usize = sentences.iter().map(Vec::len).sum();
    let mut group = c.benchmark_group("ner");
    group.throughput(Throughput::Elements(tokens as u64));
    group.bench_function("tag sentences (tokens/s)", |b| {
        b.iter(|| {
            let mut doc = tagger.document();
            let mut n = 0;
            for s in &sentences {
                n += doc.tag(s).len();
            }
            assert_eq!(n, tokens);
        })
    });
    let text = SENTENCES.join("\n");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("recognize article (bytes/s)", |b| {
        b.iter(|| {
            let mentions = tagger.recognize(&text);
            assert!(mentions.len() >= 10, "{}", mentions.len());
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
