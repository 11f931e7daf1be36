//! A table of our own Arabic sentences: the event the coder must find (sub-event type or PLOVER
//! type, or "no event"), actor1's country and the fatalities. A failing row names the lexicon or
//! module to fix.

use marsad_events::{EventCoder, EventInput};

const HELP: &str = "help: triggers live in data/events/triggers.tsv, context cues (negation, \
intention, habitual, reference) in data/events/cues.tsv, actors in data/events/actors.tsv and \
data/events/nationalities.tsv, arguments and fatalities in crates/events/src/arguments.rs";

fn first_event(text: &str) -> Option<marsad_core::Event> {
    let sentences = marsad_arabic::sentences(text);
    let published = chrono::NaiveDate::from_ymd_opt(2021, 6, 29);
    let dates = marsad_arabic::time_expressions(text, published);
    let numbers = marsad_arabic::numbers(text);
    let input = EventInput {
        text,
        published,
        sentences: &sentences,
        dates: &dates,
        numbers: &numbers,
        ..EventInput::default()
    };
    let out = EventCoder::embedded().code(&input);
    // violent and protest events first: they are what a row is about
    let rank = |e: &marsad_core::Event| match e.plover.event.as_str() {
        "ASSAULT" | "FIGHT" | "PROTEST" => 0,
        _ => 1,
    };
    out.events.into_iter().min_by_key(rank)
}

macro_rules! event_table {
    ($($text:expr => $want:expr, $country:expr, $fatalities:expr;)*) => {{
        let mut failures = Vec::new();
        $(
            let got = first_event($text);
            let want_country: Option<&str> = $country;
            let want_fatalities: Option<u32> = $fatalities;
            let ok = match &got {
                None => $want == "no event",
                Some(e) => (e.sub_event_type == $want || e.plover.event == $want)
                    && e.actor1.as_ref().and_then(|a| a.country.as_deref()) == want_country
                    && e.fatalities == want_fatalities,
            };
            if !ok {
                failures.push(format!(
                    "{}\n    want {} / {:?} / {:?}\n    got  {:?}",
                    $text,
                    $want,
                    want_country,
                    want_fatalities,
                    got.as_ref().map(|e| (
                        e.sub_event_type.clone(),
                        e.plover.event.clone(),
                        e.actor1.as_ref().map(|a| a.name.clone()),
                        e.fatalities,
                        e.evidence.trigger.text.clone()
                    ))
                ));
            }
        )*
        assert!(failures.is_empty(), "{} row(s) failed:\n{}\n{}", failures.len(), failures.join("\n"), HELP);
    }};
}

#[test]
fn sentence_table() {
    event_table! {
        // air and drone strikes
        "قصفت طائرات أميركية أمس مواقع للميليشيات الإيرانية قرب البوكمال." => "Air/drone strike", Some("US"), None;
        "شنت المقاتلات الروسية غارات جوية على ريف إدلب الجنوبي فجر اليوم، ما أدى إلى مقتل 5 مدنيين." => "Air/drone strike", Some("RU"), Some(5);
        "استهدفت طائرة مسيّرة تركية سيارة في القامشلي أمس، ما أسفر عن مقتل شخصين." => "Air/drone strike", Some("TR"), Some(2);
        "قُتل ثلاثة عناصر من حزب الله في غارة إسرائيلية على جنوب لبنان أمس." => "Air/drone strike", Some("IL"), Some(3);
        "نفذ الطيران الحربي السوري غارات على بلدة كفرنبل صباح اليوم." => "Air/drone strike", Some("SY"), None;
        // shelling, explosives, suicide bombs
        "قصفت قوات النظام بالمدفعية الثقيلة قرى جبل الزاوية أمس." => "Shelling/artillery/missile attack", Some("SY"), None;
        "سقطت قذائف هاون على حي سكني في دمشق أمس، وأصيب 4 أشخاص بجروح." => "Shelling/artillery/missile attack", None, None;
        "أطلقت سرايا القدس رشقة صاروخية على مستوطنات غلاف غزة فجر اليوم." => "Shelling/artillery/missile attack", Some("PS"), None;
        "انفجرت عبوة ناسفة بدورية للشرطة العراقية في الموصل أمس، ما أدى إلى مقتل شرطيين." => "Remote explosive/landmine/IED", None, Some(2);
        "قُتل 12 شخصاً وأصيب 30 آخرون بانفجار سيارة مفخخة في سوق بمدينة أعزاز أمس." => "Remote explosive/landmine/IED", None, Some(12);
        "فجر انتحاري نفسه وسط تجمع للمصلين في كابل أمس، ما أسفر عن سقوط قتلى." => "Suicide bomb", None, Some(3);
        "أعلن تنظيم داعش مسؤوليته عن هجوم انتحاري بحزام ناسف استهدف حاجزاً للجيش أمس." => "Suicide bomb", None, None;
        "ألقى مجهولون قنبلة يدوية على منزل في درعا أمس." => "Grenade", None, None;
        // battles and territory
        "اندلعت اشتباكات عنيفة بين قوات سوريا الديمقراطية ومقاتلي العشائر في ريف دير الزور أمس." => "Armed clash", Some("SY"), None;
        "دارت معارك بين الجيش السوداني وقوات الدعم السريع في الخرطوم اليوم، وقتل فيها العشرات." => "Armed clash", Some("SD"), Some(10);
        "سيطرت هيئة تحرير الشام على قرية جديدة في ريف حلب أمس." => "Non-state actor overtakes territory", Some("SY"), None;
        "استعادت القوات الحكومية اليمنية السيطرة على مديرية حريب أمس." => "Government regains territory", Some("YE"), None;
        // violence against civilians
        "اغتال مسلحون مجهولون قيادياً سابقاً في المعارضة بريف درعا الغربي أمس." => "Attack", None, Some(1);
        "أطلق مسلحون النار على سيارة مدنية في بغداد أمس، فقتلوا سائقها." => "Attack", None, None;
        "اختطف مسلحون مجهولون صحافياً فرنسياً في شمال مالي أمس." => "Abduction/forced disappearance", None, None;
        "لقي 7 مدنيين حتفهم في هجوم مسلح على قرية في ولاية غرب دارفور أمس." => "Attack", None, Some(7);
        "قتلت القوات الأميركية 11 مسلحاً في عملية بمدينة الكوت فجر أمس." => "ASSAULT", Some("US"), Some(11);
        // type choice: aircraft in the clause, a killing joining the strike, armed targets
        "قتل 12 مدنياً أمس في هجمات جوية روسية على بلدة في ريف إدلب." => "Air/drone strike", Some("RU"), Some(12);
        "أعلنت مصادر محلية مقتل قيادي في الحزب أمس، خلال غارة على ريف دمشق." => "Air/drone strike", None, None;
        "قتل عشرة جنود سودانيين أمس في كمين نصبه مسلحون قرب ميدي." => "Armed clash", None, Some(10);
        "قصفت طائرات الاحتلال منزلاً في غزة فجر اليوم." => "Air/drone strike", Some("IL"), None;
        // numbers that are not tolls: a day, a dual of things, a running total
        "19 ديسمبر: مقتل ثلاثة مدنيين في قصف مدفعي على بلدة في ريف حماة." => "Shelling/artillery/missile attack", None, Some(3);
        "قتل 18 عنصراً أمس في غارات تركية على قريتين شمال عفرين، ما يرفع حصيلة القتلى إلى 54." => "Air/drone strike", Some("TR"), Some(18);
        // doers right after the verb: a body of forces (its members there are the killed), a people
        "قتلت القوات الأمنية العراقية ثلاثة مسلحين في الموصل أمس." => "ASSAULT", Some("IQ"), Some(3);
        "قتل خمسة جنود أتراك في هجوم على نقطة عسكرية قرب إدلب أمس." => "ASSAULT", None, Some(5);
        "هاجم الأتراك قرى في ريف عفرين أمس." => "ASSAULT", Some("TR"), None;
        "قالت مصادر محلية إن أحد عناصر ميليشيا الحوثي أطلق النار على طفل في قرية غرب تعز أمس." => "ASSAULT", Some("YE"), None;
        "قتل خمسة من الحوثيين في غارة على صعدة أمس." => "Air/drone strike", None, Some(5);
        "قتل 3 مدنيين في قصف إسرائيلي استهدف مواقع عدة في قطاع غزة أمس." => "Shelling/artillery/missile attack", Some("IL"), Some(3);
        "تعرضت القوات لهجوم من الحوثيين في صعدة أمس." => "ASSAULT", Some("YE"), None;
        "هاجم الإسرائيليين مسلحون في القدس أمس." => "ASSAULT", None, None;
        // aircraft named further on are the doers, never the target; a gathering of forces
        // after the verb is its target
        "أعلنت مصادر طبية مقتل فلسطينيين اثنين بشظايا صاروخ أطلقته طائرة إسرائيلية من دون طيار شرقي بلدة جباليا أمس." => "Air/drone strike", Some("IL"), Some(2);
        "انفجرت سيارة مفخخة استهدفت تجمعاً لقوات النظام قرب تدمر أمس." => "Remote explosive/landmine/IED", None, None;
        // a count among those already counted is no more deaths («بينهم», «منهم»)
        "قتل 10 أشخاص بينهم 3 أطفال في قصف مدفعي على بلدة في ريف حماة أمس." => "Shelling/artillery/missile attack", None, Some(10);
        "استهدفت غارات جوية مواقع لحزب الله في ريف حمص أمس، ما أسفر عن سقوط قتلى بينهم أحد القادة." => "Air/drone strike", None, Some(3);
        // a hashtag's underscores join its words
        "قصف #الجيش_الإسرائيلي موقعاً في جنوب لبنان أمس." => "ASSAULT", Some("IL"), None;
        // a number joined by «و» to a counted number and its noun goes on with the count
        "تعرضت مدينة دوما أمس إلى غارات جوية قتل فيها 20 شخصاً و4 أطفال." => "Air/drone strike", None, Some(24);
        // a count that opens with «و» before an injury word belongs to the injury
        "خلّف الهجوم على مدينة دوما أمس عشرات القتلى والعديد من الجرحى." => "ASSAULT", None, Some(10);
        // a vague count («عدد كبير من») adds nothing to a count the sentence gives
        "أوقعت الغارات على البلدة أمس عشرات القتلى والجرحى، منهم قيادي قتل مع عدد كبير من المسلحين." => "Air/drone strike", None, Some(10);
        "قتل عدد من الجنود وعدد من المدنيين في قصف مدفعي على البلدة أمس." => "Shelling/artillery/missile attack", None, Some(3);
        // protesters killed by forces: excessive force, with the toll («قتلوا برصاص» is a word of killing)
        "قالت مصادر طبية إن خمسة متظاهرين قتلوا برصاص قوات الأمن خلال مظاهرة في وسط المدينة أمس." => "Excessive force against protesters", None, Some(5);
        // a denial said after the report («نافيا أن») cancels the trigger in its clause
        "وأكد المسؤول أن المبنى لم يتضرر، نافيا أن يكون الهجوم قد استهدف مقرا للشرطة." => "no event", None, None;
        // a total since a coup is a running total
        "قتل عشرات المدنيين بقصف الميليشيات منذ انقلابها على الحكومة في صنعاء." => "no event", None, None;
        "قتل خمسة مدنيين وثلاثة عسكريين في قصف مدفعي على بلدة في ريف حماة أمس." => "Shelling/artillery/missile attack", None, Some(8);
        // a count between a death and an injury belongs to the death before it
        "أسفر القصف المدفعي على بلدة في ريف إدلب أمس عن مقتل شخص وإصابة ثلاثة آخرين." => "Shelling/artillery/missile attack", None, Some(1);
        "قتل مدني وأصيب ثلاثة آخرون في قصف مدفعي على بلدة في ريف حماة أمس." => "Shelling/artillery/missile attack", None, Some(1);
        "أسفر القصف المدفعي على بلدة في ريف حماة أمس عن إصابة خمسة أشخاص ومقتل اثنين." => "Shelling/artillery/missile attack", None, Some(2);
        // an assassination kills its target: 1 unless a count is given; an attempt kills nobody
        "اغتال مسلحون مجهولون القيادي في الفصائل أحمد العلي في درعا أمس." => "Attack", None, Some(1);
        "اغتال مسلحون ثلاثة عناصر من الشرطة في درعا أمس." => "ASSAULT", None, Some(3);
        "نجا القيادي أحمد العلي من محاولة اغتيال في درعا أمس." => "Attack", None, None;
        // a running total since a start is no one event; a strike reported beside it is
        "وقتل 25 مدنياً على الأقل منذ بدء الحملة العسكرية على المدينة." => "no event", None, None;
        "وهكذا يرتفع عدد القتلى الذين سقطوا برصاص الجيش منذ بدء الاحتجاجات إلى 53." => "no event", None, None;
        "قصفت طائرات روسية بلدة في ريف إدلب أمس في أعنف غارات منذ بداية العام." => "Air/drone strike", Some("RU"), None;
        // rockets and guns: the weapon said with the attack, not its target
        "استهدفت صواريخ إسرائيلية مواقع للجيش السوري قرب دمشق أمس." => "Shelling/artillery/missile attack", Some("IL"), None;
        "هاجم مسلحون مجموعة مدفعية تابعة للجيش في ريف درعا أمس." => "Attack", None, None;
        // «مسيرة» after an aircraft noun is a drone, not a march
        "شنت طائرات مسيرة هجوما على قاعدة عسكرية أمس." => "Air/drone strike", None, None;
        "تظاهر المئات في بيروت أمس احتجاجا على الغارات الإسرائيلية على غزة." => "Peaceful protest", None, None;
        // one victim named by a title after a singular word of killing
        "أعلنت مصادر محلية مقتل الصحفي أحمد العلي في قصف مدفعي على درعا أمس." => "Shelling/artillery/missile attack", None, Some(1);
        "قتلوا القيادي في قصف مدفعي على درعا أمس." => "Shelling/artillery/missile attack", None, None;
        // protests and riots
        "تظاهر آلاف السوريين في مدينة إدلب أمس الجمعة للمطالبة بإسقاط النظام." => "Peaceful protest", None, None;
        "نظم عشرات الصحفيين وقفة احتجاجية أمام نقابة الصحفيين في القاهرة اليوم." => "Peaceful protest", None, None;
        "أضرب عمال الموانئ في البصرة عن العمل أمس احتجاجاً على تأخر الرواتب." => "PROTEST", None, None;
        "فرقت الشرطة المتظاهرين بالغاز المسيل للدموع في وسط الخرطوم أمس." => "Protest with intervention", None, None;
        "رشق محتجون قوات الأمن بالحجارة وأحرقوا الإطارات في بيروت ليل أمس." => "Violent demonstration", None, None;
        // strategic developments
        "اجتمع وزير الخارجية التركي مع نظيره الروسي في أنقرة أمس لبحث الوضع في إدلب." => "CONSULT", None, None;
        "وقّع الطرفان اتفاقاً لوقف إطلاق النار في طرابلس أمس برعاية أممية." => "Agreement", None, None;
        // negotiations held to agree are no agreement; one reached is
        "أعلنت الفصائل أمس فشل جولة مفاوضات مع الجانب الروسي للاتفاق على هدنة." => "CONSULT", None, None;
        "أعلنت حركة حماس أمس أنها توصلت لاتفاق لوقف إطلاق النار مع إسرائيل." => "Agreement", Some("PS"), None;
        // a ceasefire said without the article is a ceasefire, not a shooting
        "أعلنت الحكومة والمتمردون أمس التوصل إلى وقف إطلاق نار في دارفور." => "Agreement", None, None;
        "اعتقلت قوات الأمن التركية 15 شخصاً يشتبه بانتمائهم لتنظيم داعش في إسطنبول أمس." => "Arrests", Some("TR"), None;
        "داهمت قوات الاحتلال الإسرائيلي مخيم جنين فجر اليوم واعتقلت 4 شبان." => "Arrests", Some("IL"), None;
        "انسحبت القوات الروسية من نقطة عسكرية في ريف الرقة أمس." => "Non-violent transfer of territory", Some("RU"), None;
        "أرسلت القوات التركية تعزيزات عسكرية إلى ريف إدلب أمس." => "Change to group/activity", Some("TR"), None;
        "فككت الفرق الهندسية عبوة ناسفة زرعت على طريق دير الزور أمس." => "Disrupted weapons use", None, None;
        // air defences shoot from the ground: their «الجوية» makes no air strike of a missile
        "أصاب صاروخ باليستي أطلقه الحوثيون حيا سكنيا في جازان أمس وتصدت الدفاعات الجوية لصاروخ آخر." => "Shelling/artillery/missile attack", Some("YE"), None;
        // the doer said by «ل» after a strike's noun, a group's adjective, a weapon's nationality,
        // forces belonging to a named actor, dual missiles (the rows whose actor is read by the
        // event's country are in tests/article.rs, which has places)
        "أسفر قصف لقوات النظام على بلدة كفرنبل عن مقتل ثلاثة مدنيين أمس." => "Shelling/artillery/missile attack", Some("SY"), Some(3);
        "هاجم مسلحون حوثيون قرية في محافظة البيضاء أمس." => "ASSAULT", Some("YE"), None;
        "قتل شاب فلسطيني أمس بالرصاص الحي الإسرائيلي شرق خان يونس." => "Attack", Some("IL"), None;
        "اعتقلت الأجهزة الأمنية التابعة لحماس صحفيا في خان يونس أمس." => "Arrests", Some("PS"), None;
        "سقط صاروخان إسرائيليان على موقع للجيش السوري قرب دمشق أمس." => "Shelling/artillery/missile attack", Some("IL"), None;
        // a running total since a start said with «منذ أن بدأت», whatever word says how they died
        "قتل 40 متظاهرا برصاص قوات الأمن منذ أن بدأت الاحتجاجات في المدينة." => "no event", None, None;
        // a toll raised to a total is no one event's toll; a number after «منذ» measures time
        "قتل 14 مدنيا أمس في قصف على البلدة ليرتفع العدد إلى 46 قتيلا منذ 17 حزيران." => "Shelling/artillery/missile attack", None, Some(14);
        "قتل عشرة مقاتلين أمس في غارات على البلدة، ليرتفع بذلك إلى 117 عدد القتلى منذ بدء الهجوم." => "Air/drone strike", None, Some(10);
        "قتل عدد منهم في الغارة على البلدة أمس." => "Air/drone strike", None, Some(3);
        // a total since a war began is no event
        "قتل نحو عشرة آلاف شخص في البلاد منذ بدأ القتال فيها عام 2014." => "no event", None, None;
        // not events
        "لم تقصف الطائرات الروسية أي موقع في إدلب أمس." => "no event", None, None;
        "نفى الجيش الإسرائيلي أن يكون قد شن غارات على دمشق." => "no event", None, None;
        "تهدد تركيا بشن عملية عسكرية جديدة ضد قسد في شمال سوريا." => "no event", None, None;
        "إذا استمر القصف فإن المدنيين سيغادرون المدينة." => "no event", None, None;
        "هل ستشن إسرائيل هجوماً على إيران؟" => "no event", None, None;
        "تتعرض الميليشيات الإيرانية في سوريا لغارات جوية متكررة." => "no event", None, None;
        "يخشى السكان من عودة الاغتيالات إلى المدينة." => "no event", None, None;
        // control said of a place describes it; it reports no takeover
        "وصل النازحون إلى المناطق الخاضعة لسيطرة المعارضة في ريف حلب أمس." => "no event", None, None;
        "يعيش آلاف المدنيين في مناطق تحت سيطرة تنظيم داعش." => "no event", None, None;
        "نزح آلاف المدنيين إلى مناطق سيطرة قوات النظام يوم الاثنين." => "no event", None, None;
        "نزح آلاف المدنيين لمناطق سيطرة قوات النظام يوم الاثنين." => "no event", None, None;
        "شهدت المدينة الخاضعة لسيطرة القوات التركية اشتباكات عنيفة بين فصيلين مسلحين يوم الأربعاء." => "Armed clash", None, None;
        // what air defences destroy is an incoming weapon; a ministry of defence is no air defence
        "دمرت الدفاعات الجوية صاروخا باليستيا أطلق باتجاه المدينة يوم الأحد." => "Disrupted weapons use", None, None;
        "أعلنت وزارة الدفاع أن طائراتها دمرت مخزنا للأسلحة يوم الأحد." => "Looting/property destruction", None, None;
        // those killed with one named are counted besides him; a toll denied is none; an IED to
        // be planted is no explosion; a tear-gas canister is no bomb
        "قتل القيادي في الجماعة مع 2 من مرافقيه في غارة جوية يوم الثلاثاء." => "Air/drone strike", None, Some(3);
        "قتل مدنيان في قصف مدفعي على القرية يوم الأحد." => "Shelling/artillery/missile attack", None, Some(2);
        // stopping a firing is none; options are no deeds; an interception said by its passive
        // or after «تمكنت من»; an infiltration foiled is a clash
        "أعلنت الفصائل قرارها وقف إطلاق الصواريخ باتجاه المدينة يوم الخميس." => "no event", None, None;
        "وضعت الوزارة خيارات تشمل شن ضربات جوية على مواقع المسلحين." => "no event", None, None;
        "قال الجيش إن الصاروخ تم اعتراضه فوق المدينة يوم الأحد." => "Disrupted weapons use", None, None;
        "تم إحباط محاولة تسلل لمسلحين قرب الحدود يوم الأحد." => "Armed clash", None, None;
        "سقطت قذيفة صاروخية قرب المدينة يوم الخميس، ولم تسفر عن أضرار أو ضحايا." => "Shelling/artillery/missile attack", None, None;
        "قتل ثلاثة مسلحين أثناء محاولتهم زرع عبوات ناسفة قرب الحدود يوم الأحد." => "Attack", None, Some(3);
        "أصيب مسعف بعد أن أطلق الجنود قنبلة غاز على سيارة إسعاف قرب الحدود يوم الجمعة." => "Protest with intervention", None, None;
        // a flag or a picture burnt is a protest's act, not property destruction
        "أحرق متظاهرون العلم الإسرائيلي أمام السفارة يوم الجمعة." => "Peaceful protest", None, None;
        "تعقد المحكمة جلسة جديدة في قضية اغتيال الحريري الشهر المقبل." => "no event", None, None;
        "قال الوزير إن الإرهاب يستهدف استقرار المنطقة." => "no event", None, None;
        // an attack by a person named by a title is in words
        "وهاجم الرئيس السوري مشاركة قوات أجنبية في الحرب، واصفا إياها بالاستعمارية." => "no event", None, None;
        "وشن الرئيس الفلبيني هجوماً على الكويت بعد الإعلان عن مقتل مواطنته." => "no event", None, None;
        "تعتزم الحكومة تنفيذ حملة اعتقالات واسعة في الأسابيع المقبلة." => "no event", None, None;
        "وتتمركز القوات على مشارف المدينة تأهبا لمعركة كبرى لتحريرها." => "no event", None, None;
    }
}
